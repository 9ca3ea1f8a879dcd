// Group-relative advantages for one reward stream (task or confession) of one prompt group. The two streams
// are always computed by separate calls, so they never share a mean or a std (rl.md §2, invariant 2).

/** How a group's rewards become advantages. */
export const ADVANTAGE_ESTIMATORS = ["grpo", "dr-grpo", "loo"] as const;
export type AdvantageEstimator = (typeof ADVANTAGE_ESTIMATORS)[number];

/** The default `eps` added to the std in GRPO: verl's, ART's and NeMo-RL's value (TRL uses 1e-4). */
export const DEFAULT_GRPO_EPS = 1e-6;

export interface GroupAdvantageOptions {
  /**
   * `grpo` (default): (r − mean) / (std + eps), with the sample (Bessel, n − 1) std as verl's `torch.std`
   * and TRL's `nanstd` use. `dr-grpo`: r − mean (Dr. GRPO drops the std). `loo`: r − the mean of the
   * other members (leave-one-out, NeMo-RL's default baseline).
   */
  estimator?: AdvantageEstimator;
  /** Added to the std in `grpo`, so a group whose rewards are all equal gets 0, not NaN. Default 1e-6. */
  eps?: number;
}

/**
 * The advantages of one prompt group's rewards for one reward stream.
 *
 * A null reward (undecided: an unparsed confession, a judge that failed, no verdict) is left out of the
 * group's statistics and gets a null advantage; the engine adapters treat a null advantage as 0 and mask
 * the sample. A group with a single decided reward has no baseline to compare with: its advantage is 0
 * (verl would give it the raw reward, with mean 0 and std 1; we prefer no signal to an uncentred one).
 *
 * @example
 * groupAdvantages([1, 0, 1, 0]);                        // GRPO: ≈ [0.866, -0.866, 0.866, -0.866]
 * groupAdvantages([1, 0, null], { estimator: "dr-grpo" }); // [0.5, -0.5, null]
 * groupAdvantages([1, 0, 0], { estimator: "loo" });      // [1, -0.5, -0.5]
 */
export function groupAdvantages(
  rewards: readonly (number | null)[],
  options: GroupAdvantageOptions = {},
): (number | null)[] {
  const estimator = options.estimator ?? "grpo";
  const eps = options.eps ?? DEFAULT_GRPO_EPS;
  let n = 0;
  let sum = 0;
  for (const r of rewards) {
    if (r === null) continue;
    n++;
    sum += r;
  }
  if (n <= 1) return rewards.map((r) => (r === null ? null : 0));
  const mean = sum / n;
  if (estimator === "dr-grpo") return rewards.map((r) => (r === null ? null : r - mean));
  if (estimator === "loo") return rewards.map((r) => (r === null ? null : r - (sum - r) / (n - 1)));
  let squares = 0;
  for (const r of rewards) if (r !== null) squares += (r - mean) ** 2;
  const std = Math.sqrt(squares / (n - 1));
  return rewards.map((r) => (r === null ? null : (r - mean) / (std + eps)));
}

/** The two reward streams of one episode (null where not applicable or undecided). */
export interface StreamRewards {
  task: number | null;
  confession: number | null;
}

/**
 * Advantages of a whole group, stream by stream: the task advantages come from the task rewards alone and
 * the confession advantages from the confession rewards alone.
 *
 * @example
 * streamAdvantages([{ task: 1, confession: 0 }, { task: 0, confession: 1 }], { estimator: "dr-grpo" });
 * // [{ task: 0.5, confession: -0.5 }, { task: -0.5, confession: 0.5 }]
 */
export function streamAdvantages(
  group: readonly StreamRewards[],
  options: GroupAdvantageOptions = {},
): StreamRewards[] {
  const task = groupAdvantages(
    group.map((g) => g.task),
    options,
  );
  const confession = groupAdvantages(
    group.map((g) => g.confession),
    options,
  );
  return group.map((_, i) => ({ task: task[i] ?? null, confession: confession[i] ?? null }));
}
