// Line charts over steps or time, drawn by uPlot (canvas: fast with many points).

import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { h } from "../dom.ts";

/** One line of {@link lineChart}. */
export interface LineSeries {
  label: string;
  values: ReadonlyArray<number | null>;
  color: string;
  /** Right-hand axis (a second unit, e.g. a rate beside counts). */
  right?: boolean;
}

/** Options of {@link lineChart}. */
export interface LineChartOptions {
  title: string;
  /** x values: steps, or unix seconds when `time` is set. */
  x: readonly number[];
  series: readonly LineSeries[];
  time?: boolean;
  /** Formats the left axis' values (e.g. as percentages). */
  left?: (value: number) => string;
  right?: (value: number) => string;
  /** A fixed left axis range (rates: [0, 1]); otherwise it fits the data. */
  range?: [number, number];
  height?: number;
}

/** Distinct, readable line colours. */
export const PALETTE = ["#1f6fd1", "#d1495b", "#2a9d5b", "#e09a1a", "#7b4fc9", "#1aa0a8", "#8a6d3b"];

/**
 * A titled uPlot line chart that sizes itself to its container (and follows it when resized).
 *
 * @example
 * lineChart({ title: "FN rate", x: [100, 200], series: [{ label: "fn", values: [0.1, 0.05], color: PALETTE[0] }] })
 */
export function lineChart(options: LineChartOptions): HTMLElement {
  const host = h("div", { class: "line-host" });
  const figure = h("figure", { class: "chart-box line-chart" }, h("figcaption", null, options.title), host);
  const hasRight = options.series.some((s) => s.right);
  const axisValues = (format?: (v: number) => string) =>
    format ? (_u: uPlot, values: number[]) => values.map((v) => (v === null ? "" : format(v))) : undefined;
  const leftValues = axisValues(options.left);
  const rightValues = axisValues(options.right);
  const opts: uPlot.Options = {
    width: 600,
    height: options.height ?? 220,
    scales: {
      x: { time: options.time ?? false },
      ...(options.range ? { y: { auto: false, range: options.range } } : {}),
      ...(hasRight ? { r: {} } : {}),
    },
    series: [
      { label: options.time ? "time" : "step" },
      ...options.series.map(
        (s): uPlot.Series => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          points: { show: options.x.length <= 60 },
          spanGaps: false,
          ...(s.right ? { scale: "r" } : {}),
        }),
      ),
    ],
    axes: [
      {},
      { ...(leftValues ? { values: leftValues } : {}), size: 60 },
      ...(hasRight
        ? [
            {
              scale: "r",
              side: 1 as const,
              grid: { show: false },
              size: 60,
              ...(rightValues ? { values: rightValues } : {}),
            },
          ]
        : []),
    ],
  };
  const data = [
    options.x as number[],
    ...options.series.map((s) => s.values as Array<number | null>),
  ] as uPlot.AlignedData;
  let plot: uPlot | null = null;
  // uPlot needs a width: build it once the figure is in the page and has one, and follow resizes
  const observer = new ResizeObserver(() => {
    const width = Math.max(280, Math.floor(host.clientWidth));
    if (!host.isConnected) {
      observer.disconnect();
      plot?.destroy();
      return;
    }
    if (plot === null) plot = new uPlot({ ...opts, width }, data, host);
    else if (Math.abs(plot.width - width) > 2) plot.setSize({ width, height: opts.height });
  });
  observer.observe(host);
  return figure;
}
