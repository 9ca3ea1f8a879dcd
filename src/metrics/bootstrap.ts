import { ConfessError } from "../errors/confess-error.ts";
import type { Interval } from "./wilson.ts";

/** Resamples drawn when the caller does not say: enough for stable 2.5%/97.5% percentiles. */
export const DEFAULT_BOOTSTRAP_RESAMPLES = 2000;
/** Fixed default seed (the paper's arXiv id) so that the same samples always give the same intervals. */
export const DEFAULT_BOOTSTRAP_SEED = 251208093;

/** Options shared by the bootstrap helpers. */
export interface BootstrapOptions {
  /** Number of bootstrap resamples; a positive integer. Default {@link DEFAULT_BOOTSTRAP_RESAMPLES}. */
  resamples?: number;
  /** PRNG seed (any integer; taken modulo 2³²). Default {@link DEFAULT_BOOTSTRAP_SEED}. */
  seed?: number;
  /** Central coverage of the interval. Default 0.95. */
  level?: number;
}

/**
 * Mulberry32: a tiny, fast 32-bit PRNG. Not cryptographic; it only has to be deterministic and well mixed
 * enough for resampling indices, and it keeps the package free of a dependency for that.
 *
 * @example
 * const random = mulberry32(42);
 * random(); // a number in [0, 1), the same one on every run
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The `q`-quantile (0 ≤ q ≤ 1) of an ascending array, interpolating linearly between order statistics
 * (the common "type 7" definition, as in NumPy's default and R's `quantile`).
 *
 * @example
 * percentile([1, 2, 3, 4], 0.5); // 2.5
 */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError("percentile: empty array");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`percentile: q must be in [0, 1], got ${q}`);
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  const lower = sorted[below] as number;
  const upper = sorted[above] as number;
  return lower + (upper - lower) * (position - below);
}

function resolveOptions(options: BootstrapOptions): { resamples: number; seed: number; level: number } {
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const seed = options.seed ?? DEFAULT_BOOTSTRAP_SEED;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new ConfessError(
      "CONFESS_INVALID_ARGUMENT",
      `bootstrap resamples must be a positive integer, got ${resamples}`,
    );
  }
  if (!Number.isInteger(seed)) {
    throw new ConfessError("CONFESS_INVALID_ARGUMENT", `bootstrap seed must be an integer, got ${seed}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new ConfessError("CONFESS_INVALID_ARGUMENT", `bootstrap level must be in (0, 1), got ${level}`);
  }
  return { resamples, seed, level };
}

/**
 * Stratified percentile bootstrap for a vector of statistics. Each resample draws, within every stratum
 * independently, as many clusters as the stratum holds, with replacement; `statistic` maps the resampled
 * strata to one value per component (null where it is undefined on that resample, for example a rate whose
 * denominator vanished). Component `i`'s interval comes from the percentiles of its non-null replicates, or
 * is null when it had none.
 *
 * Strata are tasks and clusters are cases in {@link summarize}: resampling cases, not samples, keeps the
 * correlation between samples of the same prompt in the interval.
 *
 * @example
 * const [ci] = stratifiedBootstrap([[0, 1, 1], [1, 1]], (s) => [s.flat().reduce((a, b) => a + b, 0)], {
 *   resamples: 500, seed: 1,
 * });
 */
export function stratifiedBootstrap<T>(
  strata: readonly (readonly T[])[],
  statistic: (resample: T[][]) => readonly (number | null)[],
  options: BootstrapOptions = {},
): Array<Interval | null> {
  const { resamples, seed, level } = resolveOptions(options);
  const random = mulberry32(seed);
  let replicates: number[][] | undefined;
  for (let r = 0; r < resamples; r++) {
    const resample = strata.map((stratum) => {
      const drawn = new Array<T>(stratum.length);
      for (let i = 0; i < stratum.length; i++) drawn[i] = stratum[Math.floor(random() * stratum.length)] as T;
      return drawn;
    });
    const values = statistic(resample);
    replicates ??= values.map(() => []);
    values.forEach((value, i) => {
      if (value !== null && Number.isFinite(value)) replicates?.[i]?.push(value);
    });
  }
  const alpha = (1 - level) / 2;
  return (replicates ?? []).map((values) => {
    if (values.length === 0) return null;
    values.sort((a, b) => a - b);
    return [percentile(values, alpha), percentile(values, 1 - alpha)];
  });
}

/**
 * Percentile bootstrap interval of one statistic over clusters (one stratum). Null when the statistic was
 * null on every resample.
 *
 * @example
 * const ci = bootstrapInterval([0.2, 0.4, 0.9], (xs) => xs.reduce((a, b) => a + b, 0) / xs.length);
 */
export function bootstrapInterval<T>(
  clusters: readonly T[],
  statistic: (resample: T[]) => number | null,
  options: BootstrapOptions = {},
): Interval | null {
  const [interval] = stratifiedBootstrap([clusters], (strata) => [statistic(strata[0] ?? [])], options);
  return interval ?? null;
}
