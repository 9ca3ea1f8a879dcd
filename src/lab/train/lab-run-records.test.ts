import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfessStore } from "../../store/confess-store.ts";
import { getLabRun, type LabRunWriter, labRunId, listLabRuns, syncLabRun } from "./lab-run-records.ts";
import { metricsLogPath } from "./lab-run-store.ts";
import { configHash, QUICK_LAB_TRAIN_CONFIG, resolveLabTrainConfig } from "./lab-train-config.ts";
import { type LabLogRecord, trainLab } from "./train-lab.ts";

const stores: ConfessStore[] = [];
afterAll(async () => {
  for (const store of stores) await store.close();
});
const tempDir = () => mkdtempSync(join(tmpdir(), "lab-records-"));

/** trainLab with its log mirrored into `store`, as `confess lab` does. */
function mirrored(store: ConfessStore, dir: string, config: ReturnType<typeof resolveLabTrainConfig>) {
  let writer: LabRunWriter | undefined;
  return {
    onStart: ({ records }: { records: readonly LabLogRecord[] }) => {
      writer = syncLabRun(store, { dir, name: "quick", config, records });
    },
    onStep: (record: LabLogRecord) => writer?.append(record),
  };
}

describe("the lab's records in the database", () => {
  it("mirror the run's log, through a kill and a resume, without lost or doubled records", async () => {
    const store = ConfessStore.open(join(tempDir(), "confess.db"));
    stores.push(store);
    const config = resolveLabTrainConfig({
      ...QUICK_LAB_TRAIN_CONFIG,
      seed: 3,
      steps: 10,
      checkpointEvery: 4,
    });
    const dir = tempDir();
    const controller = new AbortController();
    const hooks = mirrored(store, dir, config);
    await trainLab(config, {
      checkpointDir: dir,
      signal: controller.signal,
      onStart: hooks.onStart,
      onStep: (record) => {
        hooks.onStep(record);
        if (record.kind === "step" && record.step === 7) controller.abort();
      },
    });
    // killed at 7, newest checkpoint 5: the database holds steps 6 and 7 until the resume rewrites it
    expect(getLabRun(store, labRunId(dir))?.head.lastStep).toBe(7);
    const resumed = await trainLab(config, { checkpointDir: dir, ...mirrored(store, dir, config) });
    expect(resumed.resumedFrom).toBe(5);
    const stored = getLabRun(store, labRunId(dir));
    expect(JSON.stringify(stored?.records)).toBe(JSON.stringify(resumed.records));
    const logged = readFileSync(metricsLogPath(dir), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(JSON.stringify(stored?.records)).toBe(JSON.stringify(logged));
    expect(stored?.head).toMatchObject({
      id: labRunId(dir),
      name: "quick",
      dir: resolve(dir),
      totalSteps: 10,
      lastStep: 10,
      configHash: configHash(config),
      latest: { kind: "eval", step: 10 },
    });
    expect(stored?.head.config).toEqual(config);
  });

  it("lists runs newest first and keeps one stored run per directory", () => {
    const store = ConfessStore.open(join(tempDir(), "confess.db"));
    stores.push(store);
    const config = resolveLabTrainConfig(QUICK_LAB_TRAIN_CONFIG);
    const [a, b] = [tempDir(), tempDir()];
    const record = (step: number): LabLogRecord =>
      ({ kind: "eval", step, rollouts: 1, weakJudgeReward: step }) as unknown as LabLogRecord;
    syncLabRun(store, { dir: a, name: "a", config, records: [record(0)] });
    const writer = syncLabRun(store, { dir: b, name: "b", config, records: [] });
    writer.append(record(0));
    writer.append(record(3));
    expect(listLabRuns(store).map((r) => [r.name, r.lastStep])).toEqual([
      ["b", 3],
      ["a", 0],
    ]);
    syncLabRun(store, { dir: a, name: "a", config, records: [record(0), record(1)] });
    expect(listLabRuns(store).map((r) => [r.name, r.lastStep])).toEqual([
      ["a", 1],
      ["b", 3],
    ]);
    expect(getLabRun(store, "lab-nothing")).toBeUndefined();
  });
});
