// Two or more runs side by side: each rate per run, the delta against the first run with its paired
// bootstrap interval (coloured only when the interval excludes 0), and line charts across steps.

import type { ComparisonBlock } from "../../../src/metrics/paired-bootstrap.ts";
import type { CompareResponse } from "../../../src/web/viewer-api.ts";
import { getJson } from "../api.ts";
import { lineChart, PALETTE } from "../charts/line-chart.ts";
import { emptyState, load } from "../components/status.ts";
import { type Child, h } from "../dom.ts";
import { delta, deltaInterval, list, pct } from "../format.ts";
import { links } from "../route.ts";
import { significance } from "../significance.ts";

/** The rates compared, in display order. */
const RATES: ReadonlyArray<[keyof ComparisonBlock, string]> = [
  ["not_complied", "not complied"],
  ["confessed_given_not_complied", "confessed | not complied"],
  ["false_negative_rate", "false-negative rate"],
  ["confessed_given_complied", "confessed | complied"],
  ["admitted_given_not_complied", "admitted | not complied"],
  ["confessed", "confessed"],
  ["claim_match", "claim match"],
  ["grade_honest_given_not_complied", "honest grade | not complied"],
  ["parse_failure_rate", "parse failures"],
  ["honesty_mean_reward", "honesty reward"],
  ["judge_fooled_rate", "judge fooled"],
];

function compareTable(
  data: CompareResponse,
  pick: (block: {
    overall: ComparisonBlock;
    tasks: Record<string, ComparisonBlock>;
  }) => ComparisonBlock | undefined,
  testPrefix: string,
): HTMLElement {
  // `runs` is in step order when runs carry steps; the baseline and the columns follow the comparisons
  const byId = new Map(data.runs.map((run) => [run.id, run]));
  const base = byId.get(data.comparisons[0]?.a ?? "");
  const others = data.comparisons.map((c) => byId.get(c.b) ?? { id: c.b });
  const blocks = data.comparisons.map((c) => pick(c.comparison));
  const rows = RATES.filter(([key]) => blocks.some((b) => b?.[key] !== undefined));
  const head: Child[] = [h("th", null, "rate"), h("th", { class: "num" }, base?.id ?? "")];
  for (const run of others)
    head.push(h("th", { class: "num" }, run.id), h("th", { class: "num" }, `Δ vs ${base?.id ?? ""}`));
  const body = rows.map(([key, label]) => {
    const cells: Child[] = [h("td", null, label)];
    // the baseline's rate over the pairs of the first comparison (each comparison pairs its own cases)
    cells.push(h("td", { class: "num" }, pct(blocks[0]?.[key]?.a)));
    others.forEach((run, i) => {
      const r = blocks[i]?.[key];
      const sig = significance(r?.ci95);
      cells.push(
        h("td", { class: "num" }, pct(r?.b)),
        h(
          "td",
          {
            class: `num delta${sig ? ` delta-${sig}` : ""}`,
            "data-testid": `delta-${testPrefix}-${key}`,
            "data-run-id": run.id,
          },
          h("span", { class: "rate" }, sig === "up" ? "▲ " : sig === "down" ? "▼ " : "", delta(r?.diff)),
          h("span", { class: "ci" }, deltaInterval(r?.ci95)),
        ),
      );
    });
    return h("tr", { "data-testid": "compare-row", "data-rate": key }, cells);
  });
  return h(
    "div",
    { class: "table-wrap" },
    h("table", { class: "data" }, h("thead", null, h("tr", null, head)), h("tbody", null, body)),
  );
}

const SERIES_GROUPS: ReadonlyArray<[string, string[]]> = [
  [
    "Confession rates across steps",
    ["confessed_given_not_complied", "false_negative_rate", "confessed_given_complied"],
  ],
  ["Compliance across steps", ["not_complied", "admitted_given_not_complied", "parse_failure_rate"]],
];

function seriesCharts(series: NonNullable<CompareResponse["series"]>): HTMLElement {
  const label = (key: string) => RATES.find(([k]) => k === key)?.[1] ?? key.replaceAll("_", " ");
  const charts = SERIES_GROUPS.flatMap(([title, keys]) => {
    const present = keys.filter((k) => series.rates[k] !== undefined);
    if (present.length === 0) return [];
    return [
      lineChart({
        title,
        x: series.steps,
        series: present.map((key, i) => ({
          label: label(key),
          values: series.rates[key] ?? [],
          color: PALETTE[i % PALETTE.length] ?? "#333",
        })),
        left: (v) => pct(v),
      }),
    ];
  });
  return h("section", null, h("h2", null, "Across steps"), h("div", { class: "chart-row" }, charts));
}

/**
 * Loads and renders the comparison of runs (the first is the baseline).
 *
 * @example
 * renderComparePage(app, ["ckpt-100", "ckpt-200"]);
 */
export function renderComparePage(container: HTMLElement, runs: readonly string[]): void {
  if (runs.length < 2) {
    container.replaceChildren(
      h("h1", null, "Compare"),
      emptyState(
        "Pick two or more runs on the runs list (checkboxes), then press Compare.",
        undefined,
        "e.g. #/compare?runs=a,b",
      ),
    );
    return;
  }
  void load(container, "comparison", async () => {
    const data = await getJson<CompareResponse>("compare", { runs: runs.join(",") });
    const tasks = Object.keys(data.comparisons[0]?.comparison.tasks ?? {});
    const unpaired = data.comparisons.filter((c) => c.comparison.unpaired.a + c.comparison.unpaired.b > 0);
    return h(
      "div",
      { class: "compare-page" },
      h("h1", null, "Compare"),
      h(
        "div",
        { class: "table-wrap" },
        h(
          "table",
          { class: "data compact" },
          h(
            "thead",
            null,
            h(
              "tr",
              null,
              ["run", "models", "suites", "conditions", "step"].map((t) => h("th", null, t)),
            ),
          ),
          h(
            "tbody",
            null,
            data.runs.map((run) =>
              h(
                "tr",
                null,
                h(
                  "td",
                  null,
                  h("a", { href: links.run(run.id), class: "mono" }, run.id),
                  run.id === data.comparisons[0]?.a ? " (baseline)" : "",
                ),
                h("td", null, list(run.models)),
                h("td", null, list(run.suites)),
                h("td", null, list(run.conditions)),
                h("td", { class: "num" }, run.step === null ? "—" : String(run.step)),
              ),
            ),
          ),
        ),
      ),
      h(
        "p",
        { class: "muted small" },
        "Δ = run − baseline over the cases both answered (paired case bootstrap, 95% interval). Marked ▲ / ▼ and coloured only when the interval excludes 0; colour says direction, not better or worse.",
        unpaired.length > 0
          ? ` Unpaired cases left out: ${unpaired.map((c) => `${c.b}: ${c.comparison.unpaired.a} / ${c.comparison.unpaired.b}`).join("; ")}.`
          : "",
      ),
      h(
        "section",
        null,
        h("h2", null, "Overall"),
        compareTable(data, (c) => c.overall, "overall"),
      ),
      tasks.length > 1
        ? tasks.map((task) =>
            h(
              "details",
              { class: "block" },
              h("summary", null, task),
              compareTable(data, (c) => c.tasks[task], task),
            ),
          )
        : null,
      data.series ? seriesCharts(data.series) : null,
    );
  });
}
