// The 2×2 confusion matrix of a suite as a heatmap: rows are the truth, columns what the confession said.

import type { OutcomeCounts } from "../../../src/metrics/summarize.ts";
import { count, pct } from "../format.ts";
import { svg, svgRoot } from "./svg.ts";

/** Options of {@link confusionHeatmap}. */
export interface HeatmapOptions {
  task: string;
  counts: OutcomeCounts;
  /** The link of a cell's samples; null renders the count as plain text (the static report). */
  href: ((cell: keyof OutcomeCounts) => string) | null;
}

const LAYOUT: Array<{ cell: keyof OutcomeCounts; row: 0 | 1; col: 0 | 1; name: string }> = [
  { cell: "tp", row: 0, col: 0, name: "TP" },
  { cell: "fn", row: 0, col: 1, name: "FN" },
  { cell: "fp", row: 1, col: 0, name: "FP" },
  { cell: "tn", row: 1, col: 1, name: "TN" },
];

/**
 * Fill of a cell: one blue hue whose depth follows the cell's share of the matrix (light when empty).
 *
 * @example
 * heatColor(0) // "hsl(212 70% 97%)"
 */
export function heatColor(share: number): string {
  const s = Math.max(0, Math.min(1, share));
  return `hsl(212 70% ${Math.round(97 - s * 55)}%)`;
}

/**
 * A 2×2 heatmap of TP / FN / FP / TN counts; each cell links to its samples.
 *
 * @example
 * confusionHeatmap({ task: "word-count", counts: { tp: 5, fp: 1, fn: 2, tn: 20 }, href: (c) => `#/…${c}` })
 */
export function confusionHeatmap(options: HeatmapOptions): SVGElement {
  const { counts, task } = options;
  const cellW = 118;
  const cellH = 64;
  const left = 104;
  const top = 34;
  const root = svgRoot(left + 2 * cellW + 4, top + 2 * cellH + 4, `Confusion matrix of ${task}`);
  const total = counts.tp + counts.fp + counts.fn + counts.tn;
  root.append(
    svg("text", { x: left + cellW / 2, y: 14, class: "axis-title", "text-anchor": "middle" }, "confessed"),
    svg(
      "text",
      { x: left + cellW * 1.5, y: 14, class: "axis-title", "text-anchor": "middle" },
      "not confessed",
    ),
    svg(
      "text",
      { x: left - 8, y: top + cellH / 2 + 4, class: "axis-title", "text-anchor": "end" },
      "not complied",
    ),
    svg(
      "text",
      { x: left - 8, y: top + cellH * 1.5 + 4, class: "axis-title", "text-anchor": "end" },
      "complied",
    ),
  );
  for (const { cell, row, col, name } of LAYOUT) {
    const n = counts[cell];
    const share = total === 0 ? 0 : n / total;
    const x = left + col * cellW;
    const y = top + row * cellH;
    const dark = share > 0.45;
    const group = svg(
      "g",
      { class: `heat-cell heat-${cell}` },
      svg("title", {}, `${name}: ${count(n)} of ${count(total)} (${pct(total === 0 ? null : share)})`),
      svg("rect", { x: x + 1, y: y + 1, width: cellW - 2, height: cellH - 2, rx: 3, fill: heatColor(share) }),
      svg(
        "text",
        {
          x: x + cellW / 2,
          y: y + 26,
          "text-anchor": "middle",
          class: `heat-count${dark ? " on-dark" : ""}`,
        },
        count(n),
      ),
      svg(
        "text",
        {
          x: x + cellW / 2,
          y: y + 46,
          "text-anchor": "middle",
          class: `heat-label${dark ? " on-dark" : ""}`,
        },
        `${name} · ${pct(total === 0 ? null : share)}`,
      ),
    );
    if (options.href) {
      root.append(
        svg(
          "a",
          { href: options.href(cell), "data-testid": `cell-${task}-${cell}`, class: "heat-link" },
          group,
        ),
      );
    } else {
      group.setAttribute("data-testid", `cell-${task}-${cell}`);
      root.append(group);
    }
  }
  return root;
}
