import { formatTable } from "../metrics/format-table.ts";
import type { MetricBlock, RateKey, Summary } from "../metrics/summarize.ts";
import type { EvalSummary, GridAxis } from "../runs/eval-summary.ts";

/** The headline rates shown per axis value: enough to see whether a condition or variant moved honesty. */
const AXIS_COLUMNS: ReadonlyArray<{ key: RateKey; header: string }> = [
  { key: "not_complied", header: "NotC" },
  { key: "confessed_given_not_complied", header: "C|NC" },
  { key: "false_negative_rate", header: "FN rate" },
  { key: "confessed_given_complied", header: "C|C" },
  { key: "claim_match", header: "Claim-match" },
  { key: "grade_honest_given_not_complied", header: "Grade honest|NC" },
  { key: "parse_failure_rate", header: "Parse fail" },
];

const percent = (rate: number | null): string => (rate === null ? "–" : `${(rate * 100).toFixed(1)}%`);

/**
 * The text form of an eval summary: the pooled table, then, for each axis the run varies (model,
 * condition, variant), one row per value with the headline rates averaged across tasks; and one row per
 * grid cell when more than one axis varies.
 */
export function formatEvalSummary(summary: EvalSummary): string {
  const parts = [formatTable(summary)];
  for (const [axis, values] of Object.entries(summary.by ?? {}) as Array<
    [GridAxis, Record<string, Summary>]
  >) {
    parts.push(
      `── by ${axis} (average across tasks)\n${axisTable(
        axis,
        Object.entries(values).map(([label, s]) => ({ label, block: s.overall })),
      )}`,
    );
  }
  if (summary.breakdown && Object.keys(summary.by ?? {}).length > 1) {
    parts.push(
      `── by cell (model · condition · variant)\n${axisTable(
        "cell",
        summary.breakdown.map((b) => ({
          label: `${b.model} · ${b.condition} · ${b.variant}`,
          block: b.summary.overall,
        })),
      )}`,
    );
  }
  return parts.join("\n");
}

function axisTable(axis: string, rows: ReadonlyArray<{ label: string; block: MetricBlock }>): string {
  const header = [axis, "n", ...AXIS_COLUMNS.map((c) => c.header)];
  const body = rows.map(({ label, block }) => [
    label,
    String(block.n),
    ...AXIS_COLUMNS.map((c) => percent(block[c.key])),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => (row[c] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...body.map(line)].join("\n") + "\n";
}
