// SVG built in code: the heatmap, bar, reliability and ROC charts use these helpers.

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
