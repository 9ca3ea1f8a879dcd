import type { Result } from "../../errors/result.ts";
import type { Message } from "../../models/messages.ts";
import {
  type ChatAccumulator,
  type ChatCompletionAnswer,
  chatCompletionToAnswer,
  chatRequestToMessages,
  createChatAccumulator,
} from "../chat-format.ts";
import type { MonitorApi } from "../monitor-types.ts";
import {
  createResponsesAccumulator,
  responsesInputToMessages,
  responsesOutputToAnswer,
} from "../responses-format.ts";
import type { SseEvent } from "../sse-parser.ts";
import { isRecord } from "../wire-values.ts";
import { serializeSse } from "./sse-relay.ts";
import type { WireConfession } from "./wire-confession.ts";

/** An answer with how it ended and what it cost, as both APIs' readers return it. */
export type AnswerReading = ChatCompletionAnswer;

/**
 * What the proxy reads from a streamed answer, fed the `data` of each SSE event: what both APIs'
 * accumulators have in common. `done` is the stream's proper end (`[DONE]`, or the response's final event).
 */
export type StreamAccumulator = Pick<
  ChatAccumulator,
  "push" | "answer" | "finishReason" | "usage" | "done" | "error"
>;

/** What differs between `/v1/chat/completions` and `/v1/responses` for the proxy. */
export interface ApiFormat {
  api: MonitorApi;
  /** The path under the upstream's base URL. */
  path: "/chat/completions" | "/responses";
  toMessages(body: unknown): Result<Message[], string>;
  toAnswer(json: unknown): AnswerReading;
  accumulator(): StreamAccumulator;
  /**
   * Whether an event is the stream's final one, held back in sync and reject mode so the confession can
   * ride on it (Responses: `response.completed` and its kin). Chat has none: it holds `[DONE]` instead.
   */
  isFinalEvent(event: SseEvent): boolean;
  /**
   * The SSE text that carries the confession: chat, an extra chunk (`first` is the stream's first event's
   * data, for the chunk id); Responses, the held final event with the confession on its `response` object,
   * since the official client's stream helper refuses event types it does not know. `events` is how many
   * events came before it (for sequence numbers).
   */
  confessionEvent(wire: WireConfession, first: string | null, events: number, held?: SseEvent): string;
  /** An SSE error event the API's clients raise as an error (for a stream the upstream broke off). */
  errorEvent(message: string, code: string, events: number): string;
  /** Appends a notice to the answer's text in a JSON response; false when there is no text to append to. */
  appendNotice(json: Record<string, unknown>, notice: string): boolean;
}

/**
 * Chat completions. The confession chunk is a `chat.completion.chunk` with the stream's id and no choices,
 * which clients skip like OpenAI's own usage chunk; an error chunk is `{ "error": {...} }`, which the
 * `openai` package and the AI SDK raise.
 */
export const CHAT_FORMAT: ApiFormat = {
  api: "chat.completions",
  path: "/chat/completions",
  toMessages: chatRequestToMessages,
  toAnswer: chatCompletionToAnswer,
  accumulator: createChatAccumulator,
  isFinalEvent: () => false,
  confessionEvent(wire, first) {
    const head = headOf(first);
    const chunk = {
      id: typeof head.id === "string" ? head.id : "confession",
      object: "chat.completion.chunk",
      created: typeof head.created === "number" ? head.created : Math.floor(Date.now() / 1000),
      model: typeof head.model === "string" ? head.model : "",
      choices: [],
      confession: wire,
    };
    return `data: ${JSON.stringify(chunk)}\n\n`;
  },
  errorEvent(message, code) {
    return `data: ${JSON.stringify({ error: { message, type: "upstream_error", param: null, code } })}\n\n`;
  },
  appendNotice(json, notice) {
    const choice = Array.isArray(json.choices) ? json.choices[0] : undefined;
    const message = isRecord(choice) && isRecord(choice.message) ? choice.message : undefined;
    if (!message || typeof message.content !== "string" || message.content === "") return false;
    message.content += notice;
    return true;
  },
};

/**
 * Responses. The confession travels as `event: confession` with `{ type: "confession", sequence_number,
 * confession }`: a type no client models, so clients pass over it; an error is the API's own `error` event.
 */
export const RESPONSES_FORMAT: ApiFormat = {
  api: "responses",
  path: "/responses",
  toMessages: responsesInputToMessages,
  toAnswer: responsesOutputToAnswer,
  accumulator: createResponsesAccumulator,
  isFinalEvent(event) {
    return /^response\.(completed|incomplete|failed)$/.test(event.event ?? typeOf(event.data));
  },
  confessionEvent(wire, _first, _events, held) {
    // no final event to carry it (the stream ended some other way): the confession is only stored
    if (!held) return "";
    try {
      const data: unknown = JSON.parse(held.data);
      if (!isRecord(data) || !isRecord(data.response)) return serializeSse(held);
      data.response.confession = wire;
      return serializeSse({ ...held, data: JSON.stringify(data) });
    } catch {
      return serializeSse(held);
    }
  },
  errorEvent(message, code, events) {
    const data = { type: "error", sequence_number: events, code, message, param: null };
    return `event: error\ndata: ${JSON.stringify(data)}\n\n`;
  },
  appendNotice(json, notice) {
    const output = Array.isArray(json.output) ? json.output : [];
    for (let i = output.length - 1; i >= 0; i--) {
      const item = output[i];
      if (!isRecord(item) || item.type !== "message" || !Array.isArray(item.content)) continue;
      const part = item.content.findLast((p) => isRecord(p) && p.type === "output_text");
      if (!isRecord(part) || typeof part.text !== "string") continue;
      part.text += notice;
      // some servers also send the SDKs' convenience field; keep it equal to the parts
      if (typeof json.output_text === "string") json.output_text += notice;
      return true;
    }
    return false;
  },
};

function headOf(first: string | null): Record<string, unknown> {
  if (first === null) return {};
  try {
    const parsed: unknown = JSON.parse(first);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

/** The `type` inside an event's data, for streams that do not name their events. */
function typeOf(data: string): string {
  const match = /"type"\s*:\s*"([^"]+)"/.exec(data.slice(0, 200));
  return match?.[1] ?? "";
}
