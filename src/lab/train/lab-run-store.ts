// A run directory: `step-NNNN.json` checkpoints (policy, Adam, RNG, step, config) and `metrics.jsonl`.
// Checkpoints are written to a temporary name and renamed, so a kill never leaves a half-written one.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfessError } from "../../errors/confess-error.ts";
import type { GruPolicyCheckpoint } from "../nn/index.ts";
import type { AdamState } from "./adam-state.ts";
import type { LabTrainConfig } from "./lab-train-config.ts";

/** Format tag of a run checkpoint. */
export const LAB_RUN_CHECKPOINT_FORMAT = "confessional-lab-run";

/** Everything needed to continue a run from a step. */
export interface LabRunCheckpoint {
  format: typeof LAB_RUN_CHECKPOINT_FORMAT;
  version: 1;
  /** GRPO steps done; 0 is the warm-started, pre-hack policy. */
  step: number;
  configHash: string;
  config: LabTrainConfig;
  policy: GruPolicyCheckpoint;
  /** Null at step 0 (the GRPO optimizer has not started). */
  adam: AdamState | null;
  /** State of the sampling stream. */
  rng: { sampling: number };
}

/**
 * Makes sure `dir` can hold a run (creating it), or throws a `CONFESS_LAB_RUN_DIR` error naming the problem:
 * an empty path, a file, a place it cannot create.
 *
 * @example
 * prepareRunDir(".confess/lab/separate-seed1-ab12cd34");
 */
export function prepareRunDir(dir: string): void {
  if (dir.trim() === "") {
    throw new ConfessError("CONFESS_LAB_RUN_DIR", "the lab run directory is an empty path; name a directory");
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new ConfessError(
      "CONFESS_LAB_RUN_DIR",
      `${dir} cannot hold a lab run: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

/** A step as checkpoint files and checkpoint runs name it: `step-0200`. */
export function stepTag(step: number): string {
  return `step-${String(step).padStart(4, "0")}`;
}

/** The checkpoint file name of a step. */
export function checkpointName(step: number): string {
  return `${stepTag(step)}.json`;
}

/**
 * Writes a checkpoint atomically.
 *
 * @example
 * writeCheckpoint(dir, checkpoint); // dir/step-0025.json
 */
export function writeCheckpoint(dir: string, checkpoint: LabRunCheckpoint): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, checkpointName(checkpoint.step));
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, JSON.stringify(checkpoint));
  renameSync(temporary, path);
  return path;
}

/** Steps that have a checkpoint in `dir`, ascending. */
export function checkpointSteps(dir: string): number[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => /^step-(\d+)\.json$/u.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

/**
 * Reads the checkpoint of `step`, checking its format.
 *
 * @example
 * const latest = readCheckpoint(dir, Math.max(...checkpointSteps(dir)));
 */
export function readCheckpoint(dir: string, step: number): LabRunCheckpoint {
  const path = join(dir, checkpointName(step));
  let parsed: Partial<LabRunCheckpoint>;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<LabRunCheckpoint>;
  } catch (error) {
    throw new ConfessError(
      "CONFESS_LAB_RUN_DIR",
      `${path} cannot be read as a lab run checkpoint (${(error as Error).message}); move it away or use another directory`,
      { cause: error },
    );
  }
  if (parsed?.format !== LAB_RUN_CHECKPOINT_FORMAT || parsed.version !== 1) {
    throw new ConfessError(
      "CONFESS_LAB_RUN_DIR",
      `${path} is not a lab run checkpoint; move it away or use another directory`,
    );
  }
  return parsed as LabRunCheckpoint;
}

/** Path of a run's metrics log. */
export function metricsLogPath(dir: string): string {
  return join(dir, "metrics.jsonl");
}

/**
 * The log's records up to and including `step` (later ones came from a run killed after its last
 * checkpoint and will be redone); rewrites the file to hold just those.
 *
 * @example
 * const kept = truncateLog(dir, 25);
 */
export function truncateLog<T extends { step: number }>(dir: string, step: number): T[] {
  const path = metricsLogPath(dir);
  if (!existsSync(path)) return [];
  const kept = readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as T];
      } catch {
        return []; // a line cut off by a kill
      }
    })
    .filter((record) => record.step <= step);
  // replaced by a rename, as checkpoints are: a kill while writing must not empty the log
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, kept.map((r) => `${JSON.stringify(r)}\n`).join(""));
  renameSync(temporary, path);
  return kept;
}
