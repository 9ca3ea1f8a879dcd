// SVG built in code: the heatmap, bar, reliability and ROC charts use these helpers.

import { pct } from "../format.ts";

const NS = "http://www.w3.org/2000/svg";

/** Attributes of an SVG element; null and undefined are left out. */
export type SvgAttrs = Record<string, string | number | null | undefined>;

/**
 * Creates an SVG element with attributes and children (strings become text nodes).
 *
 * @example
 * svg("rect", { x: 0, y: 0, width: 10, height: 10, fill: "#ccc" })
 */
export function svg(
  tag: string,
  attrs: SvgAttrs = {},
  ...children: Array<SVGElement | string | null>
): SVGElement {
  const element = document.createElementNS(NS, tag) as SVGElement;
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null) continue;
    element.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return element;
}

/**
 * A root `<svg>` with a viewBox that scales to its container's width.
 *
 * @example
 * const root = svgRoot(320, 200, "Bar chart of rates");
 */
export function svgRoot(width: number, height: number, label: string): SVGElement {
  return svg("svg", {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: "img",
    "aria-label": label,
    class: "chart",
  });
}

/**
 * A linear scale from a domain to a range.
 *
 * @example
 * const x = linear([0, 1], [40, 300]); x(0.5) // 170
 */
export function linear(domain: [number, number], range: [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/**
 * Axis ticks for a 0–1 rate axis, as percentages.
 *
 * @example
 * rateTicks(5) // [0, 0.25, 0.5, 0.75, 1]
 */
export function rateTicks(count = 5): number[] {
  return Array.from({ length: count }, (_, i) => i / (count - 1));
}

/**
 * A square plot of one rate against another (both 0–1): grid, percentage ticks on both axes, the diagonal,
 * and the x axis' title; the caller draws its data with `x` and `y`.
 *
 * @example
 * const { root, x, y } = unitSquarePlot("ROC curve", "false-positive rate");
 * root.append(svg("circle", { cx: x(0.2), cy: y(0.8), r: 3 }));
 */
export function unitSquarePlot(
  label: string,
  xTitle: string,
): { root: SVGElement; x: (value: number) => number; y: (value: number) => number } {
  const size = 260;
  const pad = { left: 46, bottom: 34, top: 10, right: 24 };
  const x = linear([0, 1], [pad.left, pad.left + size]);
  const y = linear([0, 1], [pad.top + size, pad.top]);
  const root = svgRoot(pad.left + size + pad.right, pad.top + size + pad.bottom, label);
  for (const tick of rateTicks(5)) {
    root.append(
      svg("line", { x1: x(0), x2: x(1), y1: y(tick), y2: y(tick), class: "grid" }),
      svg("text", { x: x(0) - 6, y: y(tick) + 4, "text-anchor": "end", class: "tick" }, pct(tick)),
      svg("text", { x: x(tick), y: y(0) + 16, "text-anchor": "middle", class: "tick" }, pct(tick)),
    );
  }
  root.append(
    svg("line", { x1: x(0), y1: y(0), x2: x(1), y2: y(1), class: "diagonal" }),
    svg("text", { x: x(0.5), y: y(0) + 30, "text-anchor": "middle", class: "axis-title" }, xTitle),
  );
  return { root, x, y };
}
