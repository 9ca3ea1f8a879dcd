// ROC curve of confidence as a classifier of correct answers.

import type { ConfidenceResponse } from "../../../src/web/viewer-api.ts";
import { h } from "../dom.ts";
import { svg, unitSquarePlot } from "./svg.ts";

/**
 * An ROC curve (false-positive rate across, true-positive rate up) with the chance diagonal.
 *
 * @example
 * rocChart(confidence.roc, "AUC 0.812")
 */
export function rocChart(points: ConfidenceResponse["roc"], caption: string): HTMLElement {
  const { root, x, y } = unitSquarePlot("ROC curve", "false-positive rate");
  if (points.length > 0) {
    const path = points
      .map((p, i) => `${i === 0 ? "M" : "L"}${x(p.fpr).toFixed(1)},${y(p.tpr).toFixed(1)}`)
      .join("");
    root.append(svg("path", { d: path, class: "curve" }));
  }
  return h("figure", { class: "chart-box" }, h("figcaption", null, `ROC · ${caption}`), root);
}
