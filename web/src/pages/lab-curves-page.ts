// One or more lab runs' curves over training (a run beside its control, say): a chart per metric with a run
// per line, smoothed by a trailing moving average, and each run's summary table (columns per checkpoint)
// as the CLI prints it. A run still training is re-read every few seconds.

import type { LabEvalRecord } from "../../../src/lab/train/train-lab.ts";
import type { LabRunResponse } from "../../../src/web/viewer-api.ts";
import { getJson } from "../api.ts";
import { lineChart, PALETTE } from "../charts/line-chart.ts";
import { emptyState, errorBox, load } from "../components/status.ts";
import { table } from "../components/table.ts";
import { h } from "../dom.ts";
import { count, decimal } from "../format.ts";
import { alignSteps, movingAverage, type StepPoint } from "../lab-series.ts";
import { links } from "../route.ts";
import { LAB_CURVES, LAB_SUMMARY_ROWS } from "./lab-labels.ts";
import { labKind } from "./lab-page.ts";

const SMOOTHING = [1, 5, 10, 25, 50];
const POLL_MS = 3000;

function summaryTable(data: LabRunResponse): HTMLElement {
  const evals = [...data.evals].sort((a, b) => a.step - b.step);
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "data compact", "data-testid": "lab-summary", "data-lab-id": data.run.id },
      h(
        "caption",
        null,
        `${data.run.name}: summary evaluations`,
        data.checkpointRuns.length > 1
          ? [
              " · ",
              h(
                "a",
                {
                  href: links.compare(data.checkpointRuns.map((r) => r.runId)),
                  "data-testid": "lab-checkpoint-compare",
                },
                "compare its checkpoints on the word-count suite",
              ),
            ]
          : null,
      ),
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          h("th", null, "metric"),
          evals.map((e) => h("th", { class: "num" }, `step ${e.step}`)),
        ),
      ),
      h(
        "tbody",
        null,
        LAB_SUMMARY_ROWS.map(([key, label]) =>
          h(
            "tr",
            null,
            h("td", null, label),
            evals.map((e: LabEvalRecord) =>
              h(
                "td",
                { class: "num", "data-metric": key, "data-step": e.step },
                // two decimals, as `confess lab` prints its table
                decimal(e[key] as number | null, 2),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

function curvesView(runs: readonly LabRunResponse[], smooth: number): HTMLElement {
  const select = h(
    "select",
    {
      "aria-label": "smoothing",
      onchange: (event) => {
        location.hash = links.labCurves(
          runs.map((r) => r.run.id),
          Number((event.target as HTMLSelectElement).value),
        );
      },
    },
    SMOOTHING.map((n) =>
      h("option", { value: n, selected: n === smooth }, n === 1 ? "raw" : `mean of ${n} points`),
    ),
  );
  const colour = (i: number) => PALETTE[i % PALETTE.length] ?? "#333";
  const bucketed = runs.filter((r) => r.bucket > 1);
  const charts = LAB_CURVES.map(([key, title, scale]) => {
    const { x, values } = alignSteps(
      runs.map((r) => r.steps as unknown as StepPoint[]),
      key,
    );
    return lineChart({
      title,
      x,
      series: runs.map((r, i) => ({
        label: r.run.name,
        values: movingAverage(values[i] ?? [], smooth),
        color: colour(i),
      })),
      ...(scale === "rate" ? { range: [0, 1] as [number, number] } : {}),
      height: 200,
    });
  });
  return h(
    "div",
    { class: "lab-curves" },
    h("h1", null, "Lab curves"),
    table(
      [
        {
          label: "",
          cell: (_r, i) => h("span", { class: "swatch", style: `background:${colour(i)}` }),
        },
        { label: "run", cell: (r) => h("span", { class: "mono" }, r.run.name) },
        { label: "design", cell: (r) => labKind(r.run) },
        { label: "seed", num: true, cell: (r) => count(r.run.config.seed) },
        {
          label: "steps",
          num: true,
          cell: (r) => `${count(r.run.lastStep)} / ${count(r.run.totalSteps)}`,
          attrs: (r) => ({ "data-testid": "lab-progress", "data-lab-id": r.run.id }),
        },
        {
          label: "prompts × group",
          num: true,
          cell: (r) => `${r.run.config.prompts} × ${r.run.config.group}`,
        },
        { label: "directory", cell: (r) => h("span", { class: "mono small" }, r.run.dir) },
      ],
      runs,
      { className: "compact" },
    ),
    h(
      "div",
      { class: "toolbar" },
      h("label", null, "Smoothing ", select),
      h(
        "span",
        { class: "muted small" },
        "Per-step metrics of the training rollouts (trailing moving average).",
        bucketed.length > 0
          ? ` Long runs are drawn from bucket means: ${bucketed.map((r) => `${r.run.name} ${r.bucket} steps per point`).join(", ")}.`
          : "",
      ),
    ),
    h("div", { class: "chart-row" }, charts),
    h("section", null, h("h2", null, "Summary evaluations"), runs.map(summaryTable)),
  );
}

/**
 * Loads and renders the curves of lab runs; returns a cleanup that stops re-reading runs still training.
 *
 * @example
 * const stop = renderLabCurvesPage(app, ["lab-3f9a0c1e2b4d"], 10);
 */
export function renderLabCurvesPage(
  container: HTMLElement,
  ids: readonly string[],
  smooth: number,
): () => void {
  if (ids.length === 0) {
    container.replaceChildren(
      h("h1", null, "Lab curves"),
      emptyState("Pick one or more runs on the lab page.", undefined, "e.g. #/lab/curves?runs=lab-…"),
    );
    return () => undefined;
  }
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fetchAll = () =>
    Promise.all(
      ids.map((id) => getJson<LabRunResponse>(`lab/${encodeURIComponent(id)}`, {}, controller.signal)),
    );
  const training = (runs: readonly LabRunResponse[]) => runs.some((r) => r.run.lastStep < r.run.totalSteps);
  // a run under way: redraw in place (no loading state) until every run has all its steps
  const poll = (page: HTMLElement) => {
    timer = setTimeout(async () => {
      try {
        const runs = await fetchAll();
        if (!page.isConnected) return;
        page.replaceChildren(curvesView(runs, smooth));
        if (training(runs)) poll(page);
      } catch (error) {
        if (!controller.signal.aborted && page.isConnected) page.replaceChildren(errorBox(error));
      }
    }, POLL_MS);
  };
  void load(container, "lab curves", async () => {
    const runs = await fetchAll();
    const page = h("div", null, curvesView(runs, smooth));
    if (training(runs)) poll(page);
    return page;
  });
  return () => {
    controller.abort();
    if (timer !== undefined) clearTimeout(timer);
  };
}
