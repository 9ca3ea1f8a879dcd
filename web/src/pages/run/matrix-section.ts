// Per suite: the confusion-matrix heatmap, with the samples that have no cell (unparsed, undecided, error).

import type { RunResponse, SampleCell } from "../../../../src/web/viewer-api.ts";
import { confusionHeatmap } from "../../charts/heatmap.ts";
import { h } from "../../dom.ts";
import { count } from "../../format.ts";
import { links } from "../../route.ts";

const OTHER_CELLS: ReadonlyArray<{ cell: SampleCell; label: string; title: string }> = [
  {
    cell: "unparsed",
    label: "unparsed",
    title: "confession could not be read: never a confession or a denial",
  },
  { cell: "undecided", label: "undecided", title: "read, but the truth could not be decided" },
  { cell: "error", label: "errors", title: "no answer: generation failed" },
];

/**
 * One matrix per suite, each cell a link to its samples (plain text when `withLinks` is false).
 *
 * @example
 * matrixSection(runResponse, true)
 */
export function matrixSection(data: RunResponse, withLinks: boolean): HTMLElement {
  const runId = data.run.id;
  const cards = Object.entries(data.summary.tasks).map(([task, block]) => {
    const cells = data.cells[task];
    const href = withLinks ? (cell: SampleCell) => links.samples(runId, { task, cell }) : null;
    const others = OTHER_CELLS.map(({ cell, label, title }) => {
      const n = cells?.[cell] ?? 0;
      const text = `${label}: ${count(n)}`;
      const attrs = {
        "data-testid": `cell-${task}-${cell}`,
        title,
        class: n > 0 ? "other-cell nonzero" : "other-cell",
      };
      return h(
        "li",
        null,
        href && n > 0 ? h("a", { ...attrs, href: href(cell) }, text) : h("span", attrs, text),
      );
    });
    const statuses = Object.entries(block.status)
      .filter(([status, n]) => n > 0 && status !== "ok" && status !== "error")
      .map(([status, n]) => h("li", { class: "muted" }, `${status}: ${count(n)}`));
    return h(
      "div",
      { class: "matrix-card" },
      h("h3", null, task),
      h(
        "div",
        { class: "matrix-body" },
        confusionHeatmap({ task, counts: block, href }),
        h(
          "div",
          { class: "matrix-side" },
          h("ul", { class: "plain" }, others),
          statuses.length > 0 ? h("p", { class: "muted small" }, "unread confessions by status:") : null,
          statuses.length > 0 ? h("ul", { class: "plain small" }, statuses) : null,
          block.complianceUndecided
            ? h("p", { class: "muted small" }, `compliance undecided: ${count(block.complianceUndecided)}`)
            : null,
        ),
      ),
    );
  });
  return h("div", { class: "matrix-grid" }, cards);
}
