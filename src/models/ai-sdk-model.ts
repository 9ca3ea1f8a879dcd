import {
  type FinishReason as AiFinishReason,
  generateText,
  jsonSchema,
  type LanguageModel,
  type LanguageModelUsage,
  type ModelMessage,
  NoObjectGeneratedError,
  Output,
  type OutputInterface,
  streamText,
  type ToolSet,
  tool,
} from "ai";
import { UsageError } from "../errors/confess-error.ts";
import type { Message, ToolCall, ToolDefinition } from "./messages.ts";
import type { ChatModel, FinishReason, ModelRequest, ModelResponse, Usage } from "./model.ts";
import { parseModelSpec } from "./model-spec.ts";
import { toProviderError } from "./provider-error.ts";
import { type AiSdkProvider, createProviderModel } from "./providers.ts";

export interface AiSdkModelOptions {
  /** `openai:<model>`, `anthropic:<model>` or `openai-compatible:<model>`. */
  spec: string;
  /** Overrides the provider's API URL; required for openai-compatible. */
  baseUrl?: string;
  /** Overrides the key from the environment. */
  apiKey?: string;
  /** Where API keys are read from; `process.env` when omitted. */
  env?: Record<string, string | undefined>;
  /** Use streaming calls (`streamText`) and collect the whole response. */
  stream?: boolean;
  /** Default temperature; a request's own `temperature` wins. */
  temperature?: number;
  /** Default output budget; a request's own `maxOutputTokens` wins. */
  maxOutputTokens?: number;
  /** Whether to use the provider's JSON-schema output mode for `responseFormat`; default true. */
  structuredOutput?: boolean;
  /** Custom fetch, for tests and proxies. */
  fetch?: typeof fetch;
}

/**
 * A {@link ChatModel} backed by the Vercel AI SDK for OpenAI, Anthropic and OpenAI-compatible servers.
 * One `generate` is exactly one provider call: tools are declared without `execute`, so tool calls come
 * back to the caller (who runs its own bounded tool loop), and the SDK never retries (`maxRetries: 0`;
 * wrap with `withRetry`). Errors are thrown as `ConfessError`s.
 *
 * @throws ConfessError `CONFESS_MISSING_API_KEY` when the key is missing; UsageError for a bad spec or
 *   openai-compatible without `baseUrl`.
 * @example
 * const model = createAiSdkModel({ spec: "openai:gpt-5-mini", temperature: 0 });
 * const res = await model.generate({ messages: [{ role: "user", content: "2+2?" }] });
 * console.log(res.text, res.usage.outputTokens);
 */
export function createAiSdkModel(options: AiSdkModelOptions): ChatModel {
  const parsed = parseModelSpec(options.spec);
  if (!parsed.ok) throw new UsageError(parsed.error, "CONFESS_INVALID_MODEL_SPEC");
  const { provider, model } = parsed.value;
  if (provider === "scripted") {
    throw new UsageError(
      `${options.spec} is a scripted model, not an AI SDK provider; build it with the scripted model factory.`,
      "CONFESS_INVALID_MODEL_SPEC",
    );
  }
  const languageModel = createProviderModel({
    provider,
    model,
    ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }),
    ...(options.apiKey !== undefined && { apiKey: options.apiKey }),
    ...(options.env !== undefined && { env: options.env }),
    ...(options.fetch !== undefined && { fetch: options.fetch }),
  });
  const id = `${provider}:${model}`;
  const structuredOutput = options.structuredOutput ?? true;

  // Only what changes outputs (it keys the response cache); stream, keys and fetch do not.
  const parameters: Record<string, unknown> = { structuredOutput };
  if (options.temperature !== undefined) parameters.temperature = options.temperature;
  if (options.maxOutputTokens !== undefined) parameters.maxOutputTokens = options.maxOutputTokens;
  if (options.baseUrl !== undefined) parameters.baseUrl = options.baseUrl;

  return {
    id,
    capabilities: { structuredOutput, tools: true },
    parameters,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const call = {
        model: languageModel,
        messages: toModelMessages(request.messages, provider),
        allowSystemInMessages: true,
        maxRetries: 0,
        ...optional("tools", request.tools?.length ? toAiTools(request.tools) : undefined),
        ...optional(
          "output",
          request.responseFormat && structuredOutput ? rawJsonOutput(request.responseFormat) : undefined,
        ),
        ...optional("temperature", request.temperature ?? options.temperature),
        ...optional("maxOutputTokens", request.maxOutputTokens ?? options.maxOutputTokens),
        ...optional("seed", request.seed),
        ...optional("abortSignal", request.signal),
      };
      try {
        return options.stream ? await streamOnce(call) : await generateOnce(call);
      } catch (error) {
        // A schema mismatch is not a provider failure: our own parser judges the text.
        if (NoObjectGeneratedError.isInstance(error) && error.text !== undefined) {
          return {
            text: error.text,
            toolCalls: [],
            finishReason: mapFinishReason(error.finishReason),
            usage: mapUsage(error.usage),
            ...optional("responseModel", error.response?.modelId),
          };
        }
        throw toProviderError(error, id, request.signal);
      }
    },
  };
}

type CallOptions = {
  model: LanguageModel;
  messages: ModelMessage[];
  allowSystemInMessages: boolean;
  maxRetries: number;
  tools?: ToolSet;
  output?: OutputInterface<string, undefined, never>;
  temperature?: number;
  maxOutputTokens?: number;
  seed?: number;
  abortSignal?: AbortSignal;
};

async function generateOnce(call: CallOptions): Promise<ModelResponse> {
  const result = await generateText(call);
  const reasoning = result.finalStep.reasoningText;
  return {
    // With structured output the SDK may carry the JSON outside the text parts (Anthropic's JSON tool).
    text: call.output ? structuredText(result) : result.text,
    ...optional("reasoning", reasoning || undefined),
    toolCalls: result.toolCalls.map((c) => toToolCall(c.toolCallId, c.toolName, c.input)),
    finishReason: mapFinishReason(result.finishReason),
    usage: mapUsage(result.usage),
    ...optional("responseModel", result.response.modelId),
  };
}

/** The JSON text of a structured-output call; `output` throws when the SDK skipped parsing (no text). */
function structuredText(result: { readonly output: string; readonly text: string }): string {
  try {
    return result.output || result.text;
  } catch {
    return result.text;
  }
}

async function streamOnce(call: CallOptions): Promise<ModelResponse> {
  // Errors arrive as "error" parts, which we throw; the default handler would only log them.
  const result = streamText({ ...call, onError: () => {} });
  let text = "";
  let reasoning = "";
  const toolCalls: ToolCall[] = [];
  let finishReason: FinishReason | undefined;
  let usage: Usage = { inputTokens: undefined, outputTokens: undefined };
  let responseModel: string | undefined;
  for await (const part of result.fullStream) {
    switch (part.type) {
      case "text-delta":
        text += part.text;
        break;
      case "reasoning-delta":
        reasoning += part.text;
        break;
      case "tool-call":
        toolCalls.push(toToolCall(part.toolCallId, part.toolName, part.input));
        break;
      case "finish-step":
        responseModel = part.response.modelId;
        break;
      case "finish":
        finishReason = mapFinishReason(part.finishReason);
        usage = mapUsage(part.totalUsage);
        break;
      case "error":
        throw part.error;
      case "abort":
        throw call.abortSignal?.reason ?? new DOMException("The stream was aborted", "AbortError");
    }
  }
  // A stream that stops without a finish part was cut off: never report it as a clean empty answer.
  if (finishReason === undefined) throw new Error("the response stream ended without a finish event");
  return {
    text,
    ...optional("reasoning", reasoning || undefined),
    toolCalls,
    finishReason,
    usage,
    ...optional("responseModel", responseModel),
  };
}

/**
 * Converts our messages to AI SDK model messages. Assistant tool calls become tool-call parts and tool
 * results become tool messages; assistant reasoning is not sent back.
 *
 * A system message after the first non-system message stays a system message for OpenAI and
 * OpenAI-compatible servers (the confession request is such a mid-conversation system message). Anthropic
 * only accepts system prompts at the start, so there it is sent as a user message prefixed with
 * "[system] ".
 *
 * @example
 * toModelMessages([{ role: "user", content: "hi" }, { role: "system", content: "Confess." }], "anthropic");
 * // [{ role: "user", content: "hi" }, { role: "user", content: "[system] Confess." }]
 */
export function toModelMessages(messages: Message[], provider: AiSdkProvider): ModelMessage[] {
  let seenNonSystem = false;
  return messages.map((message) => {
    if (message.role !== "system") seenNonSystem = true;
    return toModelMessage(message, seenNonSystem && provider === "anthropic");
  });
}

function toModelMessage(message: Message, systemAsUser: boolean): ModelMessage {
  switch (message.role) {
    case "system":
      return systemAsUser
        ? { role: "user", content: `[system] ${message.content}` }
        : { role: "system", content: message.content };
    case "user":
      return { role: "user", content: message.content };
    case "assistant": {
      const calls = message.toolCalls ?? [];
      if (calls.length === 0) return { role: "assistant", content: message.content };
      return {
        role: "assistant",
        content: [
          ...(message.content ? [{ type: "text" as const, text: message.content }] : []),
          ...calls.map((c) => ({
            type: "tool-call" as const,
            toolCallId: c.id,
            toolName: c.name,
            input: c.arguments,
          })),
        ],
      };
    }
    case "tool":
      return {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: message.toolCallId,
            toolName: message.toolName,
            output: { type: "text", value: message.content },
          },
        ],
      };
  }
}

/** Our tool definitions as AI SDK tools without `execute`: the SDK returns the calls instead of running them. */
function toAiTools(tools: ToolDefinition[]): ToolSet {
  const set: ToolSet = {};
  for (const t of tools) {
    set[t.name] = tool({ description: t.description, inputSchema: jsonSchema(t.parameters) });
  }
  return set;
}

/**
 * `Output.object` for the provider's JSON-schema mode, but returning the raw text instead of throwing when
 * it does not parse or match: the confession parser decides what a malformed answer means.
 */
function rawJsonOutput(
  format: NonNullable<ModelRequest["responseFormat"]>,
): OutputInterface<string, undefined, never> {
  const object = Output.object({ schema: jsonSchema(format.schema), name: format.name });
  return {
    ...object,
    parseCompleteOutput: async ({ text }) => text,
    parsePartialOutput: async () => undefined,
  };
}

function toToolCall(id: string, name: string, input: unknown): ToolCall {
  // The SDK parses valid JSON input; invalid input arrives as the raw string, which the contract allows.
  return { id, name, arguments: input };
}

function mapFinishReason(reason: AiFinishReason | undefined): FinishReason {
  switch (reason) {
    case "stop":
    case "length":
    case "tool-calls":
    case "content-filter":
    case "error":
      return reason;
    default:
      // "interrupted" (stream ended without a completion signal) and "other" have no closer match.
      return "other";
  }
}

function mapUsage(usage: LanguageModelUsage | undefined): Usage {
  return {
    inputTokens: usage?.inputTokens,
    outputTokens: usage?.outputTokens,
    ...optional("reasoningTokens", usage?.outputTokenDetails?.reasoningTokens),
  };
}

/** `{ [key]: value }` when value is defined, else `{}`: keeps undefined out of request objects. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
