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
