// A small lab policy warm-started for a few supervised steps on demonstrations, written as a trainer-style
// checkpoint file: the fixture of the lab model's tests, and a quick way to try `--model lab:<file>`
// without running the trainer.
import { writeFileSync } from "node:fs";
import { mulberry32 } from "../../metrics/bootstrap.ts";
import {
  Adam,
  GruPolicy,
  policyToCheckpoint,
  type SequenceBatch,
  supervisedStep,
  Tape,
} from "../nn/index.ts";
import { createLabWorld, demonstration, type LabWorld, type LabWorldConfig } from "../world/index.ts";

/** Options of {@link tinyLabPolicy}. */
export interface TinyLabPolicyOptions {
  /** Supervised steps on demonstrations; 0 leaves the policy at its random init. Default 20. */
  steps?: number;
  /** Demonstrations per step. Default 16. */
  batch?: number;
  hiddenDim?: number;
  embedDim?: number;
  seed?: number;
  /** World overrides (the default world otherwise). */
  world?: Partial<LabWorldConfig>;
}

/**
 * A GRU policy for the world, trained for `steps` supervised steps on demonstrations (prompt tokens fed,
 * completion tokens imitated), deterministic for the seed.
 *
 * @example
 * const { policy, world } = tinyLabPolicy({ steps: 20, seed: 1 });
 */
export function tinyLabPolicy(options: TinyLabPolicyOptions = {}): { policy: GruPolicy; world: LabWorld } {
  const world = createLabWorld(options.world ?? {});
  const seed = options.seed ?? 1;
  const policy = GruPolicy.init(
    { vocabSize: world.vocabulary.size, embedDim: options.embedDim ?? 8, hiddenDim: options.hiddenDim ?? 16 },
    seed,
  );
  const steps = options.steps ?? 20;
  const B = options.batch ?? 16;
  const random = mulberry32(seed + 1);
  const adam = new Adam(policy.params, { lr: 0.02, maxGradNorm: 5 });
  const tape = new Tape();
  for (let step = 0; step < steps; step++) {
    // the sequence is the prompt after <bos> then the completion; <bos> is the batch's start token
    const rows = Array.from({ length: B }, () => {
      const { prompt, tokens } = demonstration(world, random);
      const promptTokens = world.grammar.promptTokens(prompt).slice(1);
      return { tokens: [...promptTokens, ...tokens], prompt: promptTokens.length };
    });
    const T = Math.max(...rows.map((r) => r.tokens.length));
    const tokens = new Int32Array(B * T);
    const weights = new Float64Array(B * T);
    rows.forEach((row, b) => {
      row.tokens.forEach((token, t) => {
        tokens[b * T + t] = token;
        if (t >= row.prompt) weights[b * T + t] = 1;
      });
    });
    const batch: SequenceBatch = { batch: B, length: T, tokens, start: world.vocabulary.bos };
    supervisedStep(policy, adam, tape, batch, weights);
  }
  return { policy, world };
}

/**
 * Writes a trainer-style checkpoint file `{ policy, world }` for a policy (the world's config overrides
 * as given).
 *
 * @example
 * writeLabCheckpoint("/tmp/step-0000.json", policy, { words: 16 });
 */
export function writeLabCheckpoint(
  path: string,
  policy: GruPolicy,
  world?: Partial<LabWorldConfig>,
  meta?: Record<string, unknown>,
): void {
  const checkpoint = { policy: policyToCheckpoint(policy, meta), ...(world ? { world } : {}) };
  writeFileSync(path, JSON.stringify(checkpoint));
}
