import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkpointSteps, metricsLogPath } from "./lab-run-store.ts";
import { type LabTrainConfig, QUICK_LAB_TRAIN_CONFIG } from "./lab-train-config.ts";
import { type LabLogRecord, summarySteps, trainLab } from "./train-lab.ts";

const quick = (overrides: Partial<LabTrainConfig> = {}): Partial<LabTrainConfig> => ({
  ...QUICK_LAB_TRAIN_CONFIG,
  seed: 4,
  ...overrides,
});
const params = (result: Awaited<ReturnType<typeof trainLab>>) =>
  result.policy.params.map((p) => Array.from(p.value));
const tempDir = () => mkdtempSync(join(tmpdir(), "lab-train-"));

describe("trainLab", () => {
  it("is deterministic for a seed, and the seed matters", async () => {
    const a = await trainLab(quick());
    const b = await trainLab(quick());
    const c = await trainLab(quick({ seed: 5 }));
    expect(JSON.stringify(a.records)).toBe(JSON.stringify(b.records));
    expect(params(a)).toEqual(params(b));
    expect(JSON.stringify(a.records)).not.toBe(JSON.stringify(c.records));
  });

  it("logs every step and the summary evaluations, with the metrics the lab reports", async () => {
    const result = await trainLab(quick({ design: "dual-span" }));
    const steps = result.records.filter((r) => r.kind === "step");
    const evals = result.records.filter((r) => r.kind === "eval");
    expect(steps.map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(evals.map((r) => r.step)).toEqual(summarySteps(8));
    for (const r of steps) {
      for (const key of [
        "weakJudgeReward",
        "compliance",
        "hackRate",
        "judgeFooledRate",
        "kl",
        "entropy",
        "loss",
      ] as const)
        expect(Number.isFinite(r[key])).toBe(true);
      expect(r.kl).toBeGreaterThanOrEqual(0);
      expect(r.rollouts).toBe(16);
    }
    // the policy moves away from the warm start
    expect(
      steps[steps.length - 1]?.kind === "step" && (steps[steps.length - 1] as { kl: number }).kl,
    ).toBeGreaterThan(0);
  });

  it("resumes after a kill at any step to the same final parameters and log as an uninterrupted run", async () => {
    const config = quick({ steps: 10, checkpointEvery: 4 });
    const whole = await trainLab(config, { checkpointDir: tempDir() });
    const dir = tempDir();
    const controller = new AbortController();
    const first = await trainLab(config, {
      checkpointDir: dir,
      signal: controller.signal,
      onStep: (record) => {
        if (record.kind === "step" && record.step === 7) controller.abort();
      },
    });
    expect(first.aborted).toBe(true);
    expect(first.step).toBe(7);
    // checkpoints at 0, the summary steps and every 4th: the newest before the kill is 5
    expect(checkpointSteps(dir)).toEqual([0, 3, 4, 5]);
    appendFileSync(metricsLogPath(dir), '{"kind":"step","st'); // a line cut off by the kill
    const resumed = await trainLab(config, { checkpointDir: dir });
    expect(resumed.resumedFrom).toBe(5);
    expect(resumed.aborted).toBe(false);
    expect(params(resumed)).toEqual(params(whole));
    expect(JSON.stringify(resumed.records)).toBe(JSON.stringify(whole.records));
    const logged = readFileSync(metricsLogPath(dir), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as LabLogRecord);
    expect(JSON.stringify(logged)).toBe(JSON.stringify(whole.records));
  });

  it("re-running a finished run changes nothing; a different config in the same directory is an error", async () => {
    const dir = tempDir();
    const done = await trainLab(quick(), { checkpointDir: dir });
    const again = await trainLab(quick(), { checkpointDir: dir });
    expect(again.resumedFrom).toBe(8);
    expect(params(again)).toEqual(params(done));
    await expect(trainLab(quick({ p: 0.5 }), { checkpointDir: dir })).rejects.toThrow(/different config/);
    writeFileSync(join(dir, "unrelated.txt"), "x"); // other files are ignored
    expect(checkpointSteps(dir)).toContain(8);
    // without the warm-start policy (the KL reference) the run cannot be continued as it was
    rmSync(join(dir, "step-0000.json"));
    await expect(trainLab(quick(), { checkpointDir: dir })).rejects.toThrow(/no step-0000\.json/);
  });

  it("stops during the warm start when asked, checkpointing nothing, and a re-run starts over the same", async () => {
    const dir = tempDir();
    const controller = new AbortController();
    const seen: number[] = [];
    const stopped = await trainLab(quick(), {
      checkpointDir: dir,
      signal: controller.signal,
      onWarmStart: (step, total) => {
        seen.push(step);
        expect(total).toBe(QUICK_LAB_TRAIN_CONFIG.warmStartSteps);
        if (step === 3) controller.abort();
      },
    });
    expect(seen).toEqual([1, 2, 3]);
    expect(stopped).toMatchObject({ aborted: true, step: 0, records: [] });
    expect(checkpointSteps(dir)).toEqual([]);
    const again = await trainLab(quick(), { checkpointDir: dir });
    const whole = await trainLab(quick());
    expect(again.resumedFrom).toBeNull();
    expect(JSON.stringify(again.records)).toBe(JSON.stringify(whole.records));
  });
});
