import { randomBytes } from "node:crypto";
import {
  findStressCondition,
  getStressCondition,
  type StressCondition,
} from "../conditions/stress-condition.ts";
import { ConfessError, isFatalError } from "../errors/confess-error.ts";
import type { ChatModel } from "../models/model.ts";
import type { ConfessionVariant } from "../protocol/confession-request.ts";
import type { ConfessStore } from "../store/confess-store.ts";
import type { RunConfig, SampleCoordinates, SampleRecord, VerdictRecord } from "../store/records.ts";
import type { Task, TaskCase } from "../tasks/task.ts";
import { elicit } from "./elicit.ts";
import { runPoolUntilFatal } from "./run-pool.ts";
import { createGroundTruthScorer } from "./score-sample.ts";
import { type SampleScorer, scoreWith } from "./scorers/sample-scorer.ts";

/** The grid of a run: every task × model × stress condition × confession variant × case × repeat. */
export interface EvalGrid {
  tasks: Task[];
  models: ChatModel[];
  variants: ConfessionVariant[];
  /** Stress conditions; default `[baseline]`. */
  conditions?: StressCondition[];
  /** Cases per task, drawn deterministically from the seed. */
  samples: number;
  /** Samples per case. */
  repeat: number;
  seed: number;
  /** Options by task name. */
  taskOptions?: Record<string, Record<string, unknown>>;
  /** Training step of the evaluated checkpoint, recorded in the run config (`RunConfig.step`). */
  step?: number;
  /**
   * The frozen-rollout protocol: reuse the answers of this stored run and ask the models only for new
   * confessions. The run's samples then come from that run (its tasks, cases, conditions and repeats;
   * `tasks` must hold its suites), not from `samples` cases per task.
   */
  frozenAnswers?: string;
}

export interface EvalProgress {
  total: number;
  /** Finished before this invocation (resumed run). */
  skipped: number;
  done: number;
  failed: number;
  lastError?: string;
}

export interface RunEvalOptions {
  store: ConfessStore;
  grid: EvalGrid;
  /** Resume this run, or create it under this id. */
  runId?: string;
  /** Samples in flight at once. Default 16. */
  concurrency?: number;
  /** Reuse stored responses for identical calls. Default true. */
  cache?: boolean;
  structured?: "auto" | "prompt";
  maxToolSteps?: number;
  signal?: AbortSignal;
  onProgress?: (progress: EvalProgress) => void;
  /**
   * How each finished sample is judged before it is stored, in order. Default: the task's ground truth
   * alone. Judge errors are stored as `error` verdicts and never fail a sample.
   */
  scorers?: SampleScorer[];
}

export interface RunEvalResult {
  runId: string;
  resumed: boolean;
  total: number;
  skipped: number;
  done: number;
  failed: number;
  /** Verdicts stored by this invocation, by status: `error` and `unparsed` ones are judges that failed. */
  verdicts: Record<VerdictRecord["status"], number>;
  interrupted: boolean;
}

interface Job {
  key: string;
  task: Task;
  testCase: TaskCase;
  model: ChatModel;
  variant: ConfessionVariant;
  condition: StressCondition;
  repeatIndex: number;
  /** The stored sample whose answer is reused (frozen answers). */
  frozen?: SampleRecord;
}

/** A fresh, sortable run id such as `run-20261123-231501-3fa2`. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `run-${stamp}-${randomBytes(2).toString("hex")}`;
}

export function runConfigOf(grid: EvalGrid): RunConfig {
  return {
    suites: grid.tasks.map((t) => t.name),
    models: grid.models.map((m) => m.id),
    variants: grid.variants.map((v) => v.name),
    conditions: conditionsOf(grid).map((c) => c.name),
    samples: grid.samples,
    repeat: grid.repeat,
    seed: grid.seed,
    taskOptions: Object.fromEntries(grid.tasks.map((t) => [t.name, grid.taskOptions?.[t.name] ?? {}])),
    // only when given, so configs of runs without a step keep their shape (and still resume)
    ...(grid.step === undefined ? {} : { step: grid.step }),
    ...(grid.frozenAnswers === undefined ? {} : { frozenAnswers: grid.frozenAnswers }),
  };
}

const conditionsOf = (grid: EvalGrid): StressCondition[] =>
  grid.conditions?.length ? grid.conditions : [getStressCondition("baseline")];

// baseline samples keep the key they had before conditions existed, so older runs still resume
const sampleKey = (job: Omit<Job, "key">): string =>
  [
    job.task.name,
    job.testCase.id,
    job.model.id,
    job.variant.name,
    job.repeatIndex,
    ...(job.condition.name === "baseline" ? [] : [job.condition.name]),
    // a frozen answer from a run of several models: which one answered tells the samples apart
    ...(job.frozen ? [`answer:${job.frozen.model}`] : []),
    // and from a run of several variants: each variant's sample has its own answer (kept off the key when
    // it is the job's own variant, so keys of single-variant sources are unchanged)
    ...(job.frozen && job.frozen.variant !== job.variant.name
      ? [`answer-variant:${job.frozen.variant}`]
      : []),
  ].join("|");

/**
 * Runs (or resumes) an evaluation: generates each missing sample, grades it with its task's ground truth,
 * and stores sample and verdicts together. Finished samples of a resumed run are skipped; failed ones are
 * tried again.
 *
 * @example
 * const result = await runEval({ store, grid: { tasks: [wordCountTask], models: [model],
 *   variants: [getConfessionVariant("paper")], samples: 10, repeat: 1, seed: 1 } });
 */
export async function runEval(options: RunEvalOptions): Promise<RunEvalResult> {
  const { store, grid } = options;
  const runId = options.runId ?? newRunId();
  const { resumed } = store.ensureRun(runId, runConfigOf(grid));
  const finished = store.finishedKeys(runId);
  const scorers = options.scorers ?? [
    createGroundTruthScorer((name) => grid.tasks.find((t) => t.name === name)),
  ];

  const jobs: Job[] = grid.frozenAnswers === undefined ? [] : frozenJobs(store, grid, grid.frozenAnswers);
  for (const task of grid.frozenAnswers === undefined ? grid.tasks : []) {
    const cases = task.cases({
      seed: grid.seed,
      count: grid.samples,
      options: grid.taskOptions?.[task.name] ?? {},
    });
    for (const model of grid.models) {
      for (const condition of conditionsOf(grid)) {
        for (const variant of grid.variants) {
          for (const testCase of cases) {
            for (let repeatIndex = 0; repeatIndex < grid.repeat; repeatIndex++) {
              const job = { task, testCase, model, variant, condition, repeatIndex };
              jobs.push({ ...job, key: sampleKey(job) });
            }
          }
        }
      }
    }
  }
  const pending = jobs.filter((job) => !finished.has(job.key));
  const progress: EvalProgress = {
    total: jobs.length,
    skipped: jobs.length - pending.length,
    done: 0,
    failed: 0,
  };
  options.onProgress?.({ ...progress });

  const coordinates = (job: Job): SampleCoordinates => ({
    runId,
    key: job.key,
    task: job.task.name,
    caseId: job.testCase.id,
    model: job.model.id,
    variant: job.variant.name,
    condition: job.condition.name,
    repeatIndex: job.repeatIndex,
  });
  const recordFailure = (job: Job, error: unknown): void => {
    progress.failed++;
    progress.lastError = describe(error);
    store.recordError({
      ...coordinates(job),
      code: ConfessError.isInstance(error) ? error.code : "CONFESS_PROVIDER_ERROR",
      message: describe(error),
      createdAt: new Date().toISOString(),
    });
    options.onProgress?.({ ...progress });
  };
  // commits run behind generation: a lane starts its next sample while the last one waits for its batch
  const writes: Promise<void>[] = [];
  const verdictCounts: Record<VerdictRecord["status"], number> = { ok: 0, unparsed: 0, error: 0 };

  // a fatal error (bad key, unknown model) stops the run instead of failing every sample the same way;
  // what finished before it is still written
  let fatal: unknown;
  await runPoolUntilFatal(
    pending,
    options.concurrency ?? 16,
    async (job, signal) => {
      const started = performance.now();
      let sample: SampleRecord;
      try {
        const e = await elicit({
          model: job.model,
          task: job.task,
          testCase: job.testCase,
          variant: job.variant,
          condition: job.condition,
          sampleIndex: job.repeatIndex,
          seed: grid.seed,
          frozen: job.frozen,
          cache: options.cache === false ? undefined : store,
          signal,
          ...(options.structured ? { structured: options.structured } : {}),
          ...(options.maxToolSteps ? { maxToolSteps: options.maxToolSteps } : {}),
        });
        sample = {
          id: `${runId}/${job.key}`,
          ...coordinates(job),
          case: job.testCase,
          ...e,
          durationMs: performance.now() - started,
          createdAt: new Date().toISOString(),
        };
      } catch (error) {
        if (signal.aborted || isFatalError(error)) throw error;
        return recordFailure(job, error);
      }
      let verdicts: Awaited<ReturnType<typeof scoreWith>>;
      try {
        verdicts = await scoreWith(scorers, sample, {
          verdicts: [],
          seed: grid.seed,
          signal,
          cache: options.cache === false ? undefined : store,
          now: new Date().toISOString(),
          structured: options.structured !== "prompt",
        });
      } catch (error) {
        if (signal.aborted || isFatalError(error)) throw error;
        // a grader bug must not stop the run; the sample is regenerated (from the cache) on resume
        const message = `scoring failed: ${describe(error)}`;
        return recordFailure(job, new ConfessError("CONFESS_SCORING_ERROR", message, { cause: error }));
      }
      writes.push(
        store.writeSample(sample, verdicts).then(
          () => {
            for (const v of verdicts) verdictCounts[v.status]++;
            progress.done++;
            options.onProgress?.({ ...progress });
          },
          // a failed write is the store's failure, not the provider's
          (error: unknown) =>
            recordFailure(
              job,
              ConfessError.isInstance(error)
                ? error
                : new ConfessError("CONFESS_STORE_ERROR", `cannot store the sample: ${describe(error)}`, {
                    cause: error,
                  }),
            ),
        ),
      );
    },
    options.signal,
  ).catch((error: unknown) => {
    fatal = error;
  });
  await store.drain();
  await Promise.all(writes);
  if (fatal) throw fatal;
  return {
    runId,
    resumed,
    total: progress.total,
    skipped: progress.skipped,
    done: progress.done,
    failed: progress.failed,
    verdicts: verdictCounts,
    interrupted: options.signal?.aborted ?? false,
  };
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The jobs of a frozen-answer run: every finished sample of the source run, for every model and variant of
 * the grid, in the source's order. The source's tasks must be in the grid.
 */
function frozenJobs(store: ConfessStore, grid: EvalGrid, sourceRunId: string): Job[] {
  if (!store.getRun(sourceRunId)) {
    throw new ConfessError("CONFESS_NOT_FOUND", `no run "${sourceRunId}" to take frozen answers from`);
  }
  const jobs: Job[] = [];
  for (const source of store.samples(sourceRunId)) {
    const task = grid.tasks.find((t) => t.name === source.task);
    if (!task) {
      throw new ConfessError(
        "CONFESS_INVALID_ARGUMENT",
        `the frozen answers of run ${sourceRunId} include suite ${source.task}, which the grid lacks`,
      );
    }
    const condition = findStressCondition(source.condition);
    if (!condition.ok) throw new ConfessError("CONFESS_INVALID_ARGUMENT", condition.error);
    for (const model of grid.models) {
      for (const variant of grid.variants) {
        const job = {
          task,
          testCase: source.case,
          model,
          variant,
          condition: condition.value,
          repeatIndex: source.repeatIndex,
          frozen: source,
        };
        jobs.push({ ...job, key: sampleKey(job) });
      }
    }
  }
  return jobs;
}
