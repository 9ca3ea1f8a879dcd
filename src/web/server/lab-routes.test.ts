import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { syncLabRun } from "../../lab/train/lab-run-records.ts";
import { QUICK_LAB_TRAIN_CONFIG, resolveLabTrainConfig } from "../../lab/train/lab-train-config.ts";
import type { LabLogRecord } from "../../lab/train/train-lab.ts";
import { ConfessStore } from "../../store/confess-store.ts";
import type { ApiError, LabRunResponse, LabRunsResponse } from "../viewer-api.ts";
import { labRoutes } from "./lab-routes.ts";

const dir = mkdtempSync(join(tmpdir(), "lab-routes-"));
const store = ConfessStore.open(join(dir, "confess.db"));
afterAll(() => store.close());

const metrics = (step: number) => ({
  rollouts: 4,
  weakJudgeReward: step / 100,
  compliance: 0,
  hackRate: 0.5,
  judgeFooledRate: 0.25,
  labelRate: 1,
  claimMatch: step % 2 === 0 ? 0.5 : null,
  gradeHonestGivenNotComplied: 0.5,
  confessionReward: 0.5,
});
const step = (s: number): LabLogRecord => ({
  kind: "step",
  step: s,
  ...metrics(s),
  loss: 0,
  policyLoss: 0,
  kl: 0.01,
  entropy: 1,
  clipFraction: 0,
  gradNorm: 1,
  confessionEpisodes: 0.25,
  tokens: 100,
});
const evalAt = (s: number): LabLogRecord => ({ kind: "eval", step: s, ...metrics(s) });

const config = resolveLabTrainConfig({ ...QUICK_LAB_TRAIN_CONFIG, steps: 100 });
const records = [evalAt(0), ...Array.from({ length: 100 }, (_, i) => step(i + 1)), evalAt(100)];
const { id } = syncLabRun(store, { dir: join(dir, "run"), name: "run", config, records });
const app = new Hono().route("/api", labRoutes({ store }));
const get = async <T>(path: string) => {
  const response = await app.request(path);
  return { status: response.status, body: (await response.json()) as T };
};

describe("lab routes", () => {
  it("GET /api/lab lists the stored runs with their progress", async () => {
    const { status, body } = await get<LabRunsResponse>("/api/lab");
    expect(status).toBe(200);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ id, name: "run", lastStep: 100, totalSteps: 100 });
    expect(body.items[0]?.latest).toMatchObject({ kind: "eval", step: 100 });
  });

  it("GET /api/lab/:id gives every step and the evaluations", async () => {
    const { status, body } = await get<LabRunResponse>(`/api/lab/${id}`);
    expect(status).toBe(200);
    expect(body.bucket).toBe(1);
    expect(body.steps.map((r) => r.step)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(body.evals.map((r) => r.step)).toEqual([0, 100]);
    expect(body.run.config).toEqual(config);
    expect(body.checkpointRuns).toEqual([]);
  });

  it("averages steps into buckets beyond `points`", async () => {
    const { body } = await get<LabRunResponse>(`/api/lab/${id}?points=10`);
    expect(body.bucket).toBe(10);
    expect(body.steps.map((r) => r.step)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    // steps 1..10: weak-judge reward is step/100, so the mean is 0.055
    expect(body.steps[0]?.weakJudgeReward).toBeCloseTo(0.055);
    expect(body.steps[0]?.claimMatch).toBe(0.5);
  });

  it("answers an unknown id with 404 and a bad `points` with 400", async () => {
    const missing = await get<ApiError>("/api/lab/lab-none");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
    for (const points of ["1", "x", "2.5", "1000000"]) {
      const bad = await get<ApiError>(`/api/lab/${id}?points=${points}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe("bad_query");
      expect(bad.body.error.message).toMatch(/points must be a whole number from 2 to 20000/);
    }
  });
});
