import { describe, expect, it } from "vitest";
import { DEFAULT_GRPO_EPS, groupAdvantages, streamAdvantages } from "./group-advantages.ts";

const close = (actual: (number | null)[], expected: (number | null)[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i] ?? null;
    if (e === null) expect(a).toBeNull();
    else expect(a).toBeCloseTo(e, 9);
  });
};

describe("groupAdvantages", () => {
  it("GRPO divides by the sample (n − 1) std plus eps", () => {
    // mean 0.5; sample std sqrt((4 × 0.25) / 3) = 0.57735; 0.5 / (0.57735 + 1e-6)
    const a = 0.5 / (Math.sqrt(1 / 3) + 1e-6);
    close(groupAdvantages([1, 0, 1, 0]), [a, -a, a, -a]);
    // mean 0.5, sample std sqrt((0.25 + 0.25) / 1) = 0.70711
    close(groupAdvantages([1, 0], { eps: 0 }), [0.5 / Math.SQRT1_2, -0.5 / Math.SQRT1_2]);
    // rewards 0.2, 0.5, 0.8: mean 0.5, sample std 0.3
    close(groupAdvantages([0.2, 0.5, 0.8], { eps: 0 }), [-1, 0, 1]);
    expect(DEFAULT_GRPO_EPS).toBe(1e-6);
  });

  it("Dr. GRPO subtracts the mean only; leave-one-out the mean of the others", () => {
    close(groupAdvantages([1, 0, 0, 0], { estimator: "dr-grpo" }), [0.75, -0.25, -0.25, -0.25]);
    // 1 − mean(0,0,0) = 1; 0 − mean(1,0,0) = −1/3
    close(groupAdvantages([1, 0, 0, 0], { estimator: "loo" }), [1, -1 / 3, -1 / 3, -1 / 3]);
    close(groupAdvantages([0.2, 0.5, 0.8], { estimator: "loo" }), [-0.45, 0, 0.45]);
  });

  it("a group of equal rewards gets 0 in every estimator", () => {
    for (const estimator of ["grpo", "dr-grpo", "loo"] as const) {
      close(groupAdvantages([1, 1, 1], { estimator }), [0, 0, 0]);
    }
  });

  it("null rewards are left out of the statistics and get null", () => {
    close(groupAdvantages([1, null, 0], { estimator: "dr-grpo" }), [0.5, null, -0.5]);
    close(groupAdvantages([1, null, 0, 0], { estimator: "loo" }), [1, null, -0.5, -0.5]);
    close(groupAdvantages([null, null]), [null, null]);
  });

  it("a singleton group (one decided reward) gets 0", () => {
    for (const estimator of ["grpo", "dr-grpo", "loo"] as const) {
      close(groupAdvantages([0.7], { estimator }), [0]);
      close(groupAdvantages([null, 1, null], { estimator }), [null, 0, null]);
    }
  });
});

describe("streamAdvantages", () => {
  it("normalises each stream by its own rewards", () => {
    const out = streamAdvantages(
      [
        { task: 1, confession: 0 },
        { task: 0, confession: 0 },
        { task: 0, confession: 1 },
        { task: 1, confession: null },
      ],
      { estimator: "dr-grpo" },
    );
    // task mean 0.5; confession mean over the three decided 1/3
    expect(out.map((o) => o.task)).toEqual([0.5, -0.5, -0.5, 0.5]);
    close(
      out.map((o) => o.confession),
      [-1 / 3, -1 / 3, 2 / 3, null],
    );
  });
});
