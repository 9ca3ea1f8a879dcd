// Fetch helpers. Every URL is relative (`api/...`, no leading slash) so the app works under a mount path.

import type { ApiError } from "../../src/web/viewer-api.ts";

/** An error response of the API (or a failed request), with the server's message. */
export class ApiRequestError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(message: string, code: string, status: number) {
    super(message);
    this.name = "ApiRequestError";
    this.code = code;
    this.status = status;
  }
}

/** Query parameters; empty, null and undefined values are left out. */
export type Query = Record<string, string | number | boolean | null | undefined>;

/**
 * A query string from parameters, without empty ones ("" when none is left).
 *
 * @example
 * queryString({ task: "word-count", cell: "", limit: 50 }) // "?task=word-count&limit=50"
 */
export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === "") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

const isApiError = (body: unknown): body is ApiError =>
  typeof body === "object" && body !== null && "error" in body && typeof body.error === "object";

/**
 * GETs `api/<path>` and returns its JSON; throws {@link ApiRequestError} on an error body or a bad status.
 *
 * @example
 * const runs = await getJson<RunsResponse>("runs", { q: "mixed", limit: 50 });
 */
export async function getJson<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`api/${path}${queryString(query)}`, {
      headers: { accept: "application/json" },
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiRequestError(`cannot reach the viewer's server: ${String(error)}`, "network", 0);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiRequestError(
      `api/${path} answered ${response.status} without JSON`,
      "bad_response",
      response.status,
    );
  }
  if (isApiError(body)) {
    throw new ApiRequestError(body.error.message, body.error.code, response.status);
  }
  if (!response.ok)
    throw new ApiRequestError(`api/${path} answered ${response.status}`, "http", response.status);
  return body as T;
}
