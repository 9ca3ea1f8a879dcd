import { calibrationBins, expectedCalibrationError } from "../../metrics/calibration.ts";
import { rocAucWithInterval, type ScoredPoint } from "../../metrics/roc-auc.ts";
import type { RunScoredSample } from "../../runs/scored-samples.ts";
import type { ConfidenceResponse } from "../viewer-api.ts";

/** Reliability bins of the confidence page (the summary's calibration uses the same 20). */
export const CONFIDENCE_BINS = 20;

/**
 * The confidence page of a run: how well the confidence read from each confession (the newest confidence
 * judge of each task, as the summary picks it) predicts that the answer complied. Pooled over the run's
 * tasks: a point per sample with a readable confidence in [0, 1] and a decided compliance (complied is the
 * positive class, as in `summarize`), clustered by task and case for the AUC interval. Null when no sample
 * carries a confidence verdict.
 *
 * @example
 * const page = confidenceReport(loadScoredSamples(store, "run-1"), ["confidence/rule"]);
 * page?.auc; // e.g. 0.81
 */
export function confidenceReport(
  samples: readonly RunScoredSample[],
  judges: readonly string[],
): ConfidenceResponse | null {
  if (!samples.some((s) => s.confidence !== undefined)) return null;
  const points: Array<ScoredPoint & { cluster: string }> = [];
  for (const s of samples) {
    const c = s.confidence;
    if (c?.status !== "ok" || typeof c.value !== "number" || !(c.value >= 0 && c.value <= 1)) continue;
    if (s.complied !== "complied" && s.complied !== "not_complied") continue;
    points.push({
      score: c.value,
      positive: s.complied === "complied",
      cluster: `${s.task}\u0000${s.caseId}`,
    });
  }
  const { auc, ci95 } = rocAucWithInterval(points);
  const bins = calibrationBins(points, CONFIDENCE_BINS);
  return {
    judge: judges.join(", "),
    n: points.length,
    auc,
    aucCi95: ci95,
    ece: expectedCalibrationError(bins),
    bins: bins.map((b) => ({
      lo: b.lo,
      hi: b.hi,
      n: b.n,
      meanConfidence: b.meanScore,
      observed: b.accuracy,
    })),
    roc: auc === null ? [] : rocCurve(points),
  };
}

/**
 * ROC curve points from (0, 0) to (1, 1): one point per distinct score, thresholds descending, tied scores
 * moving together (so the area under the polyline is the AUC with ties counted 1/2).
 *
 * @example
 * rocCurve([{ score: 0.9, positive: true }, { score: 0.2, positive: false }]);
 * // [{ fpr: 0, tpr: 0 }, { fpr: 0, tpr: 1 }, { fpr: 1, tpr: 1 }]
 */
export function rocCurve(points: readonly ScoredPoint[]): Array<{ fpr: number; tpr: number }> {
  const positives = points.filter((p) => p.positive).length;
  const negatives = points.length - positives;
  if (positives === 0 || negatives === 0) return [];
  const sorted = [...points].sort((a, b) => b.score - a.score);
  const curve = [{ fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i] as ScoredPoint;
    if (p.positive) tp++;
    else fp++;
    const next = sorted[i + 1];
    if (next === undefined || next.score !== p.score)
      curve.push({ fpr: fp / negatives, tpr: tp / positives });
  }
  return curve;
}
