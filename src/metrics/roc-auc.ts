import { type BootstrapOptions, bootstrapInterval } from "./bootstrap.ts";
import type { Interval } from "./wilson.ts";

/** One scored item: a classifier's score and whether the item is truly positive. */
export interface ScoredPoint {
  score: number;
  positive: boolean;
}

/**
 * Area under the ROC curve: the chance that a random positive scores above a random negative, ties
 * counting 1/2 (the Mann–Whitney U statistic over P·N). Computed from mid-ranks in O(n log n). Null when
 * the points lack positives or negatives, since there is then no curve.
 *
 * @throws RangeError when a score is not a finite number.
 * @example
 * rocAuc([{ score: 0.9, positive: true }, { score: 0.2, positive: false }]); // 1
 * rocAuc([{ score: 0.5, positive: true }, { score: 0.5, positive: false }]); // 0.5
 */
export function rocAuc(points: readonly ScoredPoint[]): number | null {
  let positives = 0;
  for (const p of points) {
    if (!Number.isFinite(p.score)) throw new RangeError(`rocAuc: score must be finite, got ${p.score}`);
    if (p.positive) positives++;
  }
  const negatives = points.length - positives;
  if (positives === 0 || negatives === 0) return null;
  const sorted = [...points].sort((x, y) => x.score - y.score);
  // Sum of the positives' ranks (1-based), tied scores sharing their mean rank.
  let rankSum = 0;
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    let tiedPositives = 0;
    while (
      end < sorted.length &&
      (sorted[end] as ScoredPoint).score === (sorted[start] as ScoredPoint).score
    ) {
      if ((sorted[end] as ScoredPoint).positive) tiedPositives++;
      end++;
    }
    rankSum += tiedPositives * ((start + 1 + end) / 2);
    start = end;
  }
  const u = rankSum - (positives * (positives + 1)) / 2;
  return u / (positives * negatives);
}

/** Result of {@link rocAucWithInterval}. */
export interface AucWithInterval {
  /** Null without both classes. */
  auc: number | null;
  /** 95% (or `level`) percentile interval; null where `auc` is null. */
  ci95: Interval | null;
  n: number;
  positives: number;
  negatives: number;
}

/**
 * ROC AUC with a cluster-bootstrap percentile interval. Points sharing a `cluster` (say, samples of one
 * case) are resampled together, since they are not independent. The bootstrap is deterministic for a seed
 * (default the shared bootstrap seed). Resamples that happen to lack positives or negatives have no AUC and
 * are skipped, so the interval comes from the remaining resamples; with very few clusters of one class this
 * makes it somewhat optimistic.
 *
 * @example
 * const { auc, ci95 } = rocAucWithInterval(
 *   samples.map((s) => ({ score: s.confidence, positive: s.correct, cluster: s.caseId })),
 *   { resamples: 2000, seed: 7 },
 * );
 */
export function rocAucWithInterval(
  points: ReadonlyArray<ScoredPoint & { cluster: string }>,
  options: BootstrapOptions = {},
): AucWithInterval {
  const positives = points.filter((p) => p.positive).length;
  const negatives = points.length - positives;
  const auc = rocAuc(points);
  if (auc === null) return { auc, ci95: null, n: points.length, positives, negatives };
  const prepared = prepareClusteredAuc(points);
  const ci95 = bootstrapInterval(prepared.clusters, prepared.aucOf, options);
  return { auc, ci95, n: points.length, positives, negatives };
}

/** Points grouped for fast resampled AUCs; see {@link prepareClusteredAuc}. */
export interface ClusteredAuc {
  /** One index per cluster: the things to resample. */
  clusters: number[];
  /** AUC of a resample given as drawn cluster indices (repeats allowed); null without both classes. */
  aucOf: (resample: readonly number[]) => number | null;
}

/**
 * Prepares points for many resampled AUCs: they are sorted once, and each resample only weights every point
 * by how often its cluster was drawn and walks the sorted points once (O(n) instead of a sort per resample).
 * The AUC of a resample equals {@link rocAuc} of the drawn clusters' points, repeats included.
 *
 * @example
 * const { clusters, aucOf } = prepareClusteredAuc(points);
 * const ci = bootstrapInterval(clusters, aucOf, { resamples: 2000 });
 */
export function prepareClusteredAuc(points: ReadonlyArray<ScoredPoint & { cluster: string }>): ClusteredAuc {
  const index = new Map<string, number>();
  for (const p of points) if (!index.has(p.cluster)) index.set(p.cluster, index.size);
  const sorted = [...points].sort((x, y) => x.score - y.score);
  const clusterOf = Int32Array.from(sorted, (p) => index.get(p.cluster) as number);
  const positive = Uint8Array.from(sorted, (p) => (p.positive ? 1 : 0));
  // tie groups: points [groupStart[g], groupStart[g + 1]) share a score
  const groupStart: number[] = [];
  sorted.forEach((p, i) => {
    if (i === 0 || p.score !== (sorted[i - 1] as ScoredPoint).score) groupStart.push(i);
  });
  groupStart.push(sorted.length);
  const weights = new Float64Array(index.size);
  const aucOf = (resample: readonly number[]): number | null => {
    weights.fill(0);
    for (const c of resample) weights[c] = (weights[c] as number) + 1;
    let negativesBelow = 0;
    let pairs = 0;
    let positiveWeight = 0;
    for (let g = 0; g + 1 < groupStart.length; g++) {
      let pos = 0;
      let neg = 0;
      for (let i = groupStart[g] as number; i < (groupStart[g + 1] as number); i++) {
        const w = weights[clusterOf[i] as number] as number;
        if (positive[i]) pos += w;
        else neg += w;
      }
      pairs += pos * (negativesBelow + neg / 2);
      negativesBelow += neg;
      positiveWeight += pos;
    }
    return positiveWeight > 0 && negativesBelow > 0 ? pairs / (positiveWeight * negativesBelow) : null;
  };
  return { clusters: [...index.values()], aucOf };
}
