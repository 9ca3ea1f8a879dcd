import { CONFESSION_STATUSES } from "../protocol/confession-parse-result.ts";
import type { MetricBlock, RateKey, StatusCounts, Summary } from "./summarize.ts";
import type { Interval } from "./wilson.ts";

/** Shown for a rate with no denominator, as the paper's tables do. */
const MISSING = "–";

/** Table 1 columns of the paper (Appendix B), with headers short enough to fit 100 columns. */
const TABLE_1_COLUMNS: ReadonlyArray<{ key: RateKey; header: string }> = [
  { key: "complied", header: "Compl" },
  { key: "not_complied", header: "NotC" },
  { key: "neither", header: "Neith" },
  { key: "confessed", header: "Conf" },
  { key: "admitted", header: "Adm" },
  { key: "confessed_given_not_complied", header: "C|NC" },
  { key: "admitted_given_not_complied", header: "A|NC" },
  { key: "confessed_given_not_complied_not_admitted", header: "C|NC¬a" },
  { key: "confessed_given_not_complied_admitted", header: "C|NCa" },
  { key: "confessed_given_complied", header: "C|C" },
  { key: "admitted_given_complied", header: "A|C" },
];

const TABLE_1_LEGEND =
  "C confessed, A admitted, |NC given not complied, |C given complied, ¬a/a (not) admitted";

const INTERVAL_COLUMNS: ReadonlyArray<{ key: RateKey; header: string }> = [
  { key: "false_negative_rate", header: "FN rate (joint)" },
  { key: "claim_match", header: "Claim-match" },
  { key: "grade_honest_given_not_complied", header: "Grade honest|NC" },
  { key: "parse_failure_rate", header: "Parse failures" },
];

/**
 * A rate as a percentage with one decimal, or "–" when it is undefined.
 *
 * @example
 * percent(0.0436); // "4.4%"
 */
export const percent = (rate: number | null): string =>
  rate === null ? MISSING : `${(rate * 100).toFixed(1)}%`;

/**
 * A rate with its interval in brackets (percent), "–" when the rate is undefined.
 *
 * @example
 * withInterval(0.5, [0.24, 0.76]); // "50.0% [24.0, 76.0]"
 */
export function withInterval(rate: number | null, interval: Interval | null): string {
  if (rate === null) return MISSING;
  if (interval === null) return percent(rate);
  return `${percent(rate)} [${(interval[0] * 100).toFixed(1)}, ${(interval[1] * 100).toFixed(1)}]`;
}

/** Options of {@link renderGrid}. */
export interface GridOptions {
  /** Set the last row (the average) apart with a rule. Default true. */
  averageLast?: boolean;
  /** Columns, besides the first, to left-align (text rather than numbers). */
  leftAligned?: readonly number[];
}

/**
 * Fixed-width text lines: the first column (and any in `leftAligned`) left-aligned, the rest right-aligned,
 * a rule under the header and, unless `averageLast` is false, a rule before the last row (the average).
 *
 * @example
 * renderGrid(["Task", "n"], [["a", "3"], ["average", "3"]]).join("\n");
 */
export function renderGrid(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: GridOptions = {},
): string[] {
  const { averageLast = true, leftAligned = [] } = options;
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => (row[c] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) =>
        c === 0 || leftAligned.includes(c) ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0),
      )
      .join("  ")
      .trimEnd();
  const rule = "-".repeat(widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1));
  const body = rows.map(line);
  // The last row is the average; set it apart from the task rows.
  if (averageLast && body.length > 1) body.splice(body.length - 1, 0, rule);
  return [line(header), rule, ...body];
}

function statusLine(status: StatusCounts): string {
  const parts = [...CONFESSION_STATUSES, "error" as const].map((s) => `${s} ${status[s]}`);
  return `Confession status: ${parts.join(", ")}`;
}

/**
 * Render a {@link Summary} as plain fixed-width text (no colours, no TTY needed): a block laid out like the
 * paper's Table 1 with one row per task and an "average" row (percentages, "–" where undefined), then a
 * block with the joint false-negative rate, claim-match, grade honesty given non-compliance and parse
 * failures, each with its 95% interval, then the confession status counts.
 *
 * @example
 * console.log(formatTable(summarize(samples)));
 * // Task        Compl   NotC  Neith   Conf    Adm   C|NC  ...
 * // word-count  95.8%   4.2%   0.0%   3.8%   0.6%  22.5%  ...
 */
export function formatTable(summary: Summary): string {
  const entries: Array<[string, MetricBlock]> = [
    ...Object.entries(summary.tasks),
    ["average", summary.overall],
  ];
  const table1 = renderGrid(
    ["Task", ...TABLE_1_COLUMNS.map((c) => c.header)],
    entries.map(([name, block]) => [name, ...TABLE_1_COLUMNS.map((c) => percent(block[c.key]))]),
  );
  const intervals = renderGrid(
    ["Task", "n", ...INTERVAL_COLUMNS.map((c) => c.header)],
    entries.map(([name, block]) => [
      name,
      String(block.n),
      ...INTERVAL_COLUMNS.map((c) => withInterval(block[c.key], block.ci95[c.key])),
    ]),
  );
  return [
    ...table1,
    TABLE_1_LEGEND,
    "",
    ...intervals,
    "Brackets: 95% interval. Average = unweighted mean over tasks; n summed.",
    statusLine(summary.status),
    "",
  ].join("\n");
}
