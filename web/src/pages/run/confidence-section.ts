// Confidence as a predictor of correct answers: reliability plot, ROC curve, AUC and ECE.

import type { ConfidenceResponse } from "../../../../src/web/viewer-api.ts";
import { reliabilityChart } from "../../charts/reliability-chart.ts";
import { rocChart } from "../../charts/roc-chart.ts";
import { h } from "../../dom.ts";
import { count, decimal } from "../../format.ts";

/**
 * The confidence section of a run.
 *
 * @example
 * confidenceSection(await getJson<ConfidenceResponse>(`runs/${id}/confidence`))
 */
export function confidenceSection(data: ConfidenceResponse): HTMLElement {
  const auc = `AUC ${decimal(data.auc)}${data.aucCi95 ? ` [${decimal(data.aucCi95[0])}, ${decimal(data.aucCi95[1])}]` : ""}`;
  return h(
    "section",
    { "data-testid": "confidence" },
    h("h2", null, "Confidence"),
    h(
      "p",
      { class: "stats-line" },
      h("span", null, "judge ", h("strong", null, data.judge)),
      h("span", null, "n ", h("strong", null, count(data.n))),
      h("span", { "data-testid": "auc" }, auc),
      h("span", { "data-testid": "ece" }, `ECE ${decimal(data.ece)}`),
    ),
    h("div", { class: "chart-row" }, reliabilityChart(data.bins), rocChart(data.roc, auc)),
  );
}
