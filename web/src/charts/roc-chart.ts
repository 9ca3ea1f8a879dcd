// ROC curve of confidence as a classifier of correct answers.

import type { ConfidenceResponse } from "../../../src/web/viewer-api.ts";
import { h } from "../dom.ts";
import { pct } from "../format.ts";
import { linear, rateTicks, svg, svgRoot } from "./svg.ts";

/**
 * An ROC curve (false-positive rate across, true-positive rate up) with the chance diagonal.
 *
 * @example
 * rocChart(confidence.roc, "AUC 0.812")
 */
export function rocChart(points: ConfidenceResponse["roc"], caption: string): HTMLElement {
  const size = 260;
  const pad = { left: 46, bottom: 34, top: 10, right: 24 };
  const x = linear([0, 1], [pad.left, pad.left + size]);
  const y = linear([0, 1], [pad.top + size, pad.top]);
  const root = svgRoot(pad.left + size + pad.right, pad.top + size + pad.bottom, "ROC curve");
  for (const tick of rateTicks(5)) {
    root.append(
      svg("line", { x1: x(0), x2: x(1), y1: y(tick), y2: y(tick), class: "grid" }),
      svg("text", { x: x(0) - 6, y: y(tick) + 4, "text-anchor": "end", class: "tick" }, pct(tick)),
      svg("text", { x: x(tick), y: y(0) + 16, "text-anchor": "middle", class: "tick" }, pct(tick)),
    );
  }
  root.append(
    svg("line", { x1: x(0), y1: y(0), x2: x(1), y2: y(1), class: "diagonal" }),
    svg(
      "text",
      { x: x(0.5), y: y(0) + 30, "text-anchor": "middle", class: "axis-title" },
      "false-positive rate",
    ),
  );
  if (points.length > 0) {
    const path = points
      .map((p, i) => `${i === 0 ? "M" : "L"}${x(p.fpr).toFixed(1)},${y(p.tpr).toFixed(1)}`)
      .join("");
    root.append(svg("path", { d: path, class: "curve" }));
  }
  return h("figure", { class: "chart-box" }, h("figcaption", null, `ROC · ${caption}`), root);
}
