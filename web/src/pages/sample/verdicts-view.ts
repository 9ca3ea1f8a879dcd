// Every verdict written on a sample (oldest first), with its raw output collapsible.

import type { VerdictRecord } from "../../../../src/store/records.ts";
import { badge } from "../../components/status.ts";
import { table } from "../../components/table.ts";
import { h } from "../../dom.ts";
import { when } from "../../format.ts";

const short = (value: unknown): string => {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text === undefined ? "—" : text;
};

/**
 * The verdicts table.
 *
 * @example
 * verdictsView(sampleResponse.verdicts)
 */
export function verdictsView(verdicts: readonly VerdictRecord[]): HTMLElement {
  return h(
    "section",
    { "data-testid": "sample-verdicts" },
    h("h2", null, `Verdicts (${verdicts.length})`),
    verdicts.length === 0
      ? h("p", { class: "muted" }, "No verdict was written on this sample.")
      : table(
          [
            { label: "scorer", cell: (v) => h("span", { class: "mono" }, v.scorer) },
            { label: "target", cell: (v) => v.target },
            {
              label: "value",
              cell: (v) => {
                const text = short(v.value);
                return text.length > 80
                  ? h(
                      "details",
                      null,
                      h("summary", { class: "mono" }, `${text.slice(0, 60)}…`),
                      h("pre", { class: "text code" }, JSON.stringify(v.value, null, 2)),
                    )
                  : h("span", { class: "mono" }, text);
              },
            },
            { label: "status", cell: (v) => badge(v.status) },
            { label: "method", cell: (v) => v.method },
            { label: "reason", cell: (v) => h("span", { class: "reason" }, v.reason ?? "") },
            {
              label: "raw",
              cell: (v) =>
                v.raw
                  ? h("details", null, h("summary", null, "raw"), h("pre", { class: "text code" }, v.raw))
                  : "",
            },
            { label: "written", cell: (v) => h("span", { class: "nowrap small muted" }, when(v.createdAt)) },
          ],
          verdicts,
          {
            rowAttrs: (v) => ({
              "data-testid": "verdict-row",
              "data-scorer": v.scorer,
              "data-target": v.target,
            }),
          },
        ),
  );
}
