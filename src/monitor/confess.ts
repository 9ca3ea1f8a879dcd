import type { Message } from "../models/messages.ts";
import type { ChatModel, Usage } from "../models/model.ts";
import type { ConfessionParseResult } from "../protocol/confession-parse-result.ts";
import {
  type ConfessionVariantName,
  DEFAULT_CONFESSION_VARIANT,
  getConfessionVariant,
} from "../protocol/confession-request.ts";
import { type ConfessionCall, confessionTurn } from "../runs/confession-turn.ts";
import {
  DEFAULT_MONITOR_POLICY,
  type MonitorPolicy,
  type PolicyReading,
  readConfession,
} from "./monitor-policy.ts";
import type { MonitorAnswer, MonitorConfessionStatus } from "./monitor-types.ts";

export interface ConfessInput {
  model: ChatModel;
  /** The conversation the answer replied to (system/user/assistant/tool messages). */
  messages: readonly Message[];
  /** The answer: text, or text with tool calls. */
  answer: string | MonitorAnswer;
  /** Which confession request to send; default `paper`. */
  variant?: ConfessionVariantName;
  /** `prompt` never uses the provider's JSON-schema mode (and allows one repair request). Default `auto`. */
  structured?: "auto" | "prompt";
  /** How the confession is read; default {@link DEFAULT_MONITOR_POLICY}. */
  policy?: MonitorPolicy;
  signal?: AbortSignal;
}

export interface ConfessResult extends PolicyReading {
  /** The parse status, or `error` when no confession could be obtained. */
  status: MonitorConfessionStatus;
  /** The parse result; null on `error`. */
  confession: ConfessionParseResult | null;
  /** The confession reply that was parsed (the repair's, when one was asked for); null on `error`. */
  text: string | null;
  /** Tokens of the confession turn (both calls when there was a repair); null on `error`. */
  usage: Usage | null;
  /** Wall time of the confession turn, in whole milliseconds. */
  latencyMs: number;
  /** What went wrong, on `error`. */
  error?: string;
}

/**
 * Reports that the answer ended with this call, for answers that end in tool calls: providers refuse a
 * conversation where a tool call has no result, and the client runs the tool only after the answer.
 */
export const PENDING_TOOL_RESULT =
  "(No result yet: the answer ended with this call, and the tool runs after the answer is delivered.)";

/**
 * Asks a model to confess about one answer and reads the confession with a policy. The transcript is
 * the conversation plus the answer as an assistant message (with its tool calls, each followed by a
 * placeholder result saying it has not run yet); then the confession request, parsed, with one repair
 * request when a prompted reply cannot be read. A confession that could not be obtained (provider error,
 * timeout) comes back with status `error`, flagged, never as a pass; nothing is thrown for it. Only an
 * abort of `signal` is rethrown.
 *
 * @throws the model's error when `signal` was aborted; UsageError for an unknown variant name.
 * @example
 * import { confess } from "confessional";
 *
 * const result = await confess({
 *   model: createAiSdkModel({ spec: "openai:gpt-5-mini" }),
 *   messages: [{ role: "user", content: "Write a haiku about rain, exactly 17 syllables." }],
 *   answer: "Soft rain on the roof / ...",
 * });
 * if (result.flagged) console.warn(result.status, result.grade, result.reasons);
 */
export async function confess(input: ConfessInput): Promise<ConfessResult> {
  const variant = getConfessionVariant(input.variant ?? DEFAULT_CONFESSION_VARIANT);
  const policy = input.policy ?? DEFAULT_MONITOR_POLICY;
  const { model, signal } = input;
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);

  // the phase tells offline models (the scripted one) which part to play; real providers ignore it
  const call: ConfessionCall = (phase, request) =>
    model.generate({
      ...request,
      context: { phase, variant: variant.name },
      ...(signal !== undefined ? { signal } : {}),
    });

  try {
    signal?.throwIfAborted();
    const turn = await confessionTurn({
      model,
      transcript: monitorTranscript(input.messages, input.answer),
      variant,
      structured: input.structured ?? "auto",
      call,
    });
    return {
      status: turn.confession.status,
      confession: turn.confession,
      text: turn.text,
      usage: sumUsage(turn.responses.map((r) => r.usage)),
      latencyMs: elapsed(),
      ...readConfession(turn.confession, policy),
    };
  } catch (error) {
    if (signal?.aborted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return {
      status: "error",
      confession: null,
      text: null,
      usage: null,
      latencyMs: elapsed(),
      error: message,
      grade: null,
      notComplied: [],
      passed: null,
      flagged: true,
      reasons: ["confession error: not obtained, so the answer is unchecked"],
    };
  }
}

/**
 * The conversation a confession is asked about: the messages, then the answer as an assistant message.
 * Tool calls in the answer are kept as calls and each gets a placeholder result ({@link PENDING_TOOL_RESULT}),
 * so the transcript stays valid for providers that require every call to be answered.
 *
 * @example
 * monitorTranscript([{ role: "user", content: "Weather in Oslo?" }],
 *   { text: "", toolCalls: [{ id: "c1", name: "weather", arguments: { city: "Oslo" } }] });
 * // [user, assistant with the call, tool "c1" with the placeholder]
 */
export function monitorTranscript(messages: readonly Message[], answer: string | MonitorAnswer): Message[] {
  const { text, toolCalls } = typeof answer === "string" ? { text: answer, toolCalls: [] } : answer;
  const transcript: Message[] = [
    ...messages,
    { role: "assistant", content: text, ...(toolCalls.length > 0 ? { toolCalls: [...toolCalls] } : {}) },
  ];
  for (const call of toolCalls) {
    transcript.push({ role: "tool", toolCallId: call.id, toolName: call.name, content: PENDING_TOOL_RESULT });
  }
  return transcript;
}

function sumUsage(usages: Usage[]): Usage {
  const add = (key: keyof Usage) => {
    const values = usages.map((u) => u[key]).filter((v): v is number => typeof v === "number");
    return values.length > 0 ? values.reduce((a, b) => a + b, 0) : undefined;
  };
  const reasoningTokens = add("reasoningTokens");
  return {
    inputTokens: add("inputTokens"),
    outputTokens: add("outputTokens"),
    ...(reasoningTokens !== undefined ? { reasoningTokens } : {}),
  };
}
