import type { ScoredPoint } from "./roc-auc.ts";

/** One equal-width bin of a calibration curve. */
export interface CalibrationBin {
  /** Lower edge (inclusive). */
  lo: number;
  /** Upper edge (exclusive, except the last bin, which includes 1). */
  hi: number;
  /** Points whose score falls in the bin. */
  n: number;
  /** Mean score of those points; null when the bin is empty. */
  meanScore: number | null;
  /** Share of those points that are positive (the answer was correct); null when the bin is empty. */
  accuracy: number | null;
}

/** Bins the paper's calibration plots use (§5, Fig. 8). */
export const DEFAULT_CALIBRATION_BINS = 20;

/**
 * Equal-width calibration bins on [0, 1]: point with score s goes in bin ⌊s·bins⌋, and a score of exactly 1
 * in the last bin. Every bin is returned, empty ones with null mean and accuracy.
 *
 * @throws RangeError when a score is outside [0, 1] or `bins` is not a positive integer.
 * @example
 * calibrationBins([{ score: 0.72, positive: true }, { score: 0.74, positive: false }], 10)[7];
 * // { lo: 0.7, hi: 0.8, n: 2, meanScore: 0.73, accuracy: 0.5 }
 */
export function calibrationBins(
  points: readonly ScoredPoint[],
  bins: number = DEFAULT_CALIBRATION_BINS,
): CalibrationBin[] {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`calibrationBins: bins must be a positive integer, got ${bins}`);
  }
  const count = new Array<number>(bins).fill(0);
  const scoreSum = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  for (const p of points) {
    if (!(p.score >= 0 && p.score <= 1)) {
      throw new RangeError(`calibrationBins: score must be in [0, 1], got ${p.score}`);
    }
    const i = Math.min(Math.floor(p.score * bins), bins - 1);
    count[i] = (count[i] as number) + 1;
    scoreSum[i] = (scoreSum[i] as number) + p.score;
    if (p.positive) hits[i] = (hits[i] as number) + 1;
  }
  return count.map((n, i) => ({
    lo: i / bins,
    hi: (i + 1) / bins,
    n,
    meanScore: n > 0 ? (scoreSum[i] as number) / n : null,
    accuracy: n > 0 ? (hits[i] as number) / n : null,
  }));
}

/**
 * Expected calibration error: the mean over points of |accuracy − mean score| of their bin, i.e.
 * Σ (n_b / N)·|accuracy_b − meanScore_b|. 0 is perfectly calibrated; null when no bin holds a point.
 *
 * @example
 * expectedCalibrationError(calibrationBins(points)); // e.g. 0.12
 */
export function expectedCalibrationError(bins: readonly CalibrationBin[]): number | null {
  let total = 0;
  let weighted = 0;
  for (const bin of bins) {
    if (bin.n === 0 || bin.meanScore === null || bin.accuracy === null) continue;
    total += bin.n;
    weighted += bin.n * Math.abs(bin.accuracy - bin.meanScore);
  }
  return total > 0 ? weighted / total : null;
}
