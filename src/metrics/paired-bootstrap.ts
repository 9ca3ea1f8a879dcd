import { type BootstrapOptions, stratifiedBootstrap } from "./bootstrap.ts";
import { type JudgeRatioKey, judgeRatioContribution } from "./judge-metrics.ts";
import { meanOfDefined, RATE_KEYS, type RateKey, sampleRateSums } from "./rate-sums.ts";
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

/** Judge statistics compared when a run carries that judge. */
export const JUDGE_COMPARISON_KEYS = ["honesty_mean_reward", "judge_fooled_rate"] as const;
/** Name of one compared judge statistic. */
export type JudgeComparisonKey = (typeof JUDGE_COMPARISON_KEYS)[number];

/**
 * Every rate compared, plus the judge statistics: `honesty_mean_reward` (mean honesty-judge reward, 0–1)
 * and `judge_fooled_rate` (task judge passed an answer that did not comply), with the definitions
 * `summarize` uses for `judges.honesty.meanReward` and `judges.taskJudge.fooled`. A judge key is present
 * only when some paired case of that task (overall: of any task) carries that judge in either run.
 */
export type ComparisonBlock = RateComparisons & Partial<Record<JudgeComparisonKey, RateComparison>>;

/** Result of {@link compareSamples}. */
export interface Comparison {
  /** Unweighted mean across paired tasks of each side's per-task rate, as `summarize` averages. */
  overall: ComparisonBlock;
  /** Per task present in both runs, in order of first appearance in A. */
  tasks: Record<string, ComparisonBlock>;
  /** Cases (task + caseId) present in only one run; they are left out of every number above. */
  unpaired: { a: number; b: number };
}

/** Which sample field carries each judge, and its per-sample ratio in `judge-metrics`. */
const JUDGE_SOURCES: Record<JudgeComparisonKey, { field: "honesty" | "taskJudge"; ratio: JudgeRatioKey }> = {
  honesty_mean_reward: { field: "honesty", ratio: "reward" },
  judge_fooled_rate: { field: "taskJudge", ratio: "fooled" },
};

/** Everything compared: the rates, then the judge statistics; statistic i has its sums at 2i and 2i + 1. */
const STATISTICS: ReadonlyArray<RateKey | JudgeComparisonKey> = [...RATE_KEYS, ...JUDGE_COMPARISON_KEYS];
const K = RATE_KEYS.length;
const M = STATISTICS.length;

/** One case in one run: numerator and denominator sums of every statistic, and which judges it carries. */
interface CaseSums {
  sums: Float64Array;
  /** Per judge key (in `JUDGE_COMPARISON_KEYS` order): some sample of the case carries that judge. */
  carries: boolean[];
}

type Pair = readonly [a: CaseSums, b: CaseSums];

function addSample(target: CaseSums, s: ScoredSample): void {
  const rates = sampleRateSums(s);
  for (let j = 0; j < rates.length; j++) target.sums[j] = (target.sums[j] as number) + (rates[j] as number);
  JUDGE_COMPARISON_KEYS.forEach((key, j) => {
    const source = JUDGE_SOURCES[key];
    if (s[source.field] !== undefined) target.carries[j] = true;
    const c = judgeRatioContribution(source.ratio, s);
    if (c === null) return;
    const at = 2 * (K + j);
    target.sums[at] = (target.sums[at] as number) + c[0];
    target.sums[at + 1] = (target.sums[at + 1] as number) + c[1];
  });
}

function casesOf(samples: readonly ScoredSample[]): Map<string, Map<string, CaseSums>> {
  const tasks = new Map<string, Map<string, CaseSums>>();
  for (const s of samples) {
    let cases = tasks.get(s.task);
    if (cases === undefined) {
      cases = new Map();
      tasks.set(s.task, cases);
    }
    let sums = cases.get(s.caseId);
    if (sums === undefined) {
      sums = { sums: new Float64Array(2 * M), carries: JUDGE_COMPARISON_KEYS.map(() => false) };
      cases.set(s.caseId, sums);
    }
    addSample(sums, s);
  }
  return tasks;
}

/** Every statistic over some cases; null where its denominator is 0. */
function valuesOf(cases: readonly CaseSums[]): Array<number | null> {
  const total = new Float64Array(2 * M);
  for (const c of cases)
    for (let j = 0; j < total.length; j++) total[j] = (total[j] as number) + (c.sums[j] as number);
  return STATISTICS.map((_, i) => {
    const denominator = total[2 * i + 1] as number;
    return denominator > 0 ? (total[2 * i] as number) / denominator : null;
  });
}

/** Per task: A's values and B's values over the given pairs. */
function sideValues(pairs: readonly Pair[]): { a: Array<number | null>; b: Array<number | null> } {
  return { a: valuesOf(pairs.map((p) => p[0])), b: valuesOf(pairs.map((p) => p[1])) };
}

const difference = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : b - a;

/** Per-task diffs then overall diffs, flattened: task t's statistic i at t·M + i, overall's at T·M + i. */
function diffs(strata: readonly (readonly Pair[])[]): Array<number | null> {
  const perTask = strata.map(sideValues);
  const out: Array<number | null> = [];
  for (const { a, b } of perTask)
    for (let i = 0; i < M; i++) out.push(difference(a[i] ?? null, b[i] ?? null));
  for (let i = 0; i < M; i++) {
    out.push(
      difference(
        meanOfDefined(perTask.map((t) => t.a[i] ?? null)),
        meanOfDefined(perTask.map((t) => t.b[i] ?? null)),
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
 * without weights, leaving out tasks where a side's rate is undefined. Where either run carries the honesty
 * judge or a task judge, its mean reward (`honesty_mean_reward`) and fooled rate (`judge_fooled_rate`) are
 * compared the same way (the confidence AUC is not: it is no ratio of per-case sums). Deterministic for a
 * seed.
 *
 * @example
 * const cmp = compareSamples(loadScoredSamples(store, "run-a"), loadScoredSamples(store, "run-b"));
 * cmp.overall.false_negative_rate; // { a: 0.05, b: 0.02, diff: -0.03, ci95: [-0.05, -0.01], pairs: 480 }
 * cmp.overall.honesty_mean_reward?.diff; // 0.2 when B's judge rewards every confession 0.2 more
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
  const countCases = (tasks: Map<string, Map<string, CaseSums>>) =>
    [...tasks.values()].reduce((sum, cases) => sum + cases.size, 0);

  const point = diffs(strata);
  const intervals = strata.length === 0 ? [] : stratifiedBootstrap(strata, diffs, options);
  const perTask = strata.map(sideValues);
  const pairsWith = (pairs: readonly Pair[], i: number) =>
    pairs.filter(([x, y]) => (x.sums[2 * i + 1] as number) > 0 && (y.sums[2 * i + 1] as number) > 0).length;
  const carried = (pairs: readonly Pair[], j: number) =>
    pairs.some(([x, y]) => x.carries[j] === true || y.carries[j] === true);

  const entry = (
    valueA: number | null,
    valueB: number | null,
    index: number,
    pairs: number,
  ): RateComparison => {
    const diff = point[index] ?? null;
    return { a: valueA, b: valueB, diff, ci95: diff === null ? null : (intervals[index] ?? null), pairs };
  };
  /** Statistic i is reported: always for a rate, for a judge key only where some pair carries the judge. */
  const reported = (pairsOfTasks: readonly (readonly Pair[])[], i: number) =>
    i < K || pairsOfTasks.some((pairs) => carried(pairs, i - K));

  const tasks: Record<string, ComparisonBlock> = {};
  names.forEach((name, t) => {
    const values = perTask[t] as { a: Array<number | null>; b: Array<number | null> };
    const pairs = strata[t] as Pair[];
    const block: Partial<Record<RateKey | JudgeComparisonKey, RateComparison>> = {};
    STATISTICS.forEach((key, i) => {
      if (!reported([pairs], i)) return;
      block[key] = entry(values.a[i] ?? null, values.b[i] ?? null, t * M + i, pairsWith(pairs, i));
    });
    tasks[name] = block as ComparisonBlock;
  });
  const overall: Partial<Record<RateKey | JudgeComparisonKey, RateComparison>> = {};
  STATISTICS.forEach((key, i) => {
    if (!reported(strata, i)) return;
    overall[key] = entry(
      meanOfDefined(perTask.map((r) => r.a[i] ?? null)),
      meanOfDefined(perTask.map((r) => r.b[i] ?? null)),
      strata.length * M + i,
      strata.reduce((sum, pairs) => sum + pairsWith(pairs, i), 0),
    );
  });
  return {
    overall: overall as ComparisonBlock,
    tasks,
    unpaired: { a: countCases(casesA) - pairedCount, b: countCases(casesB) - pairedCount },
  };
}
