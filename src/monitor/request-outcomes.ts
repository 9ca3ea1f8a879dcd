import type { RequestOutcome } from "./monitor-types.ts";

// a record keyed by every outcome: adding one to the type without listing it here fails to compile
const OUTCOMES = {
  ok: true,
  upstream_error: true,
  upstream_timeout: true,
  client_disconnected: true,
  unauthorized: true,
  too_large: true,
  bad_request: true,
  error: true,
  interrupted: true,
} satisfies Record<RequestOutcome, true>;

/**
 * Every `RequestOutcome`, for flags and validation.
 *
 * @example
 * REQUEST_OUTCOMES.includes("too_large"); // true
 */
export const REQUEST_OUTCOMES: readonly RequestOutcome[] = Object.keys(OUTCOMES) as RequestOutcome[];
