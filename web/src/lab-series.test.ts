import { describe, expect, it } from "vitest";
import { alignSteps, movingAverage } from "./lab-series.ts";

describe("alignSteps", () => {
  it("puts runs with different steps on one axis, null where a run has no value", () => {
    const a = [
      { step: 1, kl: 0.1 },
      { step: 3, kl: 0.3 },
    ];
    const b = [
      { step: 2, kl: 0.2 },
      { step: 3, kl: null },
    ];
    expect(alignSteps([a, b], "kl")).toEqual({
      x: [1, 2, 3],
      values: [
        [0.1, null, 0.3],
        [null, 0.2, null],
      ],
    });
  });
});

describe("movingAverage", () => {
  it("averages the last `window` present values and keeps gaps", () => {
    expect(movingAverage([1, 2, null, 4, 6], 2)).toEqual([1, 1.5, null, 3, 5]);
    expect(movingAverage([1, 3, 5], 10)).toEqual([1, 2, 3]);
    expect(movingAverage([1, null, 3], 1)).toEqual([1, null, 3]);
  });
});
