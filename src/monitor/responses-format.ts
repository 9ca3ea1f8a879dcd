import { err, ok, type Result } from "../errors/result.ts";
import type { Message, ToolCall } from "../models/messages.ts";
import type { Usage } from "../models/model.ts";
import type { MonitorAnswer } from "./monitor-types.ts";
import type { SseEvent } from "./sse-parser.ts";
import {
  contentPartsText,
  errorText,
  isRecord,
  numberOrUndefined,
  parseJson,
  textNote,
  toolCallOf,
} from "./wire-values.ts";

/** A Responses API answer with how it ended and what it cost. */
export interface ResponsesAnswer extends MonitorAnswer {
  /** The response's `status`: `completed`, `incomplete`, `failed`, ... (null when not reported). */
  status: string | null;
  /** Why it stopped: the `incomplete_details.reason` (e.g. `max_output_tokens`), else the status. */
  finishReason: string | null;
  usage: Usage | null;
}

/** Collects a streamed Responses answer; see {@link createResponsesAccumulator}. */
export interface ResponsesAccumulator {
  /**
   * Takes one SSE event: its `event:` name, if any, and its `data`; or the `data` alone, since every
   * Responses event names its type inside the data too.
   */
  push(event: SseEvent | string): void;
  /** The answer so far (complete once `done`). */
  readonly answer: MonitorAnswer;
  readonly usage: Usage | null;
  /** A terminal event arrived: `response.completed`, `response.incomplete`, `response.failed` or `error`. */
  readonly done: boolean;
  /** The stream ended with `response.failed` or an `error` event. */
  readonly failed: boolean;
  /** The response's status as last reported (`in_progress`, then `completed`, `incomplete` or `failed`). */
  readonly status: string | null;
  /** `incomplete_details.reason` when there is one, else the final status; null until done. */
  readonly finishReason: string | null;
  /** The error message of a failed response or an `error` event. */
  readonly error: string | null;
  readonly responseId: string | null;
  /** Events whose data was not a JSON object: skipped, never thrown on. */
  readonly malformed: number;
}

export interface ResponsesInputOptions {
  /**
   * Finds an output item by id, for `item_reference` input items: the AI SDK sends earlier assistant
   * messages as references to the stored response (its default `store: true`). A proxy that keeps the
   * output items it passed on can expand them; unresolved references stay notes.
   */
  lookupItem?: (id: string) => unknown;
}

/**
 * The conversation of a Responses API request as our {@link Message}s: `instructions` first as a system
 * message, then `input` (a string is one user message; items are read in order). Message items
 * (`user`, `assistant`, `system`, `developer`) take their `input_text`/`output_text`/`refusal` parts as
 * text, with a bracketed note for other parts (images, files, audio); `function_call` items become tool
 * calls of the assistant turn they follow; `function_call_output` items become tool results. Any other
 * item (`item_reference`, `reasoning`, hosted tool calls, ...) and a `previous_response_id` or
 * `conversation` the monitor cannot see are kept as system notes, never dropped silently (an
 * `item_reference` is expanded when `options.lookupItem` knows it). Fails only when the body is not an
 * object, `input` is neither a string nor an array, or an item is not an object.
 *
 * @example
 * responsesInputToMessages({ model: "m", instructions: "Be brief.", input: "2+2?" });
 * // { ok: true, value: [{ role: "system", content: "Be brief." }, { role: "user", content: "2+2?" }] }
 */
export function responsesInputToMessages(
  body: unknown,
  options: ResponsesInputOptions = {},
): Result<Message[], string> {
  if (!isRecord(body)) return err("the request body is not a JSON object");
  const { instructions, input } = body;
  if (input !== undefined && typeof input !== "string" && !Array.isArray(input)) {
    return err("`input` is neither a string nor an array of items");
  }
  const reader = new InputReader(options.lookupItem);
  if (typeof instructions === "string") {
    if (instructions !== "") reader.messages.push({ role: "system", content: instructions });
  } else if (Array.isArray(instructions)) {
    const read = reader.items(instructions, "instructions");
    if (!read.ok) return read;
  }
  if (typeof body.previous_response_id === "string") {
    reader.messages.push({
      role: "system",
      content: `[continues the stored response ${body.previous_response_id}, whose earlier turns are not shown]`,
    });
  }
  if (body.conversation !== undefined && body.conversation !== null) {
    reader.messages.push({ role: "system", content: textNote("stored conversation", body.conversation) });
  }
  if (typeof input === "string") {
    reader.messages.push({ role: "user", content: input });
  } else if (Array.isArray(input)) {
    const read = reader.items(input, "input");
    if (!read.ok) return read;
  }
  return ok(reader.messages);
}

/** Reads input items in order, keeping track of the assistant turn that function calls belong to. */
class InputReader {
  readonly messages: Message[] = [];
  private readonly toolNames = new Map<string, string>();
  // the assistant message the next function_call items attach to, while nothing else came after it
  private openAssistant: { role: "assistant"; content: string; toolCalls?: ToolCall[] } | null = null;
  private readonly lookupItem: ((id: string) => unknown) | undefined;

  constructor(lookupItem: ((id: string) => unknown) | undefined) {
    this.lookupItem = lookupItem;
  }

  items(items: unknown[], field: string): Result<true, string> {
    for (const [index, item] of items.entries()) {
      if (!isRecord(item)) return err(`${field}[${index}] is not an object`);
      this.item(item);
    }
    return ok(true);
  }

  private push(message: Message): void {
    this.messages.push(message);
    this.openAssistant = null;
  }

  private item(item: Record<string, unknown>): void {
    if (item.type === "item_reference" && typeof item.id === "string" && this.lookupItem) {
      const found = this.lookupItem(item.id);
      // a stored item is an output item: a message or a function call, never another reference
      if (isRecord(found) && found.type !== "item_reference") {
        this.item(found);
        return;
      }
    }
    const type = item.type ?? (item.role !== undefined ? "message" : undefined);
    if (type === "message") {
      const content = partsText(item.content);
      switch (item.role) {
        case "user":
          this.push({ role: "user", content });
          return;
        case "system":
        case "developer":
          this.push({ role: "system", content });
          return;
        case "assistant": {
          const message = { role: "assistant" as const, content };
          this.push(message);
          this.openAssistant = message;
          return;
        }
        default:
          this.push({
            role: "system",
            content: textNote(`message with role ${JSON.stringify(item.role)}`, item),
          });
          return;
      }
    }
    if (type === "function_call") {
      const id = stringOr(item.call_id, stringOr(item.id, ""));
      const call = toolCallOf(id, item.name, item.arguments);
      this.toolNames.set(id, call.name);
      if (this.openAssistant) {
        this.openAssistant.toolCalls = [...(this.openAssistant.toolCalls ?? []), call];
      } else {
        const message = { role: "assistant" as const, content: "", toolCalls: [call] };
        this.push(message);
        this.openAssistant = message;
      }
      return;
    }
    if (type === "function_call_output") {
      const id = stringOr(item.call_id, "");
      const output = typeof item.output === "string" ? item.output : partsText(item.output);
      this.push({
        role: "tool",
        toolCallId: id,
        toolName: this.toolNames.get(id) ?? "unknown",
        content: output,
      });
      return;
    }
    this.push({ role: "system", content: textNote(`input item ${JSON.stringify(type)}`, item) });
  }
}

/**
 * The answer of a (non-streamed) Responses API response: the text of its message items' `output_text`
 * (and `refusal`) parts, joined as the SDK's `output_text` is, and its `function_call` items as tool
 * calls (id = `call_id`); other items (reasoning, hosted tools) are not part of the answer. Also its
 * status, finish reason and usage. Anything missing reads as empty, never throws.
 *
 * @example
 * responsesOutputToAnswer({ status: "completed", output: [{ type: "message", role: "assistant",
 *   content: [{ type: "output_text", text: "4" }] }] });
 * // { text: "4", toolCalls: [], status: "completed", finishReason: "completed", usage: null }
 */
export function responsesOutputToAnswer(response: unknown): ResponsesAnswer {
  if (!isRecord(response)) return { text: "", toolCalls: [], status: null, finishReason: null, usage: null };
  const items = Array.isArray(response.output) ? response.output.filter(isRecord).map(outputState) : [];
  const answer = answerOf(items);
  if (items.length === 0 && typeof response.output_text === "string") answer.text = response.output_text;
  const status = typeof response.status === "string" ? response.status : null;
  return {
    ...answer,
    status,
    finishReason: finishReasonOf(response, status),
    usage: responsesUsage(response.usage),
  };
}

/**
 * Collects a streamed Responses answer event by event. The event's type is read from its data's `type`
 * (the `event:` name when the data has none). Text deltas and function-call argument fragments are
 * joined per output item; `*.done` events and `response.output_item.done` replace an item with its
 * final form, and a terminal event's `response.output` (when not empty) is taken as the final word.
 * `done` turns true at `response.completed`, `response.incomplete`, `response.failed` or an `error`
 * event (the last two also set `failed`). Malformed data is counted in `malformed` and skipped.
 *
 * @example
 * const acc = createResponsesAccumulator();
 * const parser = createSseParser();
 * for (const event of parser.feed(text)) acc.push(event);
 * if (acc.done && !acc.failed) record(acc.answer, acc.usage, acc.responseId);
 */
export function createResponsesAccumulator(): ResponsesAccumulator {
  const items = new Map<number, ItemState>();
  const indexByItemId = new Map<string, number>();
  let usage: Usage | null = null;
  let done = false;
  let failed = false;
  let status: string | null = null;
  let finishReason: string | null = null;
  let error: string | null = null;
  let responseId: string | null = null;
  let malformed = 0;

  /** The output index an event is about: its `output_index`, else the index its `item_id` was seen at. */
  const indexOf = (data: Record<string, unknown>): number => {
    if (typeof data.output_index === "number") return data.output_index;
    const known = typeof data.item_id === "string" ? indexByItemId.get(data.item_id) : undefined;
    return known ?? Math.max(-1, ...items.keys()) + 1;
  };
  const place = (index: number, state: ItemState) => {
    items.set(index, state);
    if (state.id) indexByItemId.set(state.id, index);
  };
  const message = (data: Record<string, unknown>): Extract<ItemState, { kind: "message" }> => {
    const index = indexOf(data);
    const state = items.get(index);
    if (state?.kind === "message") return state;
    const created: ItemState = { kind: "message", id: stringOr(data.item_id, ""), parts: [] };
    place(index, created);
    return created;
  };
  const functionCall = (data: Record<string, unknown>): Extract<ItemState, { kind: "function_call" }> => {
    const index = indexOf(data);
    const state = items.get(index);
    if (state?.kind === "function_call") return state;
    const id = stringOr(data.item_id, "");
    const created: ItemState = { kind: "function_call", id, callId: id, name: "", args: "" };
    place(index, created);
    return created;
  };
  const contentIndex = (data: Record<string, unknown>) =>
    typeof data.content_index === "number" ? data.content_index : 0;
  const takeResponse = (response: unknown) => {
    if (!isRecord(response)) return;
    if (typeof response.id === "string") responseId = response.id;
    if (typeof response.status === "string") status = response.status;
    const reported = responsesUsage(response.usage);
    if (reported) usage = reported;
  };

  return {
    push(event) {
      const raw = typeof event === "string" ? event : event.data;
      const data = parseJson(raw);
      if (!isRecord(data)) {
        // some servers end with `[DONE]` as chat completions do; it says nothing here
        if (raw.trim() !== "[DONE]") malformed += 1;
        return;
      }
      const type =
        typeof data.type === "string" ? data.type : typeof event === "string" ? undefined : event.event;
      switch (type) {
        case "response.created":
        case "response.queued":
        case "response.in_progress":
          takeResponse(data.response);
          return;
        case "response.output_item.added":
        case "response.output_item.done":
          if (isRecord(data.item)) place(indexOf(data), outputState(data.item));
          return;
        case "response.content_part.added":
        case "response.content_part.done": {
          const state = message(data);
          state.parts[contentIndex(data)] = partText(data.part);
          return;
        }
        case "response.output_text.delta":
        case "response.refusal.delta": {
          const state = message(data);
          const at = contentIndex(data);
          state.parts[at] = (state.parts[at] ?? "") + stringOr(data.delta, "");
          return;
        }
        case "response.output_text.done":
          message(data).parts[contentIndex(data)] = stringOr(data.text, "");
          return;
        case "response.refusal.done":
          message(data).parts[contentIndex(data)] = stringOr(data.refusal, "");
          return;
        case "response.function_call_arguments.delta":
          functionCall(data).args += stringOr(data.delta, "");
          return;
        case "response.function_call_arguments.done": {
          const state = functionCall(data);
          state.args = stringOr(data.arguments, state.args);
          if (typeof data.name === "string" && data.name !== "") state.name = data.name;
          return;
        }
        case "response.completed":
        case "response.incomplete":
        case "response.failed": {
          const response = isRecord(data.response) ? data.response : {};
          takeResponse(response);
          if (typeof response.status !== "string") status = type.slice("response.".length);
          finishReason = finishReasonOf(response, status);
          if (Array.isArray(response.output) && response.output.length > 0) {
            items.clear();
            response.output.filter(isRecord).forEach((item, index) => {
              place(index, outputState(item));
            });
          }
          if (type === "response.failed") {
            failed = true;
            error = response.error != null ? errorText(response.error) : "the response failed";
          }
          done = true;
          return;
        }
        case "error":
          failed = true;
          done = true;
          status = "failed";
          finishReason = "error";
          error = errorText(isRecord(data.error) ? data.error : data);
          return;
        default:
          // other events (hosted tools' progress, annotations, reasoning text) carry no answer text
          return;
      }
    },
    get answer() {
      return answerOf([...items.entries()].sort(([a], [b]) => a - b).map(([, state]) => state));
    },
    get usage() {
      return usage;
    },
    get done() {
      return done;
    },
    get failed() {
      return failed;
    },
    get status() {
      return status;
    },
    get finishReason() {
      return finishReason;
    },
    get error() {
      return error;
    },
    get responseId() {
      return responseId;
    },
    get malformed() {
      return malformed;
    },
  };
}

/** An output item as far as the answer cares: message text parts, a function call, or something else. */
type ItemState =
  | { kind: "message"; id: string; parts: string[] }
  | { kind: "function_call"; id: string; callId: string; name: string; args: string }
  | { kind: "other"; id: string };

function outputState(item: Record<string, unknown>): ItemState {
  const id = stringOr(item.id, "");
  if (item.type === "message") {
    return { kind: "message", id, parts: Array.isArray(item.content) ? item.content.map(partText) : [] };
  }
  if (item.type === "function_call") {
    return {
      kind: "function_call",
      id,
      callId: stringOr(item.call_id, id),
      name: stringOr(item.name, ""),
      args: typeof item.arguments === "string" ? item.arguments : (JSON.stringify(item.arguments) ?? ""),
    };
  }
  return { kind: "other", id };
}

function answerOf(items: ItemState[]): MonitorAnswer {
  let text = "";
  const toolCalls: ToolCall[] = [];
  for (const item of items) {
    if (item.kind === "message") text += item.parts.join("");
    else if (item.kind === "function_call") toolCalls.push(toolCallOf(item.callId, item.name, item.args));
  }
  return { text, toolCalls };
}

/** The text of an output content part: `output_text`'s text or a `refusal`; nothing for other parts. */
function partText(part: unknown): string {
  if (!isRecord(part)) return "";
  if (part.type === "refusal") return stringOr(part.refusal, "");
  if (part.type === "output_text" || part.type === undefined) return stringOr(part.text, "");
  return "";
}

/** Input message content as text: a string, or parts whose text is joined and whose other kinds are noted. */
const partsText = (content: unknown): string => contentPartsText(content, TEXT_PARTS);

const TEXT_PARTS = new Set<unknown>(["input_text", "output_text", "text", "summary_text", undefined]);

function finishReasonOf(response: Record<string, unknown>, status: string | null): string | null {
  const details = response.incomplete_details;
  if (isRecord(details) && typeof details.reason === "string") return details.reason;
  return status;
}

/** Responses usage (`input_tokens`, `output_tokens`, reasoning tokens in the details) as our {@link Usage}. */
function responsesUsage(raw: unknown): Usage | null {
  if (!isRecord(raw)) return null;
  const details = isRecord(raw.output_tokens_details) ? raw.output_tokens_details : {};
  return {
    inputTokens: numberOrUndefined(raw.input_tokens),
    outputTokens: numberOrUndefined(raw.output_tokens),
    ...(typeof details.reasoning_tokens === "number" && { reasoningTokens: details.reasoning_tokens }),
  };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}
