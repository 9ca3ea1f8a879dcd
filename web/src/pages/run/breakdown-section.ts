// Table 1 pooled by each axis the run varies (condition, variant, model), from `summary.by`.

import type { EvalSummary } from "../../../../src/runs/eval-summary.ts";
import { h } from "../../dom.ts";
import { metricTable } from "./table-one.ts";

const AXES = [
  ["condition", "By condition"],
  ["variant", "By variant"],
  ["model", "By model"],
] as const;

/**
 * One table per varied axis; null when the run varies none.
 *
 * @example
 * breakdownSection(summary)
 */
export function breakdownSection(summary: EvalSummary): HTMLElement | null {
  const tables = AXES.flatMap(([axis, title]) => {
    const groups = summary.by?.[axis];
    if (!groups || Object.keys(groups).length === 0) return [];
    const rows = Object.entries(groups).map(([value, group]): [string, (typeof group)["overall"]] => [
      value,
      group.overall,
    ]);
    return [h("h3", null, title), metricTable(rows, `by-${axis}`, axis)];
  });
  if (tables.length === 0) return null;
  return h("section", null, h("h2", null, "Breakdowns"), tables);
}
