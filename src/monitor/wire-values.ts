import type { ToolCall } from "../models/messages.ts";

/**
 * Small readers for untrusted wire JSON shared by the chat-completions and Responses conversions: they
 * never throw, and they keep what they cannot read visible instead of dropping it.
 */

/** A plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `JSON.parse`, with `undefined` for text that is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Tool-call arguments as the project stores them: the parsed JSON when the text parses (an empty string
 * reads as `{}`, as the model layer does), the raw text otherwise.
 *
 * @example
 * parseToolArguments('{"x":1}'); // { x: 1 }
 * parseToolArguments('{"x":'); // '{"x":'
 */
export function parseToolArguments(args: unknown): unknown {
  if (typeof args !== "string") return args ?? {};
  if (args.trim() === "") return {};
  const parsed = parseJson(args);
  return parsed === undefined ? args : parsed;
}

/**
 * A bracketed note standing in for something that cannot be shown as text, with a bounded excerpt of it.
 *
 * @example
 * textNote("input item", { type: "item_reference", id: "msg_1" });
 * // '[input item not shown as text: {"type":"item_reference","id":"msg_1"}]'
 */
export function textNote(what: string, value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return `[${what} not shown as text: ${json.length > 300 ? `${json.slice(0, 300)}…` : json}]`;
}

/** The message of an API error object (`{ message }`), or the value itself as text. */
export function errorText(error: unknown): string {
  if (isRecord(error) && typeof error.message === "string") return error.message;
  return typeof error === "string" ? error : (JSON.stringify(error) ?? String(error));
}

export function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * Message content as text: a string, or parts whose text is joined (the part types in `textTypes`, and
 * refusals) and whose other kinds are noted, never dropped.
 *
 * @example
 * contentPartsText([{ type: "text", text: "Hi" }, { type: "image_url" }], new Set(["text", undefined]));
 * // "Hi[image_url part]"
 */
export function contentPartsText(content: unknown, textTypes: ReadonlySet<unknown>): string {
  if (typeof content === "string") return content;
  if (content === null || content === undefined) return "";
  if (!Array.isArray(content)) return textNote("content", content);
  return content
    .map((part) => {
      if (!isRecord(part)) return textNote("content part", part);
      if (typeof part.text === "string" && textTypes.has(part.type)) return part.text;
      if (part.type === "refusal" && typeof part.refusal === "string") return part.refusal;
      return `[${typeof part.type === "string" ? part.type : "unknown"} part]`;
    })
    .join("");
}

/**
 * A tool call read off the wire: a missing name becomes "", the arguments are parsed when they parse.
 *
 * @example
 * toolCallOf("call_1", "get_weather", '{"city":"Oslo"}') // { id: "call_1", name: "get_weather", arguments: { city: "Oslo" } }
 */
export function toolCallOf(id: string, name: unknown, args: unknown): ToolCall {
  return { id, name: typeof name === "string" ? name : "", arguments: parseToolArguments(args) };
}
