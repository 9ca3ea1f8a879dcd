import { formatTable } from "../metrics/format-table.ts";
import type { EvalSummary } from "../runs/eval-summary.ts";

/**
 * The text form of an eval summary: one table per model and variant when the run covers several, then
 * the pooled table; otherwise just the table.
 */
export function formatEvalSummary(summary: EvalSummary): string {
  if (!summary.breakdown) return formatTable(summary);
  const parts = summary.breakdown.map(
    (b) => `── ${b.model} · variant ${b.variant}\n${formatTable(b.summary)}`,
  );
  parts.push(`── all models and variants pooled\n${formatTable(summary)}`);
  return parts.join("\n");
}
