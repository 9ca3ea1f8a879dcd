// The first inner epoch runs on the sampling policy itself (every ratio is 1), so a clip fraction taken from it
// alone would be 0 on every step; the logged one must see the epochs after an update.
import { describe, expect, it } from "vitest";
import { type LabStepRecord, QUICK_LAB_TRAIN_CONFIG, trainLab } from "./index.ts";

describe("the logged clip fraction", () => {
  it("is non-zero when later inner epochs push ratios outside [1 − ε, 1 + ε]", async () => {
    // a large step size and several inner epochs: after the first update many ratios leave [0.9, 1.1]
    const result = await trainLab({
      ...QUICK_LAB_TRAIN_CONFIG,
      seed: 4,
      steps: 3,
      lr: 0.05,
      epochs: 4,
      clip: 0.1,
      maxGradNorm: 100,
    });
    const steps = result.records.filter((r): r is LabStepRecord => r.kind === "step");
    expect(steps).toHaveLength(3);
    // the update did move the policy (so ratios in epochs 2..4 differ from 1)
    expect(steps.some((r) => r.gradNorm > 0)).toBe(true);
    expect(Math.max(...steps.map((r) => r.clipFraction))).toBeGreaterThan(0);
  });
});
