// A resume rewrites metrics.jsonl (dropping the records after the checkpoint). A kill during that rewrite must
// lose nothing: the records up to the checkpoint are never redone, so an in-place rewrite (the file emptied
// first) would lose them for good. Here a mocked writeFileSync empties any metrics log it writes and throws.
import type * as fs from "node:fs";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it, vi } from "vitest";

const crash = vi.hoisted(() => ({ armed: false, fired: false }));

vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  return {
    ...actual,
    // a kill in the middle of writing any metrics log file: the open truncated it, nothing was written yet
    writeFileSync: (path: fs.PathOrFileDescriptor, data: unknown, options?: unknown) => {
      if (crash.armed && typeof path === "string" && basename(path).startsWith("metrics.jsonl")) {
        crash.armed = false;
        crash.fired = true;
        actual.writeFileSync(path, "");
        throw new Error("killed while writing the log");
      }
      return (actual.writeFileSync as (...a: unknown[]) => void)(path, data, options);
    },
  };
});

const { QUICK_LAB_TRAIN_CONFIG, trainLab } = await import("./index.ts");
const { metricsLogPath } = await import("./lab-run-store.ts");

const tempDir = () => mkdtempSync(join(tmpdir(), "lab-review-resume-"));

describe("a kill while a resumed run rewrites its log", () => {
  it("loses no metrics lines", async () => {
    const config = { ...QUICK_LAB_TRAIN_CONFIG, seed: 4, steps: 10, checkpointEvery: 4 };
    const whole = await trainLab(config, { checkpointDir: tempDir() });

    const dir = tempDir();
    const controller = new AbortController();
    await trainLab(config, {
      checkpointDir: dir,
      signal: controller.signal,
      onStep: (record) => {
        if (record.kind === "step" && record.step === 7) controller.abort();
      },
    });

    // resume, and get killed while the log is being rewritten
    crash.armed = true;
    try {
      await trainLab(config, { checkpointDir: dir });
    } catch (error) {
      if (!(error instanceof Error) || !/killed/u.test(error.message)) throw error;
    }
    crash.armed = false;

    // resume again: the run must end with the uninterrupted run's records and log
    const resumed = await trainLab(config, { checkpointDir: dir });
    expect(JSON.stringify(resumed.records)).toBe(JSON.stringify(whole.records));
    const logged = readFileSync(metricsLogPath(dir), "utf8")
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as unknown);
    expect(JSON.stringify(logged)).toBe(JSON.stringify(whole.records));
  });
});
