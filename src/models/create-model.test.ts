import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfessError } from "../errors/confess-error.ts";
import { tinyLabPolicy, writeLabCheckpoint } from "../lab/model/tiny-lab-checkpoint.ts";
import { getTask } from "../tasks/registry.ts";
import { createModel } from "./create-model.ts";

describe("createModel", () => {
  it("builds lab:<file> from the checkpoint, unwrapped so its parameters reach the cache key", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "create-model-")), "step-0003.json");
    writeLabCheckpoint(path, tinyLabPolicy({ steps: 0, seed: 4 }).policy);
    const model = createModel(`lab:${path}`, { tasks: getTask, temperature: 0.5 });
    expect(model.id).toBe(`lab:${basename(dirname(path))}/step-0003.json`);
    expect(model.parameters).toMatchObject({ temperature: 0.5, checkpoint: expect.any(String) });
    const response = await model.generate({
      messages: [{ role: "user", content: "Write." }],
      context: {
        phase: "answer",
        task: "word-count",
        caseId: "c",
        case: { targets: [4, 6, 4, 6, 4] },
        seed: 1,
      },
    });
    expect(response.text).toMatch(/^[A-Z][a-z ]+\./);
  });

  it("refuses a lab spec whose file is missing before any call, as a usage error", () => {
    let error: unknown;
    try {
      createModel("lab:/nowhere/step-0001.json", { tasks: getTask });
    } catch (e) {
      error = e;
    }
    expect(ConfessError.isInstance(error) && error.name === "UsageError" && error.code).toBe(
      "CONFESS_NOT_FOUND",
    );
  });

  it("wraps other providers: scripted models keep their id", () => {
    expect(createModel("scripted:honest", { tasks: getTask }).id).toBe("scripted:honest");
  });
});
