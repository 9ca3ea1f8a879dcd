// A lab run's summary checkpoints evaluated as ordinary runs: the word-count suite on `lab:<checkpoint>`,
// one run per checkpoint carrying its step, so the viewer's Compare page, `confess compare` and every
// metric work on the trained policy with no hand-typed `confess eval` per checkpoint.
import { join } from "node:path";
import { createModel } from "../models/create-model.ts";
import { findConfessionVariant } from "../protocol/confession-request.ts";
import { runEval } from "../runs/run-eval.ts";
import type { ConfessStore } from "../store/confess-store.ts";
import { getTask } from "../tasks/registry.ts";
import { checkpointName, stepTag } from "./train/lab-run-store.ts";
import type { LabTrainConfig } from "./train/lab-train-config.ts";
import { alternatingTargets, resolveLabWorldConfig } from "./world/lab-world-config.ts";

/** What {@link evaluateLabCheckpoints} did for one checkpoint. */
export interface LabCheckpointRun {
  step: number;
  runId: string;
  samples: number;
  failed: number;
  /** Samples stored by an earlier invocation (a re-run resumes). */
  skipped: number;
}

/** The run id of a lab run's checkpoint evaluation. */
export function labCheckpointRunId(name: string, step: number): string {
  return `${name}-${stepTag(step)}`;
}

/**
 * Evaluates checkpoints of a lab run (in `dir`) on the word-count suite with the world's first target pair and
 * count labels asked for, `samples` cases each, into runs `<name>-step-NNNN` with their step. Re-running
 * resumes each run, so nothing is evaluated twice.
 *
 * @example
 * await evaluateLabCheckpoints(store, { dir, name, config, steps: [0, 100, 200], samples: 200 });
 */
export async function evaluateLabCheckpoints(
  store: ConfessStore,
  options: {
    dir: string;
    name: string;
    config: LabTrainConfig;
    steps: readonly number[];
    samples: number;
    signal?: AbortSignal;
    onRun?: (run: LabCheckpointRun) => void;
  },
): Promise<LabCheckpointRun[]> {
  const task = getTask("word-count");
  const variant = findConfessionVariant("paper");
  if (!task || !variant.ok) throw new Error("the word-count suite and the paper variant are built in");
  const world = resolveLabWorldConfig(options.config.world);
  const [a, b] = world.targetPairs[0] as readonly [number, number];
  const targets = alternatingTargets(a, b, world.sentences);
  const runs: LabCheckpointRun[] = [];
  for (const step of options.steps) {
    if (options.signal?.aborted) break;
    const model = createModel(`lab:${join(options.dir, checkpointName(step))}`, { tasks: getTask });
    const runId = labCheckpointRunId(options.name, step);
    const result = await runEval({
      store,
      runId,
      grid: {
        tasks: [task],
        models: [model],
        variants: [variant.value],
        samples: options.samples,
        repeat: 1,
        seed: options.config.seed,
        taskOptions: { "word-count": { targets, bracketLabels: true } },
        step,
      },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const run = { step, runId, samples: result.total, failed: result.failed, skipped: result.skipped };
    runs.push(run);
    options.onRun?.(run);
  }
  return runs;
}
