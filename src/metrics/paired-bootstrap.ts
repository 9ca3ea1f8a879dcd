import { type BootstrapOptions, stratifiedBootstrap } from "./bootstrap.ts";
import {
  addRateSums,
  emptyRateSums,
  meanOfDefined,
  RATE_KEYS,
  type RateKey,
  type RateSums,
  ratesOf,
  sampleRateSums,
  totalRateSums,
} from "./rate-sums.ts";
import type { ScoredSample } from "./scored-sample.ts";
import type { Interval } from "./wilson.ts";

/** One rate in two runs over the same cases. */
export interface RateComparison {
  /** The rate in run A, over the paired cases only; null when undefined there. */
  a: number | null;
  /** The rate in run B, over the same cases. */
  b: number | null;
  /** `b − a` (positive: B is higher); null when either side is null. */
  diff: number | null;
  /** Paired bootstrap 95% (or `level`) percentile interval of `diff`. */
  ci95: Interval | null;
  /** Paired cases where the rate has a denominator in both runs (overall: summed over tasks). */
  pairs: number;
}

/** Every rate compared. */
export type RateComparisons = Record<RateKey, RateComparison>;

/** Result of {@link compareSamples}. */
export interface Comparison {
  /** Unweighted mean across paired tasks of each side's per-task rate, as `summarize` averages. */
  overall: RateComparisons;
  /** Per task present in both runs, in order of first appearance in A. */
  tasks: Record<string, RateComparisons>;
  /** Cases (task + caseId) present in only one run; they are left out of every number above. */
  unpaired: { a: number; b: number };
}

type Pair = readonly [a: RateSums, b: RateSums];

function casesOf(samples: readonly ScoredSample[]): Map<string, Map<string, RateSums>> {
  const tasks = new Map<string, Map<string, RateSums>>();
  for (const s of samples) {
    let cases = tasks.get(s.task);
    if (cases === undefined) {
      cases = new Map();
      tasks.set(s.task, cases);
    }
    let sums = cases.get(s.caseId);
    if (sums === undefined) {
      sums = emptyRateSums();
      cases.set(s.caseId, sums);
    }
    addRateSums(sums, sampleRateSums(s));
  }
  return tasks;
}

const K = RATE_KEYS.length;

/** Per task: A's rates and B's rates over the given pairs. */
function sideRates(pairs: readonly Pair[]): { a: Array<number | null>; b: Array<number | null> } {
  return {
    a: ratesOf(totalRateSums(pairs.map((p) => p[0]))),
    b: ratesOf(totalRateSums(pairs.map((p) => p[1]))),
  };
}

const difference = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : b - a;

/** Per-task diffs then overall diffs, flattened: task t's rate k at t·K + k, overall's at T·K + k. */
function diffs(strata: readonly (readonly Pair[])[]): Array<number | null> {
  const perTask = strata.map(sideRates);
  const out: Array<number | null> = [];
  for (const { a, b } of perTask)
    for (let k = 0; k < K; k++) out.push(difference(a[k] ?? null, b[k] ?? null));
  for (let k = 0; k < K; k++) {
    out.push(
      difference(
        meanOfDefined(perTask.map((t) => t.a[k] ?? null)),
        meanOfDefined(perTask.map((t) => t.b[k] ?? null)),
      ),
    );
  }
  return out;
}

/**
 * Paired comparison of two runs (for `confess compare <runA> <runB>`). Cases (task + caseId) present in both
 * runs are paired; every sample of a case in a run is summed into that case, as `summarize` does. Each
 * bootstrap resample draws, within every task, paired cases with replacement and computes each rate in A
 * and in B on the same cases, so case difficulty cancels out of the difference. Rates are the ones
 * `summarize` reports, with the same definitions; `overall` averages the per-task rates of each side
 * without weights, leaving out tasks where a side's rate is undefined. Deterministic for a seed.
 *
 * @example
 * const cmp = compareSamples(loadScoredSamples(store, "run-a"), loadScoredSamples(store, "run-b"));
 * cmp.overall.false_negative_rate; // { a: 0.05, b: 0.02, diff: -0.03, ci95: [-0.05, -0.01], pairs: 480 }
 */
export function compareSamples(
  a: readonly ScoredSample[],
  b: readonly ScoredSample[],
  options: BootstrapOptions = {},
): Comparison {
  const casesA = casesOf(a);
  const casesB = casesOf(b);
  const names: string[] = [];
  const strata: Pair[][] = [];
  let pairedCount = 0;
  for (const [task, cases] of casesA) {
    const other = casesB.get(task);
    if (other === undefined) continue;
    const pairs: Pair[] = [];
    for (const [caseId, sums] of cases) {
      const match = other.get(caseId);
      if (match !== undefined) pairs.push([sums, match]);
    }
    if (pairs.length === 0) continue;
    names.push(task);
    strata.push(pairs);
    pairedCount += pairs.length;
  }
  const countCases = (tasks: Map<string, Map<string, RateSums>>) =>
    [...tasks.values()].reduce((sum, cases) => sum + cases.size, 0);

  const point = diffs(strata);
  const intervals = strata.length === 0 ? [] : stratifiedBootstrap(strata, diffs, options);
  const perTask = strata.map(sideRates);
  const pairsWith = (pairs: readonly Pair[], k: number) =>
    pairs.filter(([x, y]) => (x[2 * k + 1] as number) > 0 && (y[2 * k + 1] as number) > 0).length;

  const entry = (
    rateA: number | null,
    rateB: number | null,
    index: number,
    pairs: number,
  ): RateComparison => {
    const diff = point[index] ?? null;
    return { a: rateA, b: rateB, diff, ci95: diff === null ? null : (intervals[index] ?? null), pairs };
  };

  const tasks: Record<string, RateComparisons> = {};
  names.forEach((name, t) => {
    const rates = perTask[t] as { a: Array<number | null>; b: Array<number | null> };
    const block = {} as RateComparisons;
    RATE_KEYS.forEach((key, k) => {
      block[key] = entry(
        rates.a[k] ?? null,
        rates.b[k] ?? null,
        t * K + k,
        pairsWith(strata[t] as Pair[], k),
      );
    });
    tasks[name] = block;
  });
  const overall = {} as RateComparisons;
  RATE_KEYS.forEach((key, k) => {
    overall[key] = entry(
      meanOfDefined(perTask.map((r) => r.a[k] ?? null)),
      meanOfDefined(perTask.map((r) => r.b[k] ?? null)),
      strata.length * K + k,
      strata.reduce((sum, pairs) => sum + pairsWith(pairs, k), 0),
    );
  });
  return {
    overall,
    tasks,
    unpaired: { a: countCases(casesA) - pairedCount, b: countCases(casesB) - pairedCount },
  };
}
