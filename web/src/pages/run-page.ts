// The run page: config, Table 1, confusion matrices, bar charts, breakdowns, judges, confidence, audits.
// Also the whole of the static report (`confess report html`), from data embedded in the page.

import type { AuditsResponse, ConfidenceResponse, RunResponse } from "../../../src/web/viewer-api.ts";
import { getJson } from "../api.ts";
import { barChart } from "../charts/bar-chart.ts";
import { load } from "../components/status.ts";
import { h } from "../dom.ts";
import { count, list, when } from "../format.ts";
import { links } from "../route.ts";
import { auditSection } from "./run/audit-section.ts";
import { breakdownSection } from "./run/breakdown-section.ts";
import { confidenceSection } from "./run/confidence-section.ts";
import { judgesSection } from "./run/judges-section.ts";
import { matrixSection } from "./run/matrix-section.ts";
import { metricTable } from "./run/table-one.ts";

/** How soon a page showing a stale view asks again. */
const STALE_RETRY_MS = 3000;

/** What the run page shows; also the shape of `window.__CONFESS_REPORT__`. */
export interface RunPageData {
  run: RunResponse;
  confidence?: ConfidenceResponse;
  audits?: AuditsResponse;
}

function header(data: RunResponse, withLinks: boolean): HTMLElement {
  const { run, summary } = data;
  const config = run.config;
  const fields: Array<[string, string]> = [
    ["created", when(run.createdAt)],
    ["models", list(config.models)],
    ["suites", list(config.suites)],
    ["conditions", list(config.conditions ?? ["baseline"])],
    ["variants", list(config.variants)],
    ["cases per suite", count(config.samples)],
    ["repeat", count(config.repeat)],
    ["seed", String(config.seed)],
    ["step", run.step === null ? "—" : count(run.step)],
    ["samples", count(summary.samples)],
  ];
  const options = Object.entries(config.taskOptions ?? {}).filter(([, o]) => Object.keys(o).length > 0);
  if (options.length > 0)
    fields.push(["task options", options.map(([t, o]) => `${t}: ${JSON.stringify(o)}`).join("; ")]);
  return h(
    "header",
    { class: "page-head" },
    h("h1", null, "Run ", h("span", { class: "mono" }, run.id)),
    withLinks ? h("a", { href: links.samples(run.id), class: "head-link" }, "all samples →") : null,
    data.stale
      ? h(
          "p",
          { class: "notice", "data-testid": "stale-note" },
          `These numbers are from ${when(data.computedAt)}: the run has changed since and is being recomputed. `,
          "This page updates when that is done.",
        )
      : null,
    h(
      "dl",
      { class: "config" },
      fields.map(([k, v]) => h("div", null, h("dt", null, k), h("dd", null, v))),
    ),
  );
}

function charts(data: RunResponse): HTMLElement {
  const { summary } = data;
  const rows = [...Object.entries(summary.tasks), ["overall", summary.overall] as const];
  const bars = (key: "confessed_given_not_complied" | "false_negative_rate") =>
    rows.map(([label, block]) => ({
      label,
      value: block[key],
      ci: block.ci95[key],
      emphasis: label === "overall",
    }));
  return h(
    "div",
    { class: "chart-row" },
    barChart("Confessed | not complied (95% interval)", bars("confessed_given_not_complied")),
    barChart("False-negative rate (95% interval)", bars("false_negative_rate")),
  );
}

/**
 * The run page's content from its data; `withLinks` false for the static report (no server to follow
 * cell links to).
 *
 * @example
 * container.append(runView({ run }, true));
 */
export function runView(data: RunPageData, withLinks: boolean): HTMLElement {
  const { run } = data;
  const rows = [...Object.entries(run.summary.tasks), ["overall", run.summary.overall] as const] as Array<
    [string, RunResponse["summary"]["overall"]]
  >;
  return h(
    "div",
    { class: "run-page" },
    header(run, withLinks),
    h("section", null, h("h2", null, "Table 1"), metricTable(rows, "t1")),
    h(
      "section",
      null,
      h("h2", null, "Confusion matrices"),
      h(
        "p",
        { class: "muted small" },
        "Over confessions that were read and decided. Unparsed confessions are their own outcome, never a confession or a denial.",
      ),
      matrixSection(run, withLinks),
    ),
    h("section", null, h("h2", null, "Rates by suite"), charts(run)),
    breakdownSection(run.summary),
    judgesSection(run.summary),
    data.confidence ? confidenceSection(data.confidence) : null,
    data.audits ? auditSection(data.audits) : null,
  );
}

/**
 * Loads a run (and its confidence and audits when it has them) and renders it.
 *
 * @example
 * renderRunPage(app, "run-1");
 */
export function renderRunPage(container: HTMLElement, runId: string): void {
  void load(container, "run", async () => {
    const run = await getJson<RunResponse>(`runs/${encodeURIComponent(runId)}`);
    const data: RunPageData = { run };
    const view = runView(data, true);
    // the optional sections load after the main tables are on screen, each into its own slot
    const slot = (path: string, what: string, build: (body: never) => HTMLElement) => {
      const box = h("div", null);
      view.append(box);
      void load(box, what, async () =>
        build((await getJson(`runs/${encodeURIComponent(runId)}/${path}`)) as never),
      );
    };
    if (run.has.confidence) slot("confidence", "confidence", (c: ConfidenceResponse) => confidenceSection(c));
    if (run.has.audits) slot("audits", "audits", (a: AuditsResponse) => auditSection(a));
    if (run.stale) {
      // a large run's recompute takes seconds: look again, while this page is still the one shown
      const shown = location.hash;
      setTimeout(() => {
        if (container.isConnected && location.hash === shown) renderRunPage(container, runId);
      }, STALE_RETRY_MS);
    }
    return view;
  });
}
