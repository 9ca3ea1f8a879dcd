import type { Message, ToolCall, ToolDefinition } from "./messages.ts";

export type FinishReason = "stop" | "length" | "tool-calls" | "content-filter" | "error" | "other";

export interface Usage {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  reasoningTokens?: number | undefined;
}

/**
 * What the runner knows about the call. Real providers ignore it; the scripted model uses it to play
 * its part, because a script has to know which case it is answering.
 */
export interface CallContext {
  phase: "answer" | "confession" | "confession-repair" | "judge";
  task?: string;
  caseId?: string;
  /** The task's case payload, exactly as the task generated it. */
  case?: unknown;
  sampleIndex?: number;
  variant?: string;
  /** The stress condition the prompt was given under (`baseline` when none). */
  condition?: string;
  seed?: number;
  /** For `judge` calls: which judge is asking and the structured input its prompt was built from. */
  judge?: { kind: string; input: unknown };
}

export interface ModelRequest {
  messages: Message[];
  tools?: ToolDefinition[];
  /** Ask for JSON matching this schema through the provider's structured-output mode. */
  responseFormat?: { type: "json"; name: string; schema: Record<string, unknown> };
  temperature?: number;
  maxOutputTokens?: number;
  seed?: number;
  signal?: AbortSignal;
  context?: CallContext;
}

export interface ModelResponse {
  text: string;
  /** Reasoning text, where the provider returns it. */
  reasoning?: string;
  toolCalls: ToolCall[];
  finishReason: FinishReason;
  usage: Usage;
  /** The provider's own model id for the response, when reported. */
  responseModel?: string;
}

export interface ModelCapabilities {
  /** The provider has a JSON-schema output mode. */
  structuredOutput: boolean;
  tools: boolean;
}

/**
 * The one interface every model provider implements: plain messages in, one response out.
 * Retries, caching and timeouts are layered around it, not inside it.
 *
 * @example
 * const res = await model.generate({ messages: [{ role: "user", content: "Hi" }] });
 */
export interface ChatModel {
  /** The model spec, for example `openai:gpt-5` or `scripted:honest`. */
  readonly id: string;
  readonly capabilities: ModelCapabilities;
  /** Parameters that change outputs; part of the response cache key. */
  readonly parameters?: Record<string, unknown>;
  generate(request: ModelRequest): Promise<ModelResponse>;
}
