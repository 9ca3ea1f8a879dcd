// A run directory: `step-NNNN.json` checkpoints (policy, Adam, RNG, step, config) and `metrics.jsonl`.
// Checkpoints are written to a temporary name and renamed, so a kill never leaves a half-written one.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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

/** The checkpoint file name of a step. */
export function checkpointName(step: number): string {
  return `step-${String(step).padStart(4, "0")}.json`;
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
  const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<LabRunCheckpoint>;
  if (parsed.format !== LAB_RUN_CHECKPOINT_FORMAT || parsed.version !== 1)
    throw new TypeError(`${path} is not a lab run checkpoint`);
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
  writeFileSync(path, kept.map((r) => `${JSON.stringify(r)}\n`).join(""));
  return kept;
}
