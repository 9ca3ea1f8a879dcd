// The sample list of a run, filtered by task, cell, model, condition and variant; "more" pages by cursor.

import {
  SAMPLE_CELLS,
  type SampleFilter,
  type SampleListItem,
  type SamplesResponse,
} from "../../../src/web/viewer-api.ts";
import { getJson } from "../api.ts";
import { badge, errorBox, loading } from "../components/status.ts";
import { table } from "../components/table.ts";
import { h, replace } from "../dom.ts";
import { count } from "../format.ts";
import { links } from "../route.ts";

const PAGE_SIZE = 50;

function filterForm(runId: string, filter: SampleFilter): HTMLElement {
  const text = (name: "task" | "model" | "condition" | "variant") =>
    h("input", { type: "search", name, placeholder: name, value: filter[name] ?? "", class: "filter" });
  const fields = [text("task")];
  const cell = h(
    "select",
    { name: "cell", "aria-label": "cell" },
    h("option", { value: "" }, "any cell"),
    SAMPLE_CELLS.map((c) => h("option", { value: c, selected: filter.cell === c }, c)),
  );
  const rest = [text("model"), text("condition"), text("variant")];
  return h(
    "form",
    {
      class: "toolbar",
      onsubmit: (event) => {
        event.preventDefault();
        const form = event.target as HTMLFormElement;
        const data = new FormData(form);
        const next: Record<string, string> = {};
        for (const [key, value] of data) if (String(value).trim()) next[key] = String(value).trim();
        location.hash = links.samples(runId, next as SampleFilter);
      },
    },
    fields,
    cell,
    rest,
    h("button", { type: "submit" }, "Filter"),
    h("a", { href: links.samples(runId), class: "muted" }, "clear"),
  );
}

function rows(items: readonly SampleListItem[], filter: SampleFilter): HTMLElement {
  return table(
    [
      { label: "#", num: true, cell: (s) => count(s.seq) },
      { label: "sample", cell: (s) => h("a", { href: links.sample(s.id, filter), class: "mono" }, s.id) },
      { label: "task", cell: (s) => s.task },
      { label: "case", cell: (s) => h("span", { class: "mono" }, s.caseId) },
      { label: "model", cell: (s) => s.model },
      { label: "condition", cell: (s) => s.condition },
      { label: "variant", cell: (s) => s.variant },
      { label: "repeat", num: true, cell: (s) => count(s.repeatIndex) },
      { label: "status", cell: (s) => badge(s.status) },
      { label: "cell", cell: (s) => badge(s.cell, s.cell.toUpperCase()) },
      { label: "grade", num: true, cell: (s) => (s.grade === null ? "—" : String(s.grade)) },
    ],
    items,
    { rowAttrs: (s) => ({ "data-testid": "sample-row", "data-sample-id": s.id }) },
  );
}

/**
 * Renders a run's sample list for a filter, 50 at a time.
 *
 * @example
 * renderSamplesPage(app, "run-1", { task: "word-count", cell: "fn" });
 */
export function renderSamplesPage(container: HTMLElement, runId: string, filter: SampleFilter): void {
  const summary = h("p", { class: "muted" }, "");
  const list = h("div", null, loading("samples"));
  const more = h("div", { class: "pager" });
  replace(
    container,
    h(
      "header",
      { class: "page-head" },
      h("h1", null, "Samples of ", h("a", { href: links.run(runId), class: "mono" }, runId)),
    ),
    filterForm(runId, filter),
    summary,
    list,
    more,
  );
  let shown = 0;
  const page = async (after: number | null) => {
    try {
      const response = await getJson<SamplesResponse>(`runs/${encodeURIComponent(runId)}/samples`, {
        ...filter,
        after,
        limit: PAGE_SIZE,
      });
      if (after === null) {
        list.replaceChildren();
        if (response.total === 0)
          list.append(h("p", { class: "muted", "data-testid": "no-samples" }, "No sample matches."));
      }
      if (response.items.length > 0) {
        // later pages add their rows to the first page's table, so the columns stay aligned
        const built = rows(response.items, filter);
        const body = list.querySelector("tbody");
        if (body) body.append(...built.querySelectorAll("tbody > tr"));
        else list.append(built);
      }
      shown += response.items.length;
      summary.textContent = `${count(shown)} of ${count(response.total)} samples`;
      more.replaceChildren();
      if (response.next !== null) {
        const next = response.next;
        const button = h("button", { type: "button", "data-testid": "more" }, "more");
        button.addEventListener("click", () => {
          button.disabled = true;
          button.textContent = "loading…";
          void page(next);
        });
        more.append(button);
      }
    } catch (error) {
      more.replaceChildren(errorBox(error));
    }
  };
  void page(null);
}
