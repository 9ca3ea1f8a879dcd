import { describe, expect, it } from "vitest";
import { calibrationBins, expectedCalibrationError } from "./calibration.ts";

const point = (score: number, positive: boolean) => ({ score, positive });

describe("calibrationBins", () => {
  // 4 bins of width 0.25: [0, .25) [.25, .5) [.5, .75) [.75, 1]
  const points = [
    point(0, false),
    point(0.125, true), // bin 0: n 2, mean 0.0625, accuracy 1/2
    point(0.25, true),
    point(0.375, false), // bin 1: n 2, mean 0.3125, accuracy 1/2
    point(0.75, false),
    point(0.875, true),
    point(1, true), // bin 3: n 3, mean (0.75+0.875+1)/3 = 0.875, accuracy 2/3
  ];
  const bins = calibrationBins(points, 4);

  it("puts each score in its equal-width bin, lower edge inclusive and 1.0 in the last bin", () => {
    expect(bins.map((b) => [b.lo, b.hi, b.n])).toEqual([
      [0, 0.25, 2],
      [0.25, 0.5, 2],
      [0.5, 0.75, 0],
      [0.75, 1, 3],
    ]);
    expect(bins[0]).toMatchObject({ meanScore: 0.0625, accuracy: 0.5 });
    expect(bins[1]).toMatchObject({ meanScore: 0.3125, accuracy: 0.5 });
    expect(bins[2]).toMatchObject({ meanScore: null, accuracy: null });
    expect(bins[3]?.meanScore).toBeCloseTo(0.875, 12);
    expect(bins[3]?.accuracy).toBeCloseTo(2 / 3, 12);
  });

  it("uses 20 bins by default", () => {
    const twenty = calibrationBins([point(1, true), point(0.5, false)]);
    expect(twenty).toHaveLength(20);
    expect(twenty[19]).toMatchObject({ lo: 0.95, hi: 1, n: 1 });
    expect(twenty[10]).toMatchObject({ lo: 0.5, n: 1, accuracy: 0 });
  });

  it("rejects scores outside [0, 1] and a bad bin count", () => {
    expect(() => calibrationBins([point(1.2, true)])).toThrow(RangeError);
    expect(() => calibrationBins([point(Number.NaN, true)])).toThrow(RangeError);
    expect(() => calibrationBins([], 0)).toThrow(RangeError);
  });

  it("gives the expected calibration error as the point-weighted gap", () => {
    // (2·|0.5 − 0.0625| + 2·|0.5 − 0.3125| + 3·|2/3 − 0.875|) / 7 = (0.875 + 0.375 + 0.625) / 7 = 1.875 / 7
    expect(expectedCalibrationError(bins)).toBeCloseTo(1.875 / 7, 12);
  });

  it("gives 0 when calibrated and null without points", () => {
    expect(expectedCalibrationError(calibrationBins([point(0.5, true), point(0.5, false)]))).toBe(0);
    expect(expectedCalibrationError(calibrationBins([]))).toBeNull();
  });
});
