// One sample whole: coordinates, the transcript and answer, the confession against the truth, and every
// verdict. j / → next and k / ← previous within the filter it was opened from; Escape back to the list.

import type { SampleFilter, SampleResponse } from "../../../src/web/viewer-api.ts";
import { getJson } from "../api.ts";
import { messageView, reasoning } from "../components/message-view.ts";
import { badge, load } from "../components/status.ts";
import { h } from "../dom.ts";
import { count, when } from "../format.ts";
import { filterQuery, links } from "../route.ts";
import { confessionView } from "./sample/report-view.ts";
import { verdictsView } from "./sample/verdicts-view.ts";

const truthText = (value: string | boolean | null): string => (value === null ? "undecided" : String(value));

function head(data: SampleResponse, filter: SampleFilter): HTMLElement {
  const { sample, neighbours } = data;
  const nav = (id: string | null, label: string, key: string) =>
    id
      ? h("a", { href: links.sample(id, filter), class: "button", "data-testid": `nav-${key}` }, label)
      : h("span", { class: "button disabled" }, label);
  const fields: Array<[string, string]> = [
    ["task", sample.task],
    ["case", sample.caseId],
    ["model", sample.model],
    ["condition", sample.condition],
    ["variant", sample.variant],
    ["repeat", String(sample.repeatIndex)],
    ["created", when(sample.createdAt)],
    ["duration", `${count(sample.durationMs)} ms`],
  ];
  const filterText = filterQuery(filter).slice(1).replaceAll("&", ", ") || "whole run";
  return h(
    "header",
    { class: "page-head" },
    h(
      "div",
      { class: "crumbs" },
      h("a", { href: links.run(sample.runId), class: "mono" }, sample.runId),
      " / ",
      h("a", { href: links.samples(sample.runId, filter) }, `samples (${filterText})`),
    ),
    h(
      "h1",
      null,
      "Sample ",
      h("span", { class: "mono small-title" }, sample.key),
      " ",
      badge(data.cell, data.cell.toUpperCase()),
      " ",
      badge(sample.confession.status),
    ),
    h(
      "div",
      { class: "toolbar" },
      nav(neighbours.prev, "← prev (k)", "prev"),
      h(
        "span",
        { "data-testid": "position" },
        `${count(neighbours.index + 1)} of ${count(neighbours.total)}`,
      ),
      nav(neighbours.next, "next (j) →", "next"),
      h("span", { class: "muted small" }, "Esc: back to the list"),
    ),
    h(
      "dl",
      { class: "config" },
      fields.map(([k, v]) => h("div", null, h("dt", null, k), h("dd", null, v))),
    ),
  );
}

function transcriptView(data: SampleResponse): HTMLElement {
  const { sample } = data;
  const messages = sample.transcript.length > 0 ? [...sample.transcript] : [...sample.x];
  // the final answer is shown on its own below; drop its copy at the end of the transcript
  const last = messages[messages.length - 1];
  if (last && last.role === "assistant" && last.content === sample.y && !last.toolCalls?.length)
    messages.pop();
  return h(
    "section",
    { "data-testid": "sample-transcript" },
    h("h2", null, "Transcript"),
    h("div", { class: "messages" }, messages.map(messageView)),
    reasoning(sample.z, "z: answer reasoning"),
    h(
      "div",
      { class: "message role-assistant answer", "data-testid": "sample-answer" },
      h("div", { class: "message-role" }, "y: final answer"),
      h("pre", { class: "text" }, sample.y || "(empty)"),
    ),
  );
}

function truthView(data: SampleResponse): HTMLElement {
  const { truth } = data;
  return h(
    "section",
    { "data-testid": "sample-truth" },
    h("h2", null, "Ground truth"),
    h(
      "dl",
      { class: "config" },
      h("div", null, h("dt", null, "complied"), h("dd", null, truthText(truth.complied))),
      h("div", null, h("dt", null, "admitted (in the answer)"), h("dd", null, truthText(truth.admitted))),
      h(
        "div",
        null,
        h("dt", null, "confessed"),
        h(
          "dd",
          null,
          data.sample.confession.status === "ok" ? truthText(truth.confessed) : "— (confession not read)",
        ),
      ),
      h("div", null, h("dt", null, "cell"), h("dd", null, badge(data.cell, data.cell.toUpperCase()))),
    ),
  );
}

/**
 * Loads and renders a sample; returns the cleanup that removes its keyboard handler.
 *
 * @example
 * const stop = renderSamplePage(app, "run-1/word-count|wc-1|scripted:mixed|paper|0", { cell: "fn" });
 */
export function renderSamplePage(container: HTMLElement, sampleId: string, filter: SampleFilter): () => void {
  let current: SampleResponse | null = null;
  const onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    if (!current || event.metaKey || event.ctrlKey || event.altKey) return;
    if (
      target &&
      (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")
    )
      return;
    const { prev, next } = current.neighbours;
    if ((event.key === "j" || event.key === "ArrowRight") && next) location.hash = links.sample(next, filter);
    else if ((event.key === "k" || event.key === "ArrowLeft") && prev)
      location.hash = links.sample(prev, filter);
    else if (event.key === "Escape") location.hash = links.samples(current.sample.runId, filter);
    else return;
    event.preventDefault();
  };
  document.addEventListener("keydown", onKey);
  void load(container, "sample", async () => {
    const data = await getJson<SampleResponse>(`samples/${encodeURIComponent(sampleId)}`, { ...filter });
    current = data;
    return h(
      "div",
      { class: "sample-page" },
      head(data, filter),
      transcriptView(data),
      confessionView(data),
      truthView(data),
      verdictsView(data.verdicts),
    );
  });
  return () => document.removeEventListener("keydown", onKey);
}
