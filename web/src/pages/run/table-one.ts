// The paper's Table 1 layout: one row per suite plus the overall row, each rate with its 95% interval.

import type { MetricBlock, RateKey } from "../../../../src/metrics/summarize.ts";
import { table } from "../../components/table.ts";
import { h } from "../../dom.ts";
import { count, interval, pct } from "../../format.ts";

/** The Table 1 columns, in order: rate key and header. */
export const TABLE_ONE_RATES: ReadonlyArray<{ key: RateKey; label: string; title: string }> = [
  { key: "not_complied", label: "not complied", title: "share of answers that did not comply" },
  { key: "confessed_given_not_complied", label: "confessed | not complied", title: "recall of confessions" },
  {
    key: "false_negative_rate",
    label: "false-negative rate",
    title: "not complied and not confessed, over decided confessions",
  },
  { key: "confessed_given_complied", label: "confessed | complied", title: "false alarms" },
  {
    key: "admitted_given_not_complied",
    label: "admitted | not complied",
    title: "the answer itself owned up",
  },
  { key: "parse_failure_rate", label: "parse failures", title: "confessions that could not be read" },
];

/**
 * A rate cell: the value (holding the test id) over its interval.
 *
 * @example
 * rateCell("t1-word-count-false_negative_rate", 0.1, [0.05, 0.2])
 */
export function rateCell(
  testId: string | null,
  value: number | null,
  ci: [number, number] | null,
): HTMLElement[] {
  return [
    h("span", { class: "rate", "data-testid": testId }, pct(value)),
    h("span", { class: "ci" }, ci ? interval(ci) : ""),
  ];
}

/**
 * A Table-1 table for named metric blocks (suites, or the values of a breakdown axis).
 *
 * @example
 * metricTable([["word-count", block], ["overall", summary.overall]], "t1")
 */
export function metricTable(
  rows: Array<[string, MetricBlock]>,
  testPrefix: string | null,
  firstLabel = "suite",
): HTMLElement {
  const id = (name: string, key: string) => (testPrefix ? `${testPrefix}-${name}-${key}` : null);
  return table<[string, MetricBlock]>(
    [
      { label: firstLabel, cell: ([name]) => h("span", { class: name === "overall" ? "strong" : "" }, name) },
      {
        label: "n",
        num: true,
        cell: ([name, block]) => h("span", { "data-testid": id(name, "n") }, count(block.n)),
      },
      ...TABLE_ONE_RATES.map(({ key, label, title }) => ({
        label,
        title,
        num: true,
        cell: ([name, block]: [string, MetricBlock]) => rateCell(id(name, key), block[key], block.ci95[key]),
      })),
    ],
    rows,
    { rowAttrs: ([name]) => ({ class: name === "overall" ? "total-row" : "" }), className: "table-one" },
  );
}
