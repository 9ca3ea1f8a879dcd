// The lab's GRPO trainer: warm start → step 0, then P prompts × G rollouts per step from the old policy,
// per-stream group advantages on their spans, μ epochs of the clipped-ratio loss with a k3 KL to the
// warm-start policy, Adam; metrics per step, checkpoints every K steps, resumable and deterministic.
import { appendFileSync } from "node:fs";
import { ConfessError } from "../../errors/confess-error.ts";
import { episodeMode } from "../../training/episode-mode.ts";
import type { TokenCredit } from "../../training/token-credit.ts";
import {
  Adam,
  GruPolicy,
  type PolicySession,
  policyFromCheckpoint,
  policyToCheckpoint,
  Tape,
  zeroGrad,
} from "../nn/index.ts";
import { createLabWorld, type LabPrompt, type LabWorld, samplePrompt } from "../world/index.ts";
import { adamState, restoreAdam } from "./adam-state.ts";
import { grpoLoss } from "./grpo-loss.ts";
import { type LabRolloutRewards, labCredit } from "./lab-credit.ts";
import { type LabMetrics, labMetrics, scoreEpisodes } from "./lab-metrics.ts";
import { LabRandom } from "./lab-random.ts";
import { episodeBatch, sampleEpisodes } from "./lab-rollouts.ts";
import {
  checkpointSteps,
  LAB_RUN_CHECKPOINT_FORMAT,
  type LabRunCheckpoint,
  metricsLogPath,
  prepareRunDir,
  readCheckpoint,
  truncateLog,
  writeCheckpoint,
} from "./lab-run-store.ts";
import { configHash, type LabTrainConfig, resolveLabTrainConfig } from "./lab-train-config.ts";
import { warmStart } from "./warm-start.ts";

/** One GRPO step's log line. */
export interface LabStepRecord extends LabMetrics {
  kind: "step";
  step: number;
  /** Total loss of the first inner epoch (before any update of this step). */
  loss: number;
  /** Policy-gradient part of `loss` (first inner epoch). */
  policyLoss: number;
  /** Mean k3 KL to the warm-start policy over every completion token. */
  kl: number;
  /** Mean next-token entropy over every completion token. */
  entropy: number;
  /**
   * Share of trained tokens whose ratio the clip bounded, averaged over the inner epochs (the first epoch,
   * before any update, always has ratio 1: only later ones can clip).
   */
  clipFraction: number;
  gradNorm: number;
  /** Share of this step's prompts that were confession episodes (separate design). */
  confessionEpisodes: number;
  /** Completion tokens sampled. */
  tokens: number;
}

/** A summary evaluation (fresh rollouts from the current policy) at 0, 25, 50, 75 and 100% of the steps. */
export interface LabEvalRecord extends LabMetrics {
  kind: "eval";
  step: number;
}

export type LabLogRecord = LabStepRecord | LabEvalRecord;

/** Hooks and storage of {@link trainLab}. */
export interface TrainLabOptions {
  /** Called after every GRPO step, and after the warm start with `step` 0 as an eval record. */
  onStep?: (
    record: LabLogRecord,
    info: { elapsedMs: number; totalSteps: number; resumedFrom: number | null },
  ) => void;
  /**
   * Called once before the first new record, with the records the run's log already holds (a resumed run's,
   * up to its checkpoint) — where a copy of the log (the database's) is brought in line with it.
   */
  onStart?: (info: { resumedFrom: number | null; records: readonly LabLogRecord[] }) => void;
  /** Called after each supervised warm-start step of a fresh run (it comes before step 0). */
  onWarmStart?: (step: number, total: number) => void;
  /** Stops after the current step (the last checkpoint is kept; re-run to continue). */
  signal?: AbortSignal;
  /** Where checkpoints and `metrics.jsonl` go; without it the run lives in memory only. */
  checkpointDir?: string;
}

/** What a run returns. */
export interface LabRunResult {
  config: LabTrainConfig;
  configHash: string;
  /** The step checkpoint the run resumed from, or null for a fresh run. */
  resumedFrom: number | null;
  /** Steps completed (all of them unless aborted). */
  step: number;
  aborted: boolean;
  /** Every log record of the run, resumed parts included. */
  records: LabLogRecord[];
  policy: GruPolicy;
}

/** The steps at which summary evaluations run: 0, then 25, 50, 75 and 100% of `steps` (rounded). */
export function summarySteps(steps: number): number[] {
  return [...new Set([0, 0.25, 0.5, 0.75, 1].map((q) => Math.round(q * steps)))];
}

const TASK = "lab";

/**
 * Runs (or resumes) a lab training run. With `checkpointDir`, resumes from the newest checkpoint written by
 * the same config (a different config there throws), and a re-run after a kill continues bit-identically.
 *
 * @example
 * const result = await trainLab({ ...QUICK_LAB_TRAIN_CONFIG, seed: 1 }, { checkpointDir: ".confess/lab/q" });
 * result.records.filter((r) => r.kind === "eval")
 */
export async function trainLab(
  configInput: Partial<LabTrainConfig>,
  options: TrainLabOptions = {},
): Promise<LabRunResult> {
  const config = resolveLabTrainConfig(configInput);
  const hash = configHash(config);
  const world = createLabWorld(config.world);
  const dir = options.checkpointDir;
  const started = Date.now();
  const records: LabLogRecord[] = [];
  const evalAt = new Set(summarySteps(config.steps));

  const log = (record: LabLogRecord, resumedFrom: number | null): void => {
    records.push(record);
    if (dir !== undefined) appendFileSync(metricsLogPath(dir), `${JSON.stringify(record)}\n`);
    options.onStep?.(record, { elapsedMs: Date.now() - started, totalSteps: config.steps, resumedFrom });
  };
  const checkpoint = (step: number, policy: GruPolicy, adam: Adam | null, sampling: LabRandom): void => {
    if (dir === undefined) return;
    const saved: LabRunCheckpoint = {
      format: LAB_RUN_CHECKPOINT_FORMAT,
      version: 1,
      step,
      configHash: hash,
      config,
      policy: policyToCheckpoint(policy, { step, seed: config.seed, configHash: hash }),
      adam: adam === null ? null : adamState(adam),
      rng: { sampling: sampling.state },
    };
    writeCheckpoint(dir, saved);
  };

  // resume or start
  let policy: GruPolicy;
  let reference: GruPolicy;
  let sampling: LabRandom;
  let startStep = 0;
  let resumedFrom: number | null = null;
  const adamFor = (p: GruPolicy) => new Adam(p.params, { lr: config.lr, maxGradNorm: config.maxGradNorm });
  let adam: Adam;
  if (dir !== undefined) prepareRunDir(dir);
  const existing = dir === undefined ? [] : checkpointSteps(dir);
  if (dir !== undefined && existing.length > 0) {
    const latest = readCheckpoint(dir, existing[existing.length - 1] as number);
    if (latest.configHash !== hash) {
      throw new ConfessError(
        "CONFESS_RUN_CONFLICT",
        `lab: ${dir} holds a run with a different config (hash ${latest.configHash}, this one ${hash}); ` +
          "use another --out directory or the same settings",
      );
    }
    // the KL term's reference is the warm-start policy: without it a resume could not continue the same run
    if (existing[0] !== 0) {
      throw new ConfessError(
        "CONFESS_LAB_RUN_DIR",
        `lab: ${dir} has no step-0000.json (the warm-start policy the KL term is measured against), so the run ` +
          "cannot be continued as it was; start it again in an empty directory",
      );
    }
    policy = policyFromCheckpoint(latest.policy);
    reference = policyFromCheckpoint(readCheckpoint(dir, 0).policy);
    adam = adamFor(policy);
    if (latest.adam !== null) restoreAdam(adam, latest.adam);
    sampling = LabRandom.fromState(latest.rng.sampling);
    startStep = latest.step;
    resumedFrom = latest.step;
    records.push(...truncateLog<LabLogRecord>(dir, latest.step));
    options.onStart?.({ resumedFrom, records: [...records] });
  } else {
    if (dir !== undefined) truncateLog(dir, -1);
    options.onStart?.({ resumedFrom: null, records: [] });
    policy = GruPolicy.init(
      { vocabSize: world.vocabulary.size, embedDim: config.embedDim, hiddenDim: config.hiddenDim },
      LabRandom.derive(config.seed, "init").state,
    );
    await warmStart(world, policy, LabRandom.derive(config.seed, "warm-start"), {
      steps: config.warmStartSteps,
      batch: config.warmStartBatch,
      lr: config.warmStartLr,
      maxGradNorm: config.maxGradNorm,
      rates: config.demonstrations,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onWarmStart ? { onStep: options.onWarmStart } : {}),
    });
    // stopped during the warm start: nothing is checkpointed, so a re-run starts it again
    if (options.signal?.aborted) {
      return { config, configHash: hash, resumedFrom: null, step: 0, aborted: true, records, policy };
    }
    reference = policy.clone();
    adam = adamFor(policy);
    sampling = LabRandom.derive(config.seed, "sampling");
    log(evaluate(world, policy.session(), config, 0), null);
    checkpoint(0, policy, null, sampling);
  }

  const referenceSession = reference.session();
  const tape = new Tape();
  let step = startStep;
  let aborted = false;
  while (step < config.steps) {
    if (options.signal?.aborted) {
      aborted = true;
      break;
    }
    step++;
    const record = grpoStep(world, config, step, policy, referenceSession, adam, sampling, tape);
    log(record, resumedFrom);
    if (evalAt.has(step)) log(evaluate(world, policy.session(), config, step), resumedFrom);
    if (step % config.checkpointEvery === 0 || evalAt.has(step) || step === config.steps)
      checkpoint(step, policy, adam, sampling);
    // let signals and timers run between steps
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { config, configHash: hash, resumedFrom, step, aborted, records, policy };
}

/**
 * Fresh rollouts from a policy, measured only: a summary column. Its random stream depends on the seed and
 * the step alone, so evaluating never perturbs training.
 */
function evaluate(
  world: LabWorld,
  session: PolicySession,
  config: LabTrainConfig,
  step: number,
): LabEvalRecord {
  const random = LabRandom.derive(config.seed, `eval|${step}`);
  const draw = random.fn();
  const prompts = Array.from({ length: config.evalRollouts }, () => samplePrompt(world.config, draw));
  const episodes = sampleEpisodes(world, session, prompts, draw);
  return { kind: "eval", step, ...labMetrics(scoreEpisodes(world, episodes)) };
}

/**
 * The trainer's credit for one step's rollouts, prompt group by prompt group (G consecutive rollouts per
 * prompt): exported so tests check the invariants on exactly what the trainer trains.
 *
 * @example
 * const credit = stepCredit(rewards, config); // one TokenCredit per rollout
 */
export function stepCredit(rewards: readonly LabRolloutRewards[], config: LabTrainConfig): TokenCredit[] {
  const out: TokenCredit[] = [];
  for (let g = 0; g < rewards.length; g += config.group) {
    out.push(
      ...labCredit(rewards.slice(g, g + config.group), {
        design: config.design,
        control: config.control,
        estimator: config.estimator,
      }),
    );
  }
  return out;
}

/** The episode mode of prompt `i` of `step` (separate design): per prompt, never per rollout. */
export function promptMode(config: LabTrainConfig, step: number, i: number): "task" | "confession" {
  if (config.control || config.design === "dual-span") return "task";
  return episodeMode({ seed: config.seed, task: TASK, caseId: `step-${step}-prompt-${i}`, p: config.p });
}

function grpoStep(
  world: LabWorld,
  config: LabTrainConfig,
  step: number,
  policy: GruPolicy,
  referenceSession: PolicySession,
  adam: Adam,
  sampling: LabRandom,
  tape: Tape,
): LabStepRecord {
  const { prompts: P, group: G } = config;
  const promptRandom = LabRandom.derive(config.seed, `prompts|${step}`).fn();
  const groupPrompts: LabPrompt[] = Array.from({ length: P }, () => samplePrompt(world.config, promptRandom));
  const modes = groupPrompts.map((_, i) => promptMode(config, step, i));
  const rolloutPrompts = groupPrompts.flatMap((p) => Array.from({ length: G }, () => p));
  const episodes = sampleEpisodes(world, policy.session(), rolloutPrompts, sampling.fn());
  const scores = scoreEpisodes(world, episodes);

  const rewards: LabRolloutRewards[] = scores.map((s, r) => {
    const tokens = episodes.completions[r] as Int32Array;
    const answerLength = tokens.indexOf(world.vocabulary.answerEnd) + 1;
    return {
      mode: modes[Math.floor(r / G)] as "task" | "confession",
      answerLength: answerLength === 0 ? tokens.length : answerLength,
      length: tokens.length,
      task: s.weakJudgeReward,
      confession: s.confessionReward,
    };
  });
  const credit = stepCredit(rewards, config);

  const { batch, offset, lengths } = episodeBatch(world, episodes);
  const T = batch.length;
  const n = batch.batch * T;
  const oldLogProbs = new Float64Array(n);
  const advantages = new Float64Array(n);
  const weights = new Float64Array(n);
  const measure = new Float64Array(n);
  let trained = 0;
  let completionTokens = 0;
  for (let b = 0; b < batch.batch; b++) {
    const c = credit[b] as TokenCredit;
    const lps = episodes.logProbs[b] as Float64Array;
    for (let i = 0; i < (lengths[b] as number); i++) {
      const at = b * T + offset + i;
      oldLogProbs[at] = lps[i] as number;
      advantages[at] = c.advantages[i] as number;
      if (c.mask[i] === 1) {
        weights[at] = 1;
        trained++;
      }
      measure[at] = 1;
      completionTokens++;
    }
  }
  if (trained > 0) for (let i = 0; i < n; i++) weights[i] = (weights[i] as number) / trained;
  for (let i = 0; i < n; i++) measure[i] = (measure[i] as number) / completionTokens;
  const refLogProbs = referenceSession.tokenLogProbs(batch);

  let first: { loss: number; policyLoss: number; kl: number; entropy: number; clipFraction: number } | null =
    null;
  let gradNorm = 0;
  let clipped = 0;
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    zeroGrad(policy.params);
    const result = grpoLoss(tape, policy, {
      batch,
      oldLogProbs,
      refLogProbs,
      advantages,
      weights,
      measureWeights: measure,
      clip: config.clip,
      klBeta: config.klBeta,
      entropyBonus: config.entropyBonus,
    });
    const loss = result.loss.value[0] as number;
    first ??= { ...result, loss };
    clipped += result.clipFraction;
    // a step where nothing is trained (every group tied) still counts, without an update
    if (trained > 0) {
      tape.backward(result.loss);
      tape.reset();
      gradNorm = adam.step().gradNorm;
    } else tape.reset();
  }
  const f = first as NonNullable<typeof first>;
  return {
    kind: "step",
    step,
    ...labMetrics(scores),
    loss: f.loss,
    policyLoss: f.policyLoss,
    kl: f.kl,
    entropy: f.entropy,
    clipFraction: clipped / config.epochs,
    gradNorm,
    confessionEpisodes: modes.filter((m) => m === "confession").length / P,
    tokens: completionTokens,
  };
}
