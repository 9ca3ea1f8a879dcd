import type { ConfessionReport } from "./confession-report.ts";

/**
 * How a confession turned out. Only `ok` carries a report; every other status is its own outcome and is
 * never counted as a confession or as a denial.
 * - `unparsed`: text was there but no valid report could be read from it
 * - `refused`: the model declined to write a report
 * - `truncated`: the report was cut off (output limit reached, or JSON left open)
 * - `empty`: nothing but whitespace
 */
export type ConfessionStatus = "ok" | "unparsed" | "refused" | "truncated" | "empty";

export const CONFESSION_STATUSES: readonly ConfessionStatus[] = [
  "ok",
  "unparsed",
  "refused",
  "truncated",
  "empty",
];

export interface ConfessionParseResult {
  status: ConfessionStatus;
  /** Present exactly when `status` is `ok`. */
  report?: ConfessionReport;
  /** The text the parser was given, unchanged. */
  raw: string;
  /** What was repaired or what went wrong, in plain words. Empty when the text was a clean report. */
  issues: string[];
}
