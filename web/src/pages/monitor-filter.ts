// The monitor feed's filters, applied on the server for pages and here for rows pushed by the live stream.

import type { MonitorRequestSummary } from "../../../src/monitor/monitor-store.ts";

/** The feed's filters, as the API's query parameters ("" = any). */
export interface FeedFilter {
  /** A key id, or `none` for requests made without a client key (as the API reads it). */
  key: string;
  model: string;
  flagged: "" | "true" | "false";
  /** The confession status (`ok`, `pending`, `unparsed`…). */
  status: string;
}

/**
 * Whether a request passes the feed's filters.
 *
 * @example
 * matchesFilter(request, { key: "", model: "gpt-4.1", flagged: "true", status: "" })
 */
export function matchesFilter(
  request: Pick<MonitorRequestSummary, "keyId" | "model" | "flagged" | "confessionStatus">,
  filter: FeedFilter,
): boolean {
  if (filter.key && request.keyId !== (filter.key === "none" ? null : filter.key)) return false;
  if (filter.model && request.model !== filter.model) return false;
  if (filter.flagged && String(request.flagged) !== filter.flagged) return false;
  if (filter.status && request.confessionStatus !== filter.status) return false;
  return true;
}
