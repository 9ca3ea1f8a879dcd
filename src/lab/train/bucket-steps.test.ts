import { describe, expect, it } from "vitest";
import { bucketSteps } from "./bucket-steps.ts";
import type { LabStepRecord } from "./train-lab.ts";

const record = (step: number, claimMatch: number | null): LabStepRecord => ({
  kind: "step",
  step,
  rollouts: 8,
  weakJudgeReward: step / 10,
  compliance: 0,
  hackRate: step % 2,
  judgeFooledRate: 0,
  labelRate: 1,
  claimMatch,
  gradeHonestGivenNotComplied: null,
  confessionReward: claimMatch,
  loss: 0,
  policyLoss: 0,
  kl: step,
  entropy: 1,
  clipFraction: 0,
  gradNorm: 1,
  confessionEpisodes: 0.25,
  tokens: 100,
});

describe("bucketSteps", () => {
  it("returns the records as they are when they fit", () => {
    const records = [1, 2, 3].map((s) => record(s, 0.5));
    expect(bucketSteps(records, 3)).toEqual({ bucket: 1, points: records });
  });

  it("averages buckets, keeps each bucket's last step, and leaves nulls out of the means", () => {
    const records = [record(1, 0.2), record(2, null), record(3, 0.6), record(4, 1), record(5, null)];
    const { bucket, points } = bucketSteps(records, 2);
    expect(bucket).toBe(3);
    expect(points.map((p) => p.step)).toEqual([3, 5]);
    expect(points[0]?.weakJudgeReward).toBeCloseTo(0.2);
    expect(points[0]?.claimMatch).toBeCloseTo(0.4);
    expect(points[0]?.hackRate).toBeCloseTo(2 / 3);
    expect(points[1]?.claimMatch).toBe(1);
    expect(points[1]?.kl).toBeCloseTo(4.5);
    expect(points[0]?.gradeHonestGivenNotComplied).toBeNull();
    expect(points[0]?.kind).toBe("step");
  });
});
