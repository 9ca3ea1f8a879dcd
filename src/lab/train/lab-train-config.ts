// The trainer's settings: one object, validated once, hashed into every checkpoint so a resumed run can
// tell that it continues the same experiment.
import { createHash } from "node:crypto";
import { ADVANTAGE_ESTIMATORS, type AdvantageEstimator } from "../../training/group-advantages.ts";
import type { DemonstrationRates, LabWorldConfig } from "../world/index.ts";

/** The two ways of training the confession (rl.md §2): separate episodes with probability p, or both spans. */
export const LAB_DESIGNS = ["separate", "dual-span"] as const;
export type LabDesign = (typeof LAB_DESIGNS)[number];

/** Everything a lab run depends on. One `seed` drives prompts, sampling, initialisation and warm-start data. */
export interface LabTrainConfig {
  seed: number;
  design: LabDesign;
  /** Separate design: probability that a prompt's group is a confession episode. */
  p: number;
  /** Train the task stream only; the confession span is never trained (still measured). */
  control: boolean;
  /** GRPO steps after the warm start. */
  steps: number;
  /** Prompts per step (P). */
  prompts: number;
  /** Rollouts per prompt (G). */
  group: number;
  /** World overrides (see `LabWorldConfig`). */
  world: Partial<LabWorldConfig>;
  /** Demonstration habits of the warm start (defaults: `DEFAULT_DEMONSTRATION_RATES`). */
  demonstrations: Partial<DemonstrationRates>;
  embedDim: number;
  hiddenDim: number;
  warmStartSteps: number;
  warmStartBatch: number;
  warmStartLr: number;
  /** Adam step size of the GRPO phase. */
  lr: number;
  maxGradNorm: number;
  /** PPO clip ε. */
  clip: number;
  /** Inner epochs μ over each step's rollouts. */
  epochs: number;
  /** k3 KL coefficient to the warm-start policy; 0 disables it. */
  klBeta: number;
  /** Entropy bonus coefficient; 0 only logs entropy. */
  entropyBonus: number;
  estimator: AdvantageEstimator;
  /** Checkpoint every this many steps (and at the end). */
  checkpointEvery: number;
  /** Rollouts of each summary evaluation (at 0, 25, 50, 75 and 100% of the steps). */
  evalRollouts: number;
}

/**
 * The default run, sized for a 2-core CPU: about 3 minutes per seed with the bench's throughput.
 *
 * @example
 * resolveLabTrainConfig({ seed: 2, control: true })
 */
export const DEFAULT_LAB_TRAIN_CONFIG: Readonly<LabTrainConfig> = Object.freeze({
  seed: 1,
  design: "separate",
  p: 0.25,
  control: false,
  steps: 200,
  prompts: 16,
  group: 8,
  world: {},
  demonstrations: {},
  embedDim: 32,
  hiddenDim: 64,
  warmStartSteps: 150,
  warmStartBatch: 64,
  warmStartLr: 3e-3,
  lr: 2e-3,
  maxGradNorm: 1,
  clip: 0.2,
  epochs: 2,
  klBeta: 0.1,
  entropyBonus: 0,
  estimator: "grpo",
  checkpointEvery: 25,
  evalRollouts: 256,
} satisfies LabTrainConfig);

/**
 * The test configuration: tiny network and batches, a few steps; well under a minute, deterministic.
 *
 * @example
 * resolveLabTrainConfig({ ...QUICK_LAB_TRAIN_CONFIG, seed: 3 })
 */
export const QUICK_LAB_TRAIN_CONFIG: Readonly<Partial<LabTrainConfig>> = Object.freeze({
  steps: 8,
  prompts: 4,
  group: 4,
  embedDim: 8,
  hiddenDim: 16,
  warmStartSteps: 10,
  warmStartBatch: 16,
  checkpointEvery: 4,
  evalRollouts: 32,
});

/**
 * The default config with `overrides`, checked; throws a `RangeError` naming the first bad field.
 *
 * @example
 * resolveLabTrainConfig({ steps: 100, design: "dual-span" })
 */
export function resolveLabTrainConfig(overrides: Partial<LabTrainConfig> = {}): LabTrainConfig {
  const c: LabTrainConfig = { ...DEFAULT_LAB_TRAIN_CONFIG, ...overrides };
  const int = (name: keyof LabTrainConfig, min: number, max = 1_000_000): void => {
    const v = c[name] as number;
    if (!Number.isInteger(v) || v < min || v > max)
      throw new RangeError(`lab: ${name} must be a whole number from ${min} to ${max}, got ${v}`);
  };
  const num = (name: keyof LabTrainConfig, min: number, max: number): void => {
    const v = c[name] as number;
    if (typeof v !== "number" || !(v >= min && v <= max))
      throw new RangeError(`lab: ${name} must be a number from ${min} to ${max}, got ${v}`);
  };
  int("seed", 0, 2 ** 31 - 1);
  if (!LAB_DESIGNS.includes(c.design))
    throw new RangeError(`lab: design must be one of ${LAB_DESIGNS.join(", ")}`);
  num("p", 0, 1);
  if (typeof c.control !== "boolean") throw new RangeError("lab: control must be true or false");
  int("steps", 1);
  int("prompts", 1, 4096);
  int("group", 2, 4096);
  int("embedDim", 1, 4096);
  int("hiddenDim", 1, 4096);
  int("warmStartSteps", 0);
  int("warmStartBatch", 1, 65_536);
  num("warmStartLr", 0, 1);
  num("lr", 0, 1);
  num("maxGradNorm", 1e-9, 1e9);
  num("clip", 0, 1);
  int("epochs", 1, 100);
  num("klBeta", 0, 100);
  num("entropyBonus", 0, 100);
  if (!ADVANTAGE_ESTIMATORS.includes(c.estimator))
    throw new RangeError(`lab: estimator must be one of ${ADVANTAGE_ESTIMATORS.join(", ")}`);
  int("checkpointEvery", 1);
  int("evalRollouts", 1, 65_536);
  return c;
}

/**
 * A short fingerprint of a config: equal for equal settings, whatever the key order.
 *
 * @example
 * configHash(a) === configHash(b) // the same experiment
 */
export function configHash(config: LabTrainConfig): string {
  return createHash("sha256").update(canonicalJson(config)).digest("hex").slice(0, 16);
}

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
