import type { z } from "zod";
import type { RewardApiError } from "../reward-api.ts";

/** The service's error codes: stable, one per way a request can be refused. */
export type RewardErrorCode =
  | "invalid_json"
  | "invalid_request"
  | "unknown_task"
  | "judge_unavailable"
  | "missing_token"
  | "invalid_token"
  | "too_large"
  | "too_many_items"
  | "timeout"
  | "client_closed_request"
  | "not_found"
  | "internal_error";

/**
 * A refused request: the HTTP status, a stable code and a message that says what to fix; `path` names the
 * offending field (`items.2.case.id`) when there is one. Thrown by handlers, answered by the app.
 *
 * @example
 * throw new RewardHttpError(400, "unknown_task", 'items.0.task: no suite "wordcount"', "items.0.task");
 */
export class RewardHttpError extends Error {
  readonly status: 400 | 401 | 404 | 413 | 499 | 500 | 504;
  readonly code: RewardErrorCode;
  readonly path: string | undefined;

  constructor(status: RewardHttpError["status"], code: RewardErrorCode, message: string, path?: string) {
    super(message);
    this.name = "RewardHttpError";
    this.status = status;
    this.code = code;
    this.path = path;
  }

  /** The JSON body: `{ error: { message, code, path? } }`. */
  body(): RewardApiError & { error: { path?: string } } {
    return { error: { message: this.message, code: this.code, ...(this.path ? { path: this.path } : {}) } };
  }
}

/** A dotted path (`items.0.case.id`), `prefix` first; `(body)` for the body itself. */
export function dottedPath(path: ReadonlyArray<PropertyKey>, prefix?: string): string {
  const parts = [...(prefix ? [prefix] : []), ...path.map(String)];
  return parts.length > 0 ? parts.join(".") : "(body)";
}

/**
 * A 400 for a body that does not match its schema: the first issue's path and message, how many more there
 * are, and where the schema is written down.
 *
 * @example
 * const parsed = schema.safeParse(json);
 * if (!parsed.success) throw invalidRequest(parsed.error);
 */
export function invalidRequest(error: z.ZodError, prefix?: string): RewardHttpError {
  const first = error.issues[0];
  const path = dottedPath(first?.path ?? [], prefix);
  const more =
    error.issues.length > 1
      ? ` (and ${error.issues.length - 1} more issue${error.issues.length > 2 ? "s" : ""})`
      : "";
  return new RewardHttpError(
    400,
    "invalid_request",
    `${path}: ${first?.message ?? "invalid"}${more}; fix that field (schemas: src/training/reward-api.ts)`,
    path,
  );
}
