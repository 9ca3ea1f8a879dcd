import {
  type BootstrapOptions,
  DEFAULT_BOOTSTRAP_RESAMPLES,
  DEFAULT_BOOTSTRAP_SEED,
  mulberry32,
  percentile,
} from "./bootstrap.ts";
import { type Interval, wilson } from "./wilson.ts";

/** What one cluster (a case) adds to a proportion: successes and trials, summed over its samples. */
export type ClusterCount = readonly [successes: number, trials: number];

/**
 * 95% (or `level`) interval of a proportion pooled over clusters (k = Σ successes, n = Σ trials), where
 * trials of one cluster are correlated: repeats of a case, or several models, conditions or variants
 * answering it. A Wilson interval over the trials would treat them as independent and come out too narrow,
 * so:
 *
 * - When every cluster holds at most one trial, the trials are independent and this is `wilson(k, n)`.
 * - Otherwise it is the union of a percentile bootstrap that resamples whole clusters (the pooled ratio
 *   recomputed on each resample) and a Wilson interval that counts each cluster with a trial once,
 *   `wilson(p·c, c)` for c such clusters. The bootstrap carries the correlation; the Wilson floor keeps the
 *   interval from collapsing to a point when every cluster agrees, since c independent cases could never
 *   show less spread than that.
 *
 * Clusters with no trial still take part in the resampling (how many cases have a trial is itself random).
 * Null when there are no trials. Deterministic for a seed (see {@link BootstrapOptions}).
 *
 * Beyond {@link LARGE_CLUSTER_COUNT} clusters the bootstrap (whose cost grows with resamples × clusters) is
 * replaced by what it converges to there: the normal interval of the ratio with its cluster-robust
 * (linearised) standard error, still floored by the same Wilson interval.
 *
 * @example
 * // 4 cases × 16 identical samples, two cases always fooled: far wider than wilson(32, 64)
 * clusteredProportionInterval([[16, 16], [16, 16], [0, 16], [0, 16]], { resamples: 2000, seed: 1 });
 * // [0, 1]: a resample of 4 cases may hold no fooled case, or only fooled ones
 */
export function clusteredProportionInterval(
  clusters: readonly ClusterCount[],
  options: BootstrapOptions = {},
): Interval | null {
  let successes = 0;
  let trials = 0;
  let withTrials = 0;
  let largest = 0;
  for (const [k, n] of clusters) {
    successes += k;
    trials += n;
    if (n > 0) withTrials++;
    largest = Math.max(largest, n);
  }
  if (trials === 0) return null;
  if (largest <= 1) return wilson(successes, trials);
  const rate = successes / trials;
  const boot =
    clusters.length > LARGE_CLUSTER_COUNT
      ? normalRatioInterval(clusters, rate, trials, options.level ?? 0.95)
      : pooledRatioBootstrap(clusters, options);
  const perCase = wilson(rate * withTrials, withTrials);
  if (boot === null || perCase === null) return boot ?? perCase;
  return [Math.min(boot[0], perCase[0]), Math.max(boot[1], perCase[1])];
}

/** Above this many clusters, intervals use the normal approximation instead of resampling. */
export const LARGE_CLUSTER_COUNT = 5000;

/**
 * The percentile bootstrap of the pooled ratio Σk/Σn over resampled clusters: the same draws and the same
 * interval as `bootstrapInterval(clusters, pooledRatio, options)`, without building each resample.
 */
function pooledRatioBootstrap(clusters: readonly ClusterCount[], options: BootstrapOptions): Interval | null {
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const level = options.level ?? 0.95;
  const random = mulberry32(options.seed ?? DEFAULT_BOOTSTRAP_SEED);
  const count = clusters.length;
  const k = new Float64Array(count);
  const n = new Float64Array(count);
  clusters.forEach(([successes, trials], i) => {
    k[i] = successes;
    n[i] = trials;
  });
  const replicates: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let sumK = 0;
    let sumN = 0;
    for (let i = 0; i < count; i++) {
      const j = Math.floor(random() * count);
      sumK += k[j] as number;
      sumN += n[j] as number;
    }
    if (sumN > 0) replicates.push(sumK / sumN);
  }
  if (replicates.length === 0) return null;
  replicates.sort((a, b) => a - b);
  const alpha = (1 - level) / 2;
  return [percentile(replicates, alpha), percentile(replicates, 1 - alpha)];
}

/**
 * Normal interval of the ratio Σk/Σn with the cluster-robust standard error of a ratio estimator:
 * se² = C/(C−1) · Σ(kᵢ − r·nᵢ)² / (Σn)², clamped to [0, 1].
 */
function normalRatioInterval(
  clusters: readonly ClusterCount[],
  rate: number,
  trials: number,
  level: number,
): Interval {
  let squares = 0;
  for (const [k, n] of clusters) squares += (k - rate * n) ** 2;
  const count = clusters.length;
  const se = Math.sqrt((count / (count - 1)) * squares) / trials;
  const z = normalQuantile(1 - (1 - level) / 2);
  return [Math.max(0, rate - z * se), Math.min(1, rate + z * se)];
}

/**
 * The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).
 *
 * @example
 * normalQuantile(0.975); // 1.959963985
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  const tail = (q: number) =>
    (((((c[0] as number) * q + (c[1] as number)) * q + (c[2] as number)) * q + (c[3] as number)) * q +
      (c[4] as number)) *
      q +
    (c[5] as number);
  const tailDen = (q: number) =>
    ((((d[0] as number) * q + (d[1] as number)) * q + (d[2] as number)) * q + (d[3] as number)) * q + 1;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return tail(q) / tailDen(q);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -tail(q) / tailDen(q);
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    (((((((a[0] as number) * r + (a[1] as number)) * r + (a[2] as number)) * r + (a[3] as number)) * r +
      (a[4] as number)) *
      r +
      (a[5] as number)) *
      q) /
    ((((((b[0] as number) * r + (b[1] as number)) * r + (b[2] as number)) * r + (b[3] as number)) * r +
      (b[4] as number)) *
      r +
      1)
  );
}
