import type { BootstrapOptions } from "./bootstrap.ts";
import { type ClusterCount, clusteredProportionInterval } from "./clustered-interval.ts";
import type { Interval } from "./wilson.ts";

/** Agreement between two labelings of the same items. */
export interface Agreement {
  /** Items labelled by both. */
  n: number;
  /** Share of items where the labels are equal; null when `n` is 0. */
  agreement: number | null;
  /**
   * 95% interval of `agreement`: Wilson over the pairs when each pair is its own cluster; otherwise a
   * bootstrap over clusters floored by a Wilson interval counting each cluster once (see
   * `clusteredProportionInterval`).
   */
  ci95: Interval | null;
  /**
   * Cohen's kappa, (p_o − p_e) / (1 − p_e), with p_e the agreement expected by chance from each side's own
   * label frequencies. Null when `n` is 0 or when p_e is 1 (both sides used one and the same label
   * throughout, so chance explains everything and kappa is undefined).
   */
  kappa: number | null;
}

/** One item labelled by both sides; items sharing a `cluster` (say, samples of one case) are correlated. */
export interface LabelPair {
  a: string | boolean;
  b: string | boolean;
  /** Cluster of the item; an item without one is a cluster of its own. */
  cluster?: string;
}

/**
 * Agreement and Cohen's kappa between labelings `a` and `b` (say, an LLM classifier and the ground truth).
 * Labels are compared by identity, so `true` and `"true"` are different labels. The interval of `agreement`
 * resamples clusters when some pairs share one (`options` seeds that bootstrap; deterministic for a seed);
 * with one pair per cluster it is the plain Wilson interval.
 *
 * @example
 * agreement([{ a: true, b: true }, { a: false, b: true }]); // { n: 2, agreement: 0.5, ci95: [...], kappa: 0 }
 * agreement(pairs.map((p) => ({ ...p, cluster: p.caseId })), { resamples: 2000, seed: 1 });
 */
export function agreement(pairs: readonly LabelPair[], options: BootstrapOptions = {}): Agreement {
  const n = pairs.length;
  if (n === 0) return { n, agreement: null, ci95: null, kappa: null };
  const countA = new Map<string | boolean, number>();
  const countB = new Map<string | boolean, number>();
  const clusters = new Map<string, [agree: number, n: number]>();
  const singles: ClusterCount[] = [];
  let agree = 0;
  for (const { a, b, cluster } of pairs) {
    const same = a === b ? 1 : 0;
    agree += same;
    countA.set(a, (countA.get(a) ?? 0) + 1);
    countB.set(b, (countB.get(b) ?? 0) + 1);
    if (cluster === undefined) {
      singles.push([same, 1]);
      continue;
    }
    const c = clusters.get(cluster);
    if (c === undefined) clusters.set(cluster, [same, 1]);
    else {
      c[0] += same;
      c[1]++;
    }
  }
  const observed = agree / n;
  let expected = 0;
  for (const [label, k] of countA) expected += (k / n) * ((countB.get(label) ?? 0) / n);
  // p_e = 1 up to rounding: kappa would be 0/0
  const kappa = expected >= 1 - 1e-12 ? null : (observed - expected) / (1 - expected);
  const ci95 = clusteredProportionInterval([...clusters.values(), ...singles], options);
  return { n, agreement: observed, ci95, kappa };
}
