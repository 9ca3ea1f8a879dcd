/** The error object OpenAI's API answers with, which the `openai` package and the AI SDK turn into their errors. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/**
 * An OpenAI-style error body.
 *
 * @example
 * openAIError("the request body is not valid JSON", "invalid_request_error", "invalid_json");
 * // { error: { message: "...", type: "invalid_request_error", param: null, code: "invalid_json" } }
 */
export function openAIError(
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}

/**
 * Whether a parsed upstream body is already an OpenAI-style error (an `error` object with a message), so it
 * can be passed to the client as it is.
 *
 * @example
 * isOpenAIErrorBody({ error: { message: "rate limited" } }) // true
 * isOpenAIErrorBody({ detail: "Not Found" }) // false
 */
export function isOpenAIErrorBody(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { message?: unknown }).message === "string"
  );
}
