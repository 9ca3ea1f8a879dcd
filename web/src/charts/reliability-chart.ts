// Reliability diagram: observed accuracy per bin of stated confidence, against the diagonal.

import type { ConfidenceResponse } from "../../../src/web/viewer-api.ts";
import { h } from "../dom.ts";
import { count, pct } from "../format.ts";
import { svg, unitSquarePlot } from "./svg.ts";

/**
 * A reliability plot of confidence bins: bars of the observed rate per bin, the mean confidence as a dot,
 * and the diagonal of perfect calibration. Empty bins are left blank.
 *
 * @example
 * reliabilityChart(confidence.bins)
 */
export function reliabilityChart(bins: ConfidenceResponse["bins"]): HTMLElement {
  const { root, x, y } = unitSquarePlot("Reliability diagram", "stated confidence");
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
