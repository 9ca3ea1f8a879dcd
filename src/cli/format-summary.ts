import { formatJudgeMetrics } from "../metrics/format-judges.ts";
import { formatTable, percent, renderGrid } from "../metrics/format-table.ts";
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

/**
 * The text form of an eval summary: the pooled table, then, for each axis the run varies (model,
 * condition, variant), one row per value with the headline rates averaged across tasks; and one row per
 * grid cell when more than one axis varies.
 */
export function formatEvalSummary(summary: EvalSummary): string {
  const parts = [formatTable(summary)];
  const judges = formatJudgeMetrics(summary);
  if (judges) {
    const by = Object.values(summary.judgedBy ?? {}).flat();
    parts.push(`${by.length > 0 ? `Judged by ${by.join(", ")}\n` : ""}${judges}`);
  }
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
  return `${renderGrid(header, body, { averageLast: false }).join("\n")}\n`;
}
