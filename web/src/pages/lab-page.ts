// The lab runs (`confess lab`) the database mirrors: progress, the newest metrics, checkboxes to pick runs
// whose curves to draw together (a run and its control).

import type { LabRunHead } from "../../../src/lab/train/lab-run-records.ts";
import type { LabRunsResponse } from "../../../src/web/viewer-api.ts";
import { getJson } from "../api.ts";
import { emptyState, load } from "../components/status.ts";
import { table } from "../components/table.ts";
import { h } from "../dom.ts";
import { count, decimal, when } from "../format.ts";
import { links } from "../route.ts";

/** A run's kind as the CLI names it: design, and "control" for a task-only run. */
export function labKind(run: LabRunHead): string {
  const design = run.config.design === "separate" ? `separate, p ${run.config.p}` : run.config.design;
  return run.config.control ? `${design}, control` : design;
}

const latest = (run: LabRunHead, key: string): string => {
  const value = (run.latest as unknown as Record<string, unknown> | null)?.[key];
  return typeof value === "number" ? decimal(value, 2) : "—";
};

/**
 * Loads and renders the lab runs list.
 *
 * @example
 * renderLabPage(app);
 */
export function renderLabPage(container: HTMLElement): void {
  const picked = new Set<string>();
  void load(container, "lab runs", async () => {
    const { items } = await getJson<LabRunsResponse>("lab");
    if (items.length === 0) {
      return h(
        "div",
        null,
        h("h1", null, "Lab"),
        emptyState(
          "No lab runs in this database yet.",
          "confess lab --quick",
          "A lab run records its metrics here as it trains (`--db` picks the database).",
        ),
      );
    }
    const show = h("button", { type: "button", class: "primary", disabled: true }, "Show curves");
    const label = h("span", { class: "muted" }, "pick runs to draw together");
    show.addEventListener("click", () => {
      location.hash = links.labCurves([...picked]);
    });
    const rows = table(
      [
        {
          label: "",
          cell: (run) =>
            h("input", {
              type: "checkbox",
              "aria-label": `curves of ${run.name}`,
              onchange: (event) => {
                if ((event.target as HTMLInputElement).checked) picked.add(run.id);
                else picked.delete(run.id);
                show.disabled = picked.size === 0;
                label.textContent = picked.size > 0 ? `${picked.size} picked` : "pick runs to draw together";
              },
            }),
        },
        {
          label: "run",
          cell: (run) => h("a", { href: links.labCurves([run.id]), class: "mono" }, run.name),
        },
        { label: "design", cell: labKind },
        { label: "seed", num: true, cell: (run) => count(run.config.seed) },
        {
          label: "steps",
          num: true,
          cell: (run) => `${count(run.lastStep)} / ${count(run.totalSteps)}`,
          attrs: (run) => ({ "data-testid": "lab-progress", "data-lab-id": run.id }),
        },
        {
          label: "weak-judge reward",
          num: true,
          title: "newest record: the final evaluation, or the latest step of a run under way",
          cell: (run) => latest(run, "weakJudgeReward"),
        },
        { label: "hack rate", num: true, cell: (run) => latest(run, "hackRate") },
        { label: "claim match", num: true, cell: (run) => latest(run, "claimMatch") },
        { label: "grade honest | NC", num: true, cell: (run) => latest(run, "gradeHonestGivenNotComplied") },
        { label: "updated", cell: (run) => h("span", { class: "nowrap" }, when(run.updatedAt)) },
      ],
      items,
      { rowAttrs: (run) => ({ "data-testid": "lab-row", "data-lab-id": run.id }) },
    );
    return h(
      "div",
      null,
      h("h1", null, "Lab"),
      h("div", { class: "toolbar" }, show, label),
      rows,
      h(
        "p",
        { class: "muted small" },
        "Values are the newest record of each run: its final summary evaluation once finished.",
      ),
    );
  });
}
