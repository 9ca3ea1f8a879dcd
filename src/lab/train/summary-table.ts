// The run summary the reproduction prints: one row per metric, one column per summary checkpoint.
import { textColumns } from "../../cli/text-columns.ts";
import { LAB_METRIC_LABELS, LAB_METRIC_ROWS } from "./lab-metric-labels.ts";
import type { LabEvalRecord } from "./train-lab.ts";

/**
 * The summary evaluations as a text table (rows = metrics, columns = steps), values to 2 decimals and
 * "-" where a metric had nothing to average.
 *
 * @example
 * io.stdout(summaryTable(result.records.filter((r) => r.kind === "eval")));
 */
export function summaryTable(evals: readonly LabEvalRecord[]): string {
  const sorted = [...evals].sort((a, b) => a.step - b.step);
  const header = ["metric", ...sorted.map((e) => `step ${e.step}`)];
  const rows = LAB_METRIC_ROWS.map((key) => [
    LAB_METRIC_LABELS[key],
    ...sorted.map((e) => {
      const v = e[key];
      return v === null ? "-" : v.toFixed(2);
    }),
  ]);
  return textColumns(header, rows);
}
