// bench/lab: what the lab trainer costs on this CPU at its default configuration, and what a default run
// (warm start + all GRPO steps + summary evaluations) therefore takes.
// Measures: the warm start; GRPO steps per second and completion tokens per second (sampling, reference
// log-probs, μ epochs of forward + backward + Adam); and, as the baseline in the same run, sampling alone
// (the same P × G rollouts from the same policy, no training), so the ratio says what training adds.
// Run: node_modules/.bin/node bench/lab.ts [steps=40]

import {
  DEFAULT_LAB_TRAIN_CONFIG,
  LabRandom,
  type LabStepRecord,
  resolveLabTrainConfig,
  sampleEpisodes,
  trainLab,
} from "../src/lab/train/index.ts";
import { createLabWorld } from "../src/lab/world/index.ts";

const steps = Number(process.argv[2] ?? 40);
const config = resolveLabTrainConfig({ ...DEFAULT_LAB_TRAIN_CONFIG, steps });
const stamps: { step: number; at: number; tokens: number }[] = [];
let warmStartMs = 0;
const started = performance.now();
const result = await trainLab(config, {
  onStep: (record) => {
    const at = performance.now() - started;
    if (record.kind === "eval" && record.step === 0) warmStartMs = at;
    if (record.kind === "step")
      stamps.push({ step: record.step, at, tokens: (record as LabStepRecord).tokens });
  },
});
// steps after the first few, so the JIT has warmed up; eval steps included (they are part of a run)
const from = stamps[Math.min(4, stamps.length - 2)] as (typeof stamps)[number];
const to = stamps[stamps.length - 1] as (typeof stamps)[number];
const measured = stamps.filter((s) => s.step > from.step);
const seconds = (to.at - from.at) / 1000;
const stepsPerSecond = measured.length / seconds;
const trainTokensPerSecond = measured.reduce((a, s) => a + s.tokens, 0) / seconds;

// baseline: sampling only, same batch shape, same (final) policy
const world = createLabWorld(config.world);
const session = result.policy.session();
const prompts = Array.from({ length: config.prompts * config.group }, () => ({ targets: [4, 6, 4, 6, 4] }));
const random = LabRandom.derive(1, "bench").fn();
for (let i = 0; i < 3; i++) sampleEpisodes(world, session, prompts, random);
let sampled = 0;
const t0 = performance.now();
const reps = 30;
for (let i = 0; i < reps; i++) {
  for (const c of sampleEpisodes(world, session, prompts, random).completions) sampled += c.length;
}
const sampleSeconds = (performance.now() - t0) / 1000;
const sampleTokensPerSecond = sampled / sampleSeconds;

const defaultSteps = DEFAULT_LAB_TRAIN_CONFIG.steps;
const projected = warmStartMs / 1000 + defaultSteps / stepsPerSecond;
const f = (x: number, d = 1) => x.toFixed(d);
console.log(
  `lab trainer, default config (P=${config.prompts} × G=${config.group}, E=${config.embedDim}, H=${config.hiddenDim}, μ=${config.epochs}, design ${config.design})`,
);
console.log(
  `  warm start (${config.warmStartSteps} steps × ${config.warmStartBatch})  ${f(warmStartMs / 1000)} s`,
);
console.log(
  `  GRPO steps/s                         ${f(stepsPerSecond, 2)}  (${f(1000 / stepsPerSecond, 0)} ms/step)`,
);
console.log(`  trainer completion tokens/s          ${f(trainTokensPerSecond, 0)}`);
console.log(`  baseline: sampling-only tokens/s     ${f(sampleTokensPerSecond, 0)}`);
console.log(`  ratio sampling-only / trainer        ${f(sampleTokensPerSecond / trainTokensPerSecond, 2)}×`);
console.log(`  projected default run (${defaultSteps} steps)     ${f(projected, 0)} s per seed`);
