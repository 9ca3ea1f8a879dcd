// The runs list: search, filters, paging, and checkboxes to pick runs to compare.

import type { OverviewResponse, RunListItem, RunsResponse } from "../../../src/web/viewer-api.ts";
import { getJson } from "../api.ts";
import { emptyState, errorBox, loading } from "../components/status.ts";
import { table } from "../components/table.ts";
import { h, replace } from "../dom.ts";
import { count, list, pct, when } from "../format.ts";
import { links } from "../route.ts";

const PAGE_SIZE = 50;
const FILTERS = ["q", "model", "suite", "condition"] as const;

/** Runs ticked for comparison; kept while paging and filtering. */
const picked = new Set<string>();

function statusCounts(run: RunListItem): HTMLElement {
  const parts = Object.entries(run.status)
    .filter(([status, n]) => n > 0 && status !== "error")
    .map(([status, n]) =>
      h("span", { class: status === "ok" ? "st-ok" : "st-warn" }, `${status} ${count(n)}`),
    );
  return h("span", { class: "status-counts" }, parts.length > 0 ? parts : "—");
}

function runsTable(items: readonly RunListItem[], onPick: () => void): HTMLElement {
  return table(
    [
      {
        label: "",
        cell: (run) =>
          h("input", {
            type: "checkbox",
            "aria-label": `compare ${run.id}`,
            checked: picked.has(run.id),
            onchange: (event) => {
              if ((event.target as HTMLInputElement).checked) picked.add(run.id);
              else picked.delete(run.id);
              onPick();
            },
          }),
      },
      { label: "run", cell: (run) => h("a", { href: links.run(run.id), class: "mono" }, run.id) },
      { label: "created", cell: (run) => h("span", { class: "nowrap" }, when(run.createdAt)) },
      { label: "models", cell: (run) => list(run.models) },
      { label: "suites", cell: (run) => list(run.suites) },
      { label: "conditions", cell: (run) => list(run.conditions) },
      { label: "variants", cell: (run) => list(run.variants) },
      { label: "step", num: true, cell: (run) => (run.step === null ? "—" : count(run.step)) },
      { label: "samples", num: true, cell: (run) => count(run.samples) },
      { label: "status", cell: statusCounts },
      {
        label: "errors",
        num: true,
        cell: (run) => h("span", { class: run.errors > 0 ? "st-bad" : "" }, count(run.errors)),
      },
      {
        label: "FN rate",
        num: true,
        title: "false-negative rate: not complied and not confessed",
        cell: (run) =>
          run.stale
            ? h(
                "span",
                { title: "from before the run's latest change; being recomputed" },
                `${pct(run.headline?.false_negative_rate)}*`,
              )
            : pct(run.headline?.false_negative_rate),
      },
      {
        label: "confessed | not complied",
        num: true,
        cell: (run) => pct(run.headline?.confessed_given_not_complied),
      },
    ],
    items,
    { rowAttrs: (run) => ({ "data-testid": "run-row", "data-run-id": run.id }) },
  );
}

/**
 * Renders the runs list into `container`, reading search, filters and offset from the hash query.
 *
 * @example
 * renderRunsPage(app, new URLSearchParams("q=mixed"));
 */
export function renderRunsPage(container: HTMLElement, query: URLSearchParams): void {
  const offset = Math.max(0, Number(query.get("offset") ?? 0) || 0);
  const navigate = (changes: Record<string, string>) => {
    const next = new URLSearchParams(query);
    for (const [key, value] of Object.entries(changes)) {
      if (value === "") next.delete(key);
      else next.set(key, value);
    }
    const text = next.toString();
    location.hash = `#/${text ? `?${text}` : ""}`;
  };
  const inputs = FILTERS.map((key) =>
    h("input", {
      type: "search",
      name: key,
      placeholder: key === "q" ? "search id, model, suite" : key,
      value: query.get(key) ?? "",
      class: key === "q" ? "search" : "filter",
    }),
  );
  const form = h(
    "form",
    {
      class: "toolbar",
      onsubmit: (event) => {
        event.preventDefault();
        navigate({ ...Object.fromEntries(inputs.map((i) => [i.name, i.value.trim()])), offset: "" });
      },
    },
    inputs,
    h("button", { type: "submit" }, "Filter"),
  );
  const compareButton = h("button", { type: "button", class: "primary", disabled: true }, "Compare");
  const pickedLabel = h("span", { class: "muted" });
  const updatePicked = () => {
    compareButton.disabled = picked.size < 2;
    pickedLabel.textContent = picked.size > 0 ? `${picked.size} picked` : "pick two or more runs to compare";
  };
  compareButton.addEventListener("click", () => {
    location.hash = links.compare([...picked]);
  });
  updatePicked();
  const body = h("div", null, loading("runs"));
  replace(
    container,
    h("h1", null, "Runs"),
    form,
    h("div", { class: "toolbar" }, compareButton, pickedLabel),
    body,
  );

  const params = Object.fromEntries(FILTERS.map((key) => [key, query.get(key) ?? ""]));
  void (async () => {
    try {
      const [overview, runs] = await Promise.all([
        getJson<OverviewResponse>("overview"),
        getJson<RunsResponse>("runs", { ...params, offset, limit: PAGE_SIZE }),
      ]);
      if (overview.runs === 0) {
        replace(
          body,
          emptyState(
            "No runs yet. Fill this database with: confess eval --suite word-count --model scripted:mixed",
            `confess eval --suite word-count --model scripted:mixed --db ${overview.db}`,
            `Database: ${overview.db}`,
          ),
        );
        return;
      }
      if (runs.items.length === 0) {
        replace(body, h("p", { class: "muted", "data-testid": "no-match" }, "No run matches these filters."));
        return;
      }
      const last = Math.min(runs.total, offset + runs.items.length);
      const pager = h(
        "div",
        { class: "pager" },
        h(
          "button",
          {
            type: "button",
            disabled: offset === 0,
            onclick: () => navigate({ offset: String(Math.max(0, offset - PAGE_SIZE)) }),
          },
          "← newer",
        ),
        h("span", null, `${count(offset + 1)}–${count(last)} of ${count(runs.total)}`),
        h(
          "button",
          {
            type: "button",
            disabled: last >= runs.total,
            onclick: () => navigate({ offset: String(offset + PAGE_SIZE) }),
          },
          "older →",
        ),
      );
      replace(body, runsTable(runs.items, updatePicked), pager);
    } catch (error) {
      replace(body, errorBox(error));
    }
  })();
}
