import {
  MONITOR_SERIES_BUCKETS,
  type MonitorRequestQuery,
  type MonitorSeriesBucket,
  type MonitorSummaryStatus,
  parseMonitorCursor,
} from "../../monitor/monitor-store.ts";
import type { RequestOutcome } from "../../monitor/monitor-types.ts";
import { REQUEST_OUTCOMES } from "../../monitor/request-outcomes.ts";
import { CONFESSION_STATUSES } from "../../protocol/confession-parse-result.ts";

/** A query parameter the monitor API cannot use; the message says what is allowed (answered with a 400). */
export class MonitorParamError extends Error {
  override name = "MonitorParamError";
}

/** Every status a request's confession can show in a listing. */
export const MONITOR_SUMMARY_STATUSES: readonly MonitorSummaryStatus[] = [
  ...CONFESSION_STATUSES,
  "error",
  "pending",
];

/** The `key` value that selects requests made without a client key (ids look like `key_1a2b3c4d`). */
export const NO_KEY = "none";

export const MAX_PAGE = 200;
const DEFAULT_PAGE = 50;

/** When `series` gets no `since`: a window that keeps the points a chart can show. */
const DEFAULT_SERIES_WINDOW_MS: Record<MonitorSeriesBucket, number> = {
  minute: 3 * 3600_000,
  hour: 7 * 86400_000,
  day: 90 * 86400_000,
};

type Query = Record<string, string | undefined>;

const present = (query: Query): Query =>
  Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== ""));

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new MonitorParamError(`${name} must be one of ${allowed.join(", ")}; got ${JSON.stringify(value)}`);
}

/**
 * An ISO timestamp, normalized to the stored form (`toISOString()`, UTC) so string comparison is time
 * comparison: `2025-06-01` becomes `2025-06-01T00:00:00.000Z`.
 *
 * @example
 * parseSince("2025-06-01T12:00:00+02:00"); // "2025-06-01T10:00:00.000Z"
 */
export function parseSince(value: string): string {
  const time = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time)) {
    throw new MonitorParamError(
      `since must be an ISO timestamp such as 2025-06-01T10:00:00Z; got ${JSON.stringify(value)}`,
    );
  }
  return new Date(time).toISOString();
}

/**
 * The filters of `GET /monitor/requests`: flagged=true|false, key (an id, or `none`), model, status,
 * outcome, since, before (a `next` cursor), limit (1–200, default 50). Throws `MonitorParamError`.
 *
 * @example
 * parseRequestsQuery({ flagged: "true", limit: "20" }); // { flagged: true, limit: 20 }
 */
export function parseRequestsQuery(query: Query): MonitorRequestQuery & { limit: number } {
  // an empty value is an unset filter (a form's "any" choice); unknown parameters are ignored
  const { flagged, key, model, status, outcome, since, before, limit } = present(query);
  const q: MonitorRequestQuery & { limit: number } = { limit: DEFAULT_PAGE };
  if (limit !== undefined) {
    const n = Number(limit);
    if (!/^\d+$/.test(limit) || n < 1 || n > MAX_PAGE) {
      throw new MonitorParamError(
        `limit must be an integer from 1 to ${MAX_PAGE}; got ${JSON.stringify(limit)}`,
      );
    }
    q.limit = n;
  }
  if (flagged !== undefined) q.flagged = oneOf("flagged", flagged, ["true", "false"]) === "true";
  if (key !== undefined) q.keyId = key === NO_KEY ? null : key;
  if (model !== undefined) q.model = model;
  if (status !== undefined) q.status = oneOf("status", status, MONITOR_SUMMARY_STATUSES);
  if (outcome !== undefined) q.outcome = oneOf<RequestOutcome>("outcome", outcome, REQUEST_OUTCOMES);
  if (since !== undefined) q.since = parseSince(since);
  if (before !== undefined) {
    if (!parseMonitorCursor(before)) {
      throw new MonitorParamError("before must be the `next` value of an earlier page, unchanged");
    }
    q.before = before;
  }
  return q;
}

/**
 * The parameters of `GET /monitor/series`: bucket minute|hour|day (default hour) and since (default: the
 * last 3 hours, 7 days or 90 days by bucket). Throws `MonitorParamError`.
 *
 * @example
 * parseSeriesQuery({ bucket: "day", since: "2025-06-01" }); // { bucket: "day", since: "2025-06-01T00:00:00.000Z" }
 */
export function parseSeriesQuery(
  query: Query,
  now = Date.now(),
): { bucket: MonitorSeriesBucket; since: string } {
  const { bucket: b, since: s } = present(query);
  const bucket = b === undefined ? "hour" : oneOf("bucket", b, MONITOR_SERIES_BUCKETS);
  const since =
    s === undefined ? new Date(now - DEFAULT_SERIES_WINDOW_MS[bucket]).toISOString() : parseSince(s);
  return { bucket, since };
}
