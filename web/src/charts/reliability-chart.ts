// Reliability diagram: observed accuracy per bin of stated confidence, against the diagonal.

import type { ConfidenceResponse } from "../../../src/web/viewer-api.ts";
import { h } from "../dom.ts";
import { count, pct } from "../format.ts";
import { linear, rateTicks, svg, svgRoot } from "./svg.ts";

/**
 * A reliability plot of confidence bins: bars of the observed rate per bin, the mean confidence as a dot,
 * and the diagonal of perfect calibration. Empty bins are left blank.
 *
 * @example
 * reliabilityChart(confidence.bins)
 */
export function reliabilityChart(bins: ConfidenceResponse["bins"]): HTMLElement {
  const size = 260;
  const pad = { left: 46, bottom: 34, top: 10, right: 24 };
  const x = linear([0, 1], [pad.left, pad.left + size]);
  const y = linear([0, 1], [pad.top + size, pad.top]);
  const root = svgRoot(pad.left + size + pad.right, pad.top + size + pad.bottom, "Reliability diagram");
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
      "stated confidence",
    ),
  );
  for (const bin of bins) {
    if (bin.n === 0 || bin.observed === null) continue;
    root.append(
      svg(
        "rect",
        {
          x: x(bin.lo) + 1,
          y: y(bin.observed),
          width: Math.max(1, x(bin.hi) - x(bin.lo) - 2),
          height: y(0) - y(bin.observed),
          class: "bar",
        },
        svg("title", {}, `${pct(bin.lo)}–${pct(bin.hi)}: observed ${pct(bin.observed)} of ${count(bin.n)}`),
      ),
    );
    if (bin.meanConfidence !== null) {
      root.append(
        svg("circle", { cx: x(bin.meanConfidence), cy: y(bin.meanConfidence), r: 3, class: "dot" }),
      );
    }
  }
  return h(
    "figure",
    { class: "chart-box" },
    h("figcaption", null, "Reliability (observed correct per bin)"),
    root,
  );
}
