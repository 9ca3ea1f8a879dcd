import { err, ok, type Result } from "../errors/result.ts";
import type { Message, ToolCall } from "../models/messages.ts";
import type { Usage } from "../models/model.ts";
import type { MonitorAnswer } from "./monitor-types.ts";
import {
  contentPartsText,
  errorText,
  isRecord,
  numberOrUndefined,
  parseJson,
  textNote,
  toolCallOf,
} from "./wire-values.ts";

/** A chat completion's answer with how it ended and what it cost. */
export interface ChatCompletionAnswer extends MonitorAnswer {
  finishReason: string | null;
  usage: Usage | null;
}

/** Collects a streamed chat completion; see {@link createChatAccumulator}. */
export interface ChatAccumulator {
  /** Takes the `data` of one SSE event: a chunk's JSON, or `[DONE]`. */
  push(data: string): void;
  /** The answer so far (complete once `done`). */
  readonly answer: MonitorAnswer;
  readonly finishReason: string | null;
  readonly usage: Usage | null;
  /** `[DONE]` arrived: the stream ended as it should. */
  readonly done: boolean;
  /** The message of an error chunk (`{"error": {...}}`) the upstream sent mid-stream, if any. */
  readonly error: string | null;
  /** Data lines that were not JSON (or not an object): skipped, never thrown on. */
  readonly malformed: number;
}

/**
 * The conversation of a chat-completions request as our {@link Message}s: system and developer messages
 * become system messages; content parts are joined into text, with a short bracketed note for each part
 * that is not text (an image, audio, a file), so nothing is dropped silently; assistant `tool_calls` (and
 * the legacy `function_call`) become tool calls with parsed arguments; `tool` (and legacy `function`)
 * messages become tool results named after the call they answer. A message with a role we do not know is
 * kept as a system note. Fails only when the body has no `messages` array or a message is not an object.
 *
 * @example
 * chatRequestToMessages({ model: "m", messages: [{ role: "user", content: "2+2?" }] });
 * // { ok: true, value: [{ role: "user", content: "2+2?" }] }
 */
export function chatRequestToMessages(body: unknown): Result<Message[], string> {
  if (!isRecord(body)) return err("the request body is not a JSON object");
  if (!Array.isArray(body.messages)) return err("the request has no `messages` array");
  const messages: Message[] = [];
  const toolNames = new Map<string, string>();
  for (const [index, raw] of body.messages.entries()) {
    if (!isRecord(raw)) return err(`messages[${index}] is not an object`);
    const role = raw.role;
    const content = contentText(raw.content);
    switch (role) {
      case "system":
      case "developer":
        messages.push({ role: "system", content });
        break;
      case "user":
        messages.push({ role: "user", content });
        break;
      case "assistant": {
        const toolCalls: ToolCall[] = [];
        if (Array.isArray(raw.tool_calls)) {
          for (const [callIndex, call] of raw.tool_calls.entries()) {
            const fn = isRecord(call) && isRecord(call.function) ? call.function : {};
            const id = isRecord(call) && typeof call.id === "string" ? call.id : `call_${callIndex + 1}`;
            toolCalls.push(toolCallOf(id, fn.name, fn.arguments));
          }
        } else if (isRecord(raw.function_call)) {
          const name = typeof raw.function_call.name === "string" ? raw.function_call.name : "";
          toolCalls.push(toolCallOf(name, name, raw.function_call.arguments));
        }
        for (const call of toolCalls) toolNames.set(call.id, call.name);
        const text = content || (typeof raw.refusal === "string" ? raw.refusal : "");
        const reasoning = typeof raw.reasoning_content === "string" ? raw.reasoning_content : undefined;
        messages.push({
          role: "assistant",
          content: text,
          ...(toolCalls.length > 0 && { toolCalls }),
          ...(reasoning && { reasoning }),
        });
        break;
      }
      case "tool": {
        const id = typeof raw.tool_call_id === "string" ? raw.tool_call_id : "";
        messages.push({ role: "tool", toolCallId: id, toolName: toolNames.get(id) ?? "unknown", content });
        break;
      }
      case "function": {
        const name = typeof raw.name === "string" ? raw.name : "unknown";
        messages.push({ role: "tool", toolCallId: name, toolName: name, content });
        break;
      }
      default:
        messages.push({
          role: "system",
          content: textNote(`message with role ${JSON.stringify(role)}`, raw),
        });
    }
  }
  return ok(messages);
}

/**
 * The answer of a (non-streamed) chat completion: the first choice's text (its refusal when it has no
 * text) and tool calls, its finish reason and the usage. Anything missing reads as empty, never throws.
 *
 * @example
 * chatCompletionToAnswer({ choices: [{ message: { content: "4" }, finish_reason: "stop" }] });
 * // { text: "4", toolCalls: [], finishReason: "stop", usage: null }
 */
export function chatCompletionToAnswer(completion: unknown): ChatCompletionAnswer {
  const choice =
    isRecord(completion) && Array.isArray(completion.choices) ? completion.choices[0] : undefined;
  const message = isRecord(choice) && isRecord(choice.message) ? choice.message : {};
  const text = contentText(message.content) || (typeof message.refusal === "string" ? message.refusal : "");
  const toolCalls: ToolCall[] = Array.isArray(message.tool_calls)
    ? message.tool_calls.map((call, index) => {
        const fn = isRecord(call) && isRecord(call.function) ? call.function : {};
        const id = isRecord(call) && typeof call.id === "string" ? call.id : `call_${index + 1}`;
        return toolCallOf(id, fn.name, fn.arguments);
      })
    : [];
  return {
    text,
    toolCalls,
    finishReason: isRecord(choice) && typeof choice.finish_reason === "string" ? choice.finish_reason : null,
    usage: isRecord(completion) ? chatUsage(completion.usage) : null,
  };
}

/**
 * Collects a streamed chat completion chunk by chunk: content deltas (of the first choice) concatenated,
 * tool calls assembled by their `index` with argument fragments joined across chunks, the finish reason,
 * and usage from the chunk that carries it (OpenAI sends it last, with no choices, when
 * `stream_options.include_usage` is set). `done` turns true at `[DONE]`; malformed lines are counted in
 * `malformed` and skipped.
 *
 * @example
 * const acc = createChatAccumulator();
 * acc.push('{"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":null}]}');
 * acc.push('{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}');
 * acc.push("[DONE]");
 * acc.answer.text; // "Hi"
 */
export function createChatAccumulator(): ChatAccumulator {
  let text = "";
  const calls = new Map<number, { id: string; name: string; arguments: string }>();
  let finishReason: string | null = null;
  let usage: Usage | null = null;
  let done = false;
  let error: string | null = null;
  let malformed = 0;

  return {
    push(data) {
      if (data.trim() === "[DONE]") {
        done = true;
        return;
      }
      const chunk = parseJson(data);
      if (!isRecord(chunk)) {
        malformed += 1;
        return;
      }
      if (chunk.error !== undefined && chunk.error !== null) {
        error = errorText(chunk.error);
        return;
      }
      const chunkUsage = chatUsage(chunk.usage);
      if (chunkUsage) usage = chunkUsage;
      const choices = Array.isArray(chunk.choices) ? chunk.choices : [];
      // Only the first choice is the answer (requests with n > 1 are not monitored per choice).
      const choice = choices.find((c) => isRecord(c) && (c.index ?? 0) === 0);
      if (!isRecord(choice)) return;
      if (typeof choice.finish_reason === "string") finishReason = choice.finish_reason;
      const delta = isRecord(choice.delta) ? choice.delta : {};
      if (typeof delta.content === "string") text += delta.content;
      else if (typeof delta.refusal === "string") text += delta.refusal;
      if (!Array.isArray(delta.tool_calls)) return;
      for (const [position, part] of delta.tool_calls.entries()) {
        if (!isRecord(part)) continue;
        const index = typeof part.index === "number" ? part.index : position;
        const call = calls.get(index) ?? { id: "", name: "", arguments: "" };
        calls.set(index, call);
        if (typeof part.id === "string" && part.id !== "") call.id = part.id;
        const fn = isRecord(part.function) ? part.function : {};
        if (typeof fn.name === "string" && fn.name !== "" && call.name === "") call.name = fn.name;
        if (typeof fn.arguments === "string") call.arguments += fn.arguments;
      }
    },
    get answer() {
      const toolCalls = [...calls.entries()]
        .sort(([a], [b]) => a - b)
        .map(([index, call]) => toolCallOf(call.id || `call_${index + 1}`, call.name, call.arguments));
      return { text, toolCalls };
    },
    get finishReason() {
      return finishReason;
    },
    get usage() {
      return usage;
    },
    get done() {
      return done;
    },
    get error() {
      return error;
    },
    get malformed() {
      return malformed;
    },
  };
}

/** Chat usage (`prompt_tokens`, `completion_tokens`, reasoning tokens in the details) as our {@link Usage}. */
function chatUsage(raw: unknown): Usage | null {
  if (!isRecord(raw)) return null;
  const details = isRecord(raw.completion_tokens_details) ? raw.completion_tokens_details : {};
  return {
    inputTokens: numberOrUndefined(raw.prompt_tokens),
    outputTokens: numberOrUndefined(raw.completion_tokens),
    ...(typeof details.reasoning_tokens === "number" && { reasoningTokens: details.reasoning_tokens }),
  };
}

/** Chat's text part types: `text`, or a part with no type. */
const CHAT_TEXT_PARTS = new Set<unknown>(["text", undefined]);

const contentText = (content: unknown): string => contentPartsText(content, CHAT_TEXT_PARTS);
