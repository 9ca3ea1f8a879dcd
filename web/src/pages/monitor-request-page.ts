// One monitored request: the record, each upstream attempt, each confession with its grade, status and
// the policy's reasons, and the webhooks.

import type { MonitorRequestResponse } from "../../../src/web/viewer-api.ts";
import { getJson } from "../api.ts";
import { badge, load } from "../components/status.ts";
import { table } from "../components/table.ts";
import { h } from "../dom.ts";
import { count, ms, when } from "../format.ts";
import { links } from "../route.ts";

const json = (value: unknown): string => JSON.stringify(value, null, 2) ?? "null";

/**
 * Loads and renders a monitored request.
 *
 * @example
 * renderMonitorRequestPage(app, "req_123");
 */
export function renderMonitorRequestPage(container: HTMLElement, requestId: string): void {
  void load(container, "request", async () => {
    const detail = await getJson<MonitorRequestResponse>(`monitor/requests/${encodeURIComponent(requestId)}`);
    const r = detail.request;
    const fields: Array<[string, string]> = [
      ["created", when(r.createdAt)],
      ["api", r.api],
      ["model", r.model],
      ["key", r.keyId ?? "—"],
      ["mode", r.mode],
      ["stream", String(r.stream)],
      ["http status", String(r.httpStatus)],
      ["outcome", r.outcome],
      ["latency", ms(r.latencyMs)],
      ["attempts", count(r.attempts)],
      ["chosen attempt", r.chosenAttempt === null ? "—" : String(r.chosenAttempt)],
    ];
    if (r.clientRequestId) fields.push(["client request id", r.clientRequestId]);
    return h(
      "div",
      { class: "monitor-request" },
      h("div", { class: "crumbs" }, h("a", { href: links.monitor() }, "monitor"), " / request"),
      h("h1", null, "Request ", h("span", { class: "mono" }, r.id)),
      r.error ? h("div", { class: "error-box" }, r.error) : null,
      h(
        "dl",
        { class: "config" },
        fields.map(([k, v]) => h("div", null, h("dt", null, k), h("dd", null, v))),
      ),
      h(
        "details",
        { class: "block" },
        h("summary", null, "request body"),
        h("pre", { class: "text code" }, json(r.request)),
      ),
      h(
        "section",
        null,
        h("h2", null, `Attempts (${detail.attempts.length})`),
        detail.attempts.map((a) =>
          h(
            "div",
            {
              class: `message role-assistant${a.index === r.chosenAttempt ? " chosen" : ""}`,
              "data-testid": "attempt",
            },
            h(
              "div",
              { class: "message-role" },
              `attempt ${a.index}${a.index === r.chosenAttempt ? " · returned to the client" : ""} · ${ms(a.latencyMs)} · finish ${a.finishReason ?? "—"}`,
            ),
            h("pre", { class: "text" }, a.answer.text || "(no text)"),
            a.answer.toolCalls.length > 0 ? h("pre", { class: "text code" }, json(a.answer.toolCalls)) : null,
          ),
        ),
      ),
      h(
        "section",
        null,
        h("h2", null, `Confessions (${detail.confessions.length})`),
        table(
          [
            { label: "attempt", num: true, cell: (c) => String(c.attempt) },
            { label: "status", cell: (c) => badge(c.status) },
            { label: "grade", num: true, cell: (c) => (c.grade === null ? "—" : String(c.grade)) },
            { label: "passed", cell: (c) => (c.passed === null ? "—" : c.passed ? "yes" : "no") },
            { label: "flagged", cell: (c) => (c.flagged ? badge("flagged") : "no") },
            { label: "reasons", cell: (c) => h("span", { class: "reason" }, c.reasons.join("; ")) },
            { label: "latency", num: true, cell: (c) => ms(c.latencyMs) },
            {
              label: "text",
              cell: (c) =>
                h(
                  "details",
                  null,
                  h("summary", null, c.error ? `error: ${c.error}` : "confession"),
                  h("pre", { class: "text code" }, c.text ?? c.confession?.raw ?? "(none)"),
                ),
            },
          ],
          detail.confessions,
          { rowAttrs: () => ({ "data-testid": "confession-row" }) },
        ),
      ),
      detail.webhooks.length > 0
        ? h(
            "section",
            null,
            h("h2", null, "Webhooks"),
            table(
              [
                { label: "url", cell: (w) => h("span", { class: "mono" }, w.url) },
                { label: "status", cell: (w) => badge(w.status) },
                { label: "tries", num: true, cell: (w) => String(w.tries) },
                {
                  label: "http",
                  num: true,
                  cell: (w) => (w.httpStatus === null ? "—" : String(w.httpStatus)),
                },
                { label: "error", cell: (w) => w.error ?? "" },
              ],
              detail.webhooks,
            ),
          )
        : null,
    );
  });
}
