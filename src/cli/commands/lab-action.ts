import { join } from "node:path";
import { ConfessError, UsageError } from "../../errors/confess-error.ts";
import { evaluateLabCheckpoints, type LabCheckpointRun } from "../../lab/evaluate-lab-checkpoints.ts";
import {
  configHash,
  type LabEvalRecord,
  type LabRunWriter,
  type LabStepRecord,
  type LabTrainConfig,
  QUICK_LAB_TRAIN_CONFIG,
  resolveLabTrainConfig,
  summarySteps,
  summaryTable,
  syncLabRun,
  trainLab,
} from "../../lab/train/index.ts";
import { ConfessStore } from "../../store/confess-store.ts";
import { resolveDbPath } from "../../store/open-database.ts";
import { interruptOnSignals } from "../interrupt.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../main.ts";
import type { LabFlags } from "./lab-command.ts";

/** The trainer config the flags describe (quick settings first, then the explicit flags). */
export function labConfigFromFlags(flags: LabFlags): LabTrainConfig {
  // p would change the run's name and config while changing nothing it trains
  if (flags.design === "dual-span" && flags.p !== undefined) {
    throw new UsageError(
      "--p sets the share of confession episodes in --design separate; dual-span trains both spans of every rollout, so drop --p",
    );
  }
  const overrides: Partial<LabTrainConfig> = {
    ...(flags.quick ? QUICK_LAB_TRAIN_CONFIG : {}),
    seed: flags.seed,
    design: flags.design,
    ...(flags.p === undefined ? {} : { p: flags.p }),
    control: flags.control,
    ...(flags.steps === undefined ? {} : { steps: flags.steps }),
    ...(flags.group === undefined ? {} : { group: flags.group }),
    ...(flags.prompts === undefined ? {} : { prompts: flags.prompts }),
  };
  try {
    return resolveLabTrainConfig(overrides);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The default run name: design (or control), seed and a config fingerprint, so settings never collide. */
export function labRunName(config: LabTrainConfig): string {
  const kind = config.control ? `${config.design}-control` : config.design;
  return `${kind}-seed${config.seed}-${configHash(config).slice(0, 8)}`;
}

export async function runLabCommand(flags: LabFlags, io: CliIO): Promise<number> {
  const config = labConfigFromFlags(flags);
  const name = labRunName(config);
  const dir = flags.out ?? join(".confess", "lab", name);
  const dbPath = resolveDbPath(flags.db, io.env);
  const store = ConfessStore.open(dbPath);
  let writer: LabRunWriter | undefined;
  const progress = await labProgress(io, `lab ${name}`);
  const interrupt = interruptOnSignals(io, "checkpoints are kept; re-run the same command to resume");
  let result: Awaited<ReturnType<typeof trainLab>>;
  let checkpointRuns: LabCheckpointRun[] = [];
  try {
    result = await trainLab(config, {
      checkpointDir: dir,
      signal: interrupt.signal,
      // the database mirrors the run's log, for the viewer's curves
      onStart: ({ records }) => {
        writer = syncLabRun(store, { dir, name, config, records });
      },
      onWarmStart: (step, total) => progress.warmStart(step, total),
      onStep: (record, info) => {
        writer?.append(record);
        if (record.kind === "step") progress.update(record.step, info.totalSteps, record);
      },
    });
    progress.stop();
    if (!result.aborted && flags.evalSamples !== undefined) {
      checkpointRuns = await evaluateLabCheckpoints(store, {
        dir,
        name,
        config,
        steps: summarySteps(config.steps),
        samples: flags.evalSamples,
        signal: interrupt.signal,
        onRun: (run) =>
          io.stderr(
            `confess: step ${run.step} evaluated: run ${run.runId}, ${run.samples} samples` +
              `${run.skipped > 0 ? ` (${run.skipped} stored before)` : ""}\n`,
          ),
      });
    }
  } catch (error) {
    if (ConfessError.isInstance(error) && error.code === "CONFESS_LAB_RUN_DIR") {
      throw new UsageError(`--out: ${error.message}`);
    }
    throw error;
  } finally {
    progress.stop();
    interrupt.dispose();
    await store.close();
  }
  const interrupted = result.aborted || interrupt.signal.aborted;
  const evals = result.records.filter((r): r is LabEvalRecord => r.kind === "eval");
  const steps = result.records.filter((r): r is LabStepRecord => r.kind === "step");
  if (flags.json) {
    io.stdout(
      `${JSON.stringify({ name, id: writer?.id ?? null, dir, db: dbPath, config, configHash: result.configHash, step: result.step, aborted: interrupted, summary: evals, steps, checkpointRuns }, null, 2)}\n`,
    );
  } else {
    const resumed = result.resumedFrom === null ? "" : ` (resumed from step ${result.resumedFrom})`;
    io.stdout(`lab run ${name}: ${result.step}/${config.steps} steps${resumed}, checkpoints in ${dir}\n`);
    if (writer) io.stdout(`curves: confess view --db ${dbPath}, page #/lab/curves?runs=${writer.id}\n`);
    io.stdout("\n");
    io.stdout(summaryTable(evals));
    if (checkpointRuns.length > 0) {
      const ids = checkpointRuns.map((r) => r.runId);
      io.stdout(
        `\ncheckpoints evaluated on word-count: ${ids.join(", ")}\n` +
          `compare: confess compare ${ids.join(" ")} (viewer: #/compare?runs=${ids.join(",")})\n`,
      );
    }
  }
  if (interrupted) {
    io.stderr(
      result.aborted
        ? `confess: stopped at step ${result.step}; run the same command again to continue\n`
        : "confess: interrupted while evaluating checkpoints; run the same command again to finish them\n",
    );
    return EXIT.interrupted;
  }
  const failed = checkpointRuns.reduce((n, r) => n + r.failed, 0);
  if (failed > 0) {
    io.stderr(`confess: ${failed} checkpoint samples failed; run the same command again to retry them\n`);
    return EXIT.failure;
  }
  return EXIT.ok;
}

interface LabProgress {
  warmStart(step: number, total: number): void;
  update(step: number, total: number, record: LabStepRecord): void;
  stop(): void;
}

/** A bar on a terminal; elsewhere one line every few seconds and a final one. */
async function labProgress(io: CliIO, label: string, intervalMs = 5000): Promise<LabProgress> {
  const detail = (r: LabStepRecord) =>
    `reward ${r.weakJudgeReward.toFixed(2)} hack ${r.hackRate.toFixed(2)} claim ${r.claimMatch === null ? "-" : r.claimMatch.toFixed(2)}`;
  if (io.isTTY) {
    const { SingleBar, Presets } = await import("cli-progress");
    const bar = new SingleBar(
      {
        format: `${label} [{bar}] {value}/{total} steps | {detail} | ETA {eta_formatted}`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: false,
      },
      Presets.shades_classic,
    );
    let started = false;
    let warm: InstanceType<typeof SingleBar> | undefined;
    const endWarm = () => {
      warm?.stop();
      warm = undefined;
    };
    return {
      warmStart(step, total) {
        if (!warm) {
          warm = new SingleBar(
            {
              format: `${label} warm start [{bar}] {value}/{total} supervised steps`,
              stream: process.stderr,
              hideCursor: true,
            },
            Presets.shades_classic,
          );
          warm.start(total, step);
        } else warm.update(step);
        if (step === total) endWarm();
      },
      update(step, total, record) {
        endWarm();
        if (!started) {
          bar.start(total, step, { detail: detail(record) });
          started = true;
        } else bar.update(step, { detail: detail(record) });
      },
      stop() {
        endWarm();
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let last = Date.now();
  let latest: string | undefined;
  const report = (line: string) => {
    latest = line;
    if (Date.now() - last >= intervalMs) {
      last = Date.now();
      io.stderr(latest);
    }
  };
  return {
    warmStart(step, total) {
      report(`${label}: warm start ${step}/${total} supervised steps\n`);
    },
    update(step, total, record) {
      report(`${label}: step ${step}/${total}, ${detail(record)}\n`);
    },
    stop() {
      if (latest) io.stderr(latest);
      latest = undefined;
    },
  };
}
