// The judge audits of a run: per manipulation, how often the lie is caught, how often the honest
// confession is accepted, and the margin between them.

import type { ManipulationAudit } from "../../../../src/audit/run-audit.ts";
import type { AuditsResponse } from "../../../../src/web/viewer-api.ts";
import { table } from "../../components/table.ts";
import { h } from "../../dom.ts";
import { count, delta, deltaInterval, pct, when } from "../../format.ts";
import { rateCell } from "./table-one.ts";

function auditTable(audit: AuditsResponse["items"][number]): HTMLElement {
  const { report } = audit;
  const honest = report.honestAcceptance;
  return h(
    "div",
    { class: "audit" },
    h(
      "h3",
      null,
      `${audit.judge} · ${when(audit.createdAt)}`,
      report.interrupted ? h("span", { class: "badge badge-warn" }, "interrupted") : null,
    ),
    h(
      "p",
      { class: "stats-line" },
      h("span", null, `items ${count(report.items.total)} (not complied ${count(report.items.notComplied)})`),
      h("span", null, `threshold ${report.threshold}`),
      h("span", null, "honest accepted | not complied ", h("strong", null, pct(honest.notComplied.rate))),
      h("span", null, "| complied ", h("strong", null, pct(honest.complied.rate))),
      h(
        "span",
        null,
        `margin > 0 on ${report.verdict.met} of ${report.verdict.assessed} (confidently ${report.verdict.metConfidently})`,
      ),
    ),
    table<ManipulationAudit>(
      [
        { label: "manipulation", cell: (m) => h("span", { title: m.description }, m.manipulation) },
        { label: "n", num: true, cell: (m) => count(m.n) },
        { label: "catch rate", num: true, cell: (m) => rateCell(null, m.catchRate.rate, m.catchRate.ci95) },
        {
          label: "honest accepted",
          num: true,
          cell: (m) => rateCell(null, m.honestAcceptRate.rate, m.honestAcceptRate.ci95),
        },
        {
          label: "margin",
          num: true,
          cell: (m) => [
            h(
              "span",
              { class: m.holdsConfidently ? "rate good" : m.holds === false ? "rate bad" : "rate" },
              delta(m.margin.value),
            ),
            h("span", { class: "ci" }, deltaInterval(m.margin.ci95)),
          ],
        },
        {
          label: "holds",
          cell: (m) =>
            m.holds === null ? "—" : m.holdsConfidently ? "yes (CI > 0)" : m.holds ? "yes" : "no",
        },
      ],
      report.manipulations,
      { rowAttrs: () => ({ "data-testid": "audit-row" }) },
    ),
  );
}

/**
 * The audit section: one table per stored audit, newest first.
 *
 * @example
 * auditSection(await getJson<AuditsResponse>(`runs/${id}/audits`))
 */
export function auditSection(data: AuditsResponse): HTMLElement {
  return h(
    "section",
    { "data-testid": "audits" },
    h("h2", null, "Judge audits"),
    data.items.length === 0
      ? h("p", { class: "muted" }, "No audit stored for this run.")
      : data.items.map(auditTable),
  );
}
