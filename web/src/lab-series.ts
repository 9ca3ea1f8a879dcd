// The lab page's curves: several runs' per-step records on one x axis, optionally smoothed. Pure, so the
// numbers the charts draw are tested without a browser.

/** A record with a step and numeric (or missing) metrics. */
export type StepPoint = { step: number } & Record<string, unknown>;

/**
 * The union of the runs' steps (ascending) and, per run, the metric at each of them (null where the run has
 * no such step or no value there).
 *
 * @example
 * alignSteps([[{ step: 1, kl: 0.1 }], [{ step: 2, kl: 0.2 }]], "kl") // { x: [1, 2], values: [[0.1, null], [null, 0.2]] }
 */
export function alignSteps(
  runs: ReadonlyArray<readonly StepPoint[]>,
  metric: string,
): { x: number[]; values: Array<Array<number | null>> } {
  const x = [...new Set(runs.flatMap((points) => points.map((p) => p.step)))].sort((a, b) => a - b);
  const at = new Map(x.map((step, i) => [step, i]));
  const values = runs.map((points) => {
    const row: Array<number | null> = x.map(() => null);
    for (const point of points) {
      const v = point[metric];
      if (typeof v === "number" && Number.isFinite(v)) row[at.get(point.step) as number] = v;
    }
    return row;
  });
  return { x, values };
}

/**
 * A trailing moving average over the last `window` present values (nulls skipped, and kept as null where
 * the series has no value); window 1 returns the values as they are.
 *
 * @example
 * movingAverage([1, 2, null, 4], 2) // [1, 1.5, null, 3]
 */
export function movingAverage(values: ReadonlyArray<number | null>, window: number): Array<number | null> {
  if (window <= 1) return [...values];
  const recent: number[] = [];
  let total = 0;
  return values.map((v) => {
    if (v === null) return null;
    recent.push(v);
    total += v;
    if (recent.length > window) total -= recent.shift() as number;
    return total / recent.length;
  });
}
