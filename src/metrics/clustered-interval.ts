import { type BootstrapOptions, bootstrapInterval } from "./bootstrap.ts";
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
  const boot = bootstrapInterval(clusters, pooledRatio, options);
  const perCase = wilson(rate * withTrials, withTrials);
  if (boot === null || perCase === null) return boot ?? perCase;
  return [Math.min(boot[0], perCase[0]), Math.max(boot[1], perCase[1])];
}

function pooledRatio(clusters: readonly ClusterCount[]): number | null {
  let k = 0;
  let n = 0;
  for (const c of clusters) {
    k += c[0];
    n += c[1];
  }
  return n > 0 ? k / n : null;
}
