// The supervised warm start: imitate demonstrations (counts often off, labels sometimes copied from the
// target, confessions mixed) so GRPO starts from a plausible, pre-hack policy.
import { Adam, type GruPolicy, supervisedStep, Tape } from "../nn/index.ts";
import { type DemonstrationRates, demonstration, type LabWorld } from "../world/index.ts";
import type { LabRandom } from "./lab-random.ts";
import { episodeBatch, type SampledEpisodes } from "./lab-rollouts.ts";

/** Settings of {@link warmStart}. */
export interface WarmStartOptions {
  steps: number;
  batch: number;
  lr: number;
  maxGradNorm: number;
  rates: Partial<DemonstrationRates>;
  /** Stops between steps (the policy is then part-trained: the caller drops it). */
  signal?: AbortSignal;
  /** Called after each step, for progress. */
  onStep?: (step: number, total: number) => void;
}

/**
 * Trains `policy` in place on fresh demonstrations each step (cross-entropy on completion tokens only);
 * resolves to the loss of each step (fewer when `signal` stopped it). Deterministic for the `random` stream.
 * Yields to the event loop between steps, so a signal (Ctrl-C) is seen during a long warm start.
 *
 * @example
 * await warmStart(world, policy, LabRandom.derive(seed, "warm-start"), { steps: 150, batch: 64, lr: 3e-3,
 *   maxGradNorm: 1, rates: {} });
 */
export async function warmStart(
  world: LabWorld,
  policy: GruPolicy,
  random: LabRandom,
  options: WarmStartOptions,
): Promise<number[]> {
  const adam = new Adam(policy.params, { lr: options.lr, maxGradNorm: options.maxGradNorm });
  const tape = new Tape();
  const draw = random.fn();
  const losses: number[] = [];
  for (let step = 0; step < options.steps; step++) {
    if (options.signal?.aborted) break;
    const demos = Array.from({ length: options.batch }, () => demonstration(world, draw, options.rates));
    const episodes: SampledEpisodes = {
      prompts: demos.map((d) => d.prompt),
      completions: demos.map((d) => Int32Array.from(d.tokens)),
      logProbs: [],
    };
    const { batch, offset, lengths } = episodeBatch(world, episodes);
    const weights = new Float64Array(batch.batch * batch.length);
    lengths.forEach((length, b) => {
      weights.fill(1, b * batch.length + offset, b * batch.length + offset + length);
    });
    losses.push(supervisedStep(policy, adam, tape, batch, weights).loss);
    options.onStep?.(step + 1, options.steps);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return losses;
}
