// Reading a lab policy from a JSON file: either a bare `policyToCheckpoint` object or a trainer checkpoint
// (`{ policy, world?, ... }`, the trainer's `<dir>/step-NNNN.json`). Every failure is the user's file to
// fix, so it is a UsageError (exit 2) that names the path.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { UsageError } from "../../errors/confess-error.ts";
import { type GruPolicy, policyFromCheckpoint } from "../nn/index.ts";
import { createLabWorld, type LabWorld, type LabWorldConfig } from "../world/index.ts";

/** A policy and the world it was trained in, read from one checkpoint file. */
export interface LabCheckpoint {
  policy: GruPolicy;
  world: LabWorld;
  /** sha256 of the file's bytes: two files with the same name but other weights never share a cache entry. */
  sha256: string;
  /** The policy checkpoint's free-form provenance (step, seed, run), when it has one. */
  meta?: Record<string, unknown>;
}

/**
 * Reads a checkpoint from parsed JSON: a bare policy checkpoint (its `format` is `confessional-lab-gru`),
 * or an object with a `policy` field holding one and an optional `world` field (LabWorldConfig overrides;
 * else `config.world`, where the trainer's run checkpoints keep it; else the default world). Throws a UsageError (`CONFESS_INVALID_MODEL_SPEC`) saying what is wrong,
 * including a policy whose vocabulary is not its world's.
 *
 * @example
 * const { policy, world } = labCheckpointFromJson({ policy: policyToCheckpoint(p), world: { words: 24 } });
 */
export function labCheckpointFromJson(json: unknown, source = "checkpoint", sha256 = ""): LabCheckpoint {
  const bad = (why: string): UsageError =>
    new UsageError(`lab model: ${source}: ${why}`, "CONFESS_INVALID_MODEL_SPEC");
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw bad("not a JSON object");
  const record = json as Record<string, unknown>;
  const bare = record.format === "confessional-lab-gru";
  const policyJson = bare ? record : record.policy;
  if (policyJson === undefined) {
    throw bad(
      "neither a policy checkpoint (format confessional-lab-gru) nor an object with a `policy` field",
    );
  }
  let policy: GruPolicy;
  try {
    policy = policyFromCheckpoint(policyJson);
  } catch (error) {
    throw bad(error instanceof Error ? error.message : String(error));
  }
  // the trainer's run checkpoints keep the world inside their train config
  const config = record.config as { world?: unknown } | null | undefined;
  const worldJson = bare
    ? undefined
    : (record.world ?? (typeof config === "object" ? config?.world : undefined));
  if (worldJson !== undefined && (worldJson === null || typeof worldJson !== "object")) {
    throw bad("`world` must be an object of LabWorldConfig fields");
  }
  let world: LabWorld;
  try {
    world = createLabWorld((worldJson ?? {}) as Partial<LabWorldConfig>);
  } catch (error) {
    throw bad(`world: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (policy.config.vocabSize !== world.vocabulary.size) {
    throw bad(
      `the policy has ${policy.config.vocabSize} tokens but its world has ${world.vocabulary.size}; ` +
        "save the world config beside the policy (a `world` field)",
    );
  }
  const meta = (policyJson as { meta?: unknown }).meta;
  return {
    policy,
    world,
    sha256,
    ...(meta !== null && typeof meta === "object" ? { meta: meta as Record<string, unknown> } : {}),
  };
}

/**
 * Reads and checks a checkpoint file (see {@link labCheckpointFromJson}). A missing file is a UsageError
 * `CONFESS_NOT_FOUND`; unreadable bytes, bad JSON or a bad checkpoint `CONFESS_INVALID_MODEL_SPEC`.
 *
 * @example
 * const { policy, world } = loadLabCheckpoint(".confess/lab/run/step-0200.json");
 */
export function loadLabCheckpoint(path: string): LabCheckpoint {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new UsageError(`lab model: no checkpoint file at ${path}`, "CONFESS_NOT_FOUND");
    }
    throw new UsageError(
      `lab model: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
      "CONFESS_INVALID_MODEL_SPEC",
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new UsageError(
      `lab model: ${path} is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      "CONFESS_INVALID_MODEL_SPEC",
    );
  }
  return labCheckpointFromJson(json, path, createHash("sha256").update(bytes).digest("hex"));
}
