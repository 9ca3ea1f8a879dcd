import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfessError } from "../../errors/confess-error.ts";
import { GruPolicy, policyToCheckpoint } from "../nn/index.ts";
import { createLabWorld } from "../world/index.ts";
import { labCheckpointFromJson, loadLabCheckpoint } from "./lab-checkpoint-file.ts";

const dir = mkdtempSync(join(tmpdir(), "lab-checkpoint-"));
const world = createLabWorld();
const policy = GruPolicy.init({ vocabSize: world.vocabulary.size, embedDim: 4, hiddenDim: 6 }, 3);
const wideWorld = createLabWorld({ words: 24 });
const widePolicy = GruPolicy.init({ vocabSize: wideWorld.vocabulary.size, embedDim: 4, hiddenDim: 6 }, 3);

function write(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

function failure(run: () => unknown): ConfessError {
  try {
    run();
  } catch (error) {
    if (ConfessError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a ConfessError");
}

describe("loadLabCheckpoint", () => {
  it("reads a bare policy checkpoint into the default world, with the file's hash and meta", () => {
    const path = write("bare.json", policyToCheckpoint(policy, { step: 7 }));
    const loaded = loadLabCheckpoint(path);
    expect(loaded.world.config).toEqual(world.config);
    expect(loaded.policy.embedding.value).toEqual(policy.embedding.value);
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(loaded.meta).toEqual({ step: 7 });
  });

  it("reads { policy, world } and the trainer's { policy, config: { world } }", () => {
    const wrapped = loadLabCheckpoint(
      write("wrapped.json", { policy: policyToCheckpoint(widePolicy), world: { words: 24 } }),
    );
    expect(wrapped.world.config.words).toBe(24);
    const run = loadLabCheckpoint(
      write("run.json", {
        format: "confessional-lab-run",
        step: 3,
        config: { world: { words: 24 } },
        policy: policyToCheckpoint(widePolicy),
      }),
    );
    expect(run.world.vocabulary.size).toBe(wideWorld.vocabulary.size);
    expect(run.sha256).not.toBe(wrapped.sha256);
  });

  it.each([
    [
      "a missing file",
      () => loadLabCheckpoint(join(dir, "nope.json")),
      "CONFESS_NOT_FOUND",
      /no checkpoint file at .*nope\.json/,
    ],
    [
      "bad JSON",
      () => loadLabCheckpoint(write("bad.json", "{ not json")),
      "CONFESS_INVALID_MODEL_SPEC",
      /bad\.json is not valid JSON/,
    ],
    ["a JSON array", () => labCheckpointFromJson([1]), "CONFESS_INVALID_MODEL_SPEC", /not a JSON object/],
    ["no policy", () => labCheckpointFromJson({ world: {} }), "CONFESS_INVALID_MODEL_SPEC", /`policy` field/],
    [
      "a broken policy",
      () => labCheckpointFromJson({ policy: { ...policyToCheckpoint(policy), version: 9 } }),
      "CONFESS_INVALID_MODEL_SPEC",
      /version 9 unsupported/,
    ],
    [
      "a bad world",
      () => labCheckpointFromJson({ policy: policyToCheckpoint(policy), world: { sentences: 0 } }),
      "CONFESS_INVALID_MODEL_SPEC",
      /world: .*sentences/,
    ],
    [
      "a policy of another world",
      () => labCheckpointFromJson({ policy: policyToCheckpoint(widePolicy) }),
      "CONFESS_INVALID_MODEL_SPEC",
      /policy has 56 tokens but its world has 48/,
    ],
  ])("rejects %s with a usage error", (_what, run, code, message) => {
    const error = failure(run);
    expect(error.name).toBe("UsageError");
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });
});
