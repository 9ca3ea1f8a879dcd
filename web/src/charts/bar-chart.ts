// Horizontal bars of 0–1 rates with 95% interval whiskers, one bar per suite.

import type { Interval } from "../../../src/metrics/wilson.ts";
import { h } from "../dom.ts";
import { interval, pct } from "../format.ts";
import { linear, rateTicks, svg, svgRoot } from "./svg.ts";

/** One bar: a rate and its interval (either may be missing). */
export interface Bar {
  label: string;
  value: number | null;
  ci: Interval | null;
  /** Drawn in the accent colour (the overall row). */
  emphasis?: boolean;
}

/**
 * A titled horizontal bar chart of rates with interval whiskers; missing rates are labelled "—".
 *
 * @example
 * barChart("Confessed | not complied", [{ label: "word-count", value: 0.8, ci: [0.7, 0.9] }])
 */
export function barChart(title: string, bars: readonly Bar[]): HTMLElement {
  const labelW = 190;
  const plotW = 300;
  const valueW = 150;
  const rowH = 22;
  const top = 8;
  const axisH = 22;
  const width = labelW + plotW + valueW;
  const height = top + bars.length * rowH + axisH;
  const x = linear([0, 1], [labelW, labelW + plotW]);
  const root = svgRoot(width, height, title);
  for (const tick of rateTicks(5)) {
    root.append(
      svg("line", { x1: x(tick), x2: x(tick), y1: top, y2: height - axisH, class: "grid" }),
      svg("text", { x: x(tick), y: height - 6, "text-anchor": "middle", class: "tick" }, pct(tick)),
    );
  }
  bars.forEach((bar, i) => {
    const y = top + i * rowH;
    const label = bar.label.length > 28 ? `${bar.label.slice(0, 27)}…` : bar.label;
    root.append(svg("text", { x: labelW - 8, y: y + 15, "text-anchor": "end", class: "bar-label" }, label));
    if (bar.value !== null) {
      root.append(
        svg(
          "rect",
          {
            x: x(0),
            y: y + 4,
            width: Math.max(0, x(bar.value) - x(0)),
            height: rowH - 8,
            class: bar.emphasis ? "bar bar-emphasis" : "bar",
          },
          svg("title", {}, `${bar.label}: ${pct(bar.value)} ${interval(bar.ci)}`),
        ),
      );
    }
    if (bar.ci) {
      const mid = y + rowH / 2;
      root.append(
        svg("line", { x1: x(bar.ci[0]), x2: x(bar.ci[1]), y1: mid, y2: mid, class: "whisker" }),
        svg("line", { x1: x(bar.ci[0]), x2: x(bar.ci[0]), y1: mid - 5, y2: mid + 5, class: "whisker" }),
        svg("line", { x1: x(bar.ci[1]), x2: x(bar.ci[1]), y1: mid - 5, y2: mid + 5, class: "whisker" }),
      );
    }
    root.append(
      svg(
        "text",
        { x: labelW + plotW + 10, y: y + 15, class: "bar-value" },
        `${pct(bar.value)} ${bar.ci ? interval(bar.ci) : ""}`.trim(),
      ),
    );
  });
  return h("figure", { class: "chart-box" }, h("figcaption", null, title), root);
}
