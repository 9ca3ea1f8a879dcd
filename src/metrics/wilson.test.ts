import { describe, expect, it } from "vitest";
import { wilson, Z_95 } from "./wilson.ts";

// Expected values computed by hand from the Wilson formula (independently, in Python) and, for 1/100,
// the textbook [0.0018, 0.0545].
describe("wilson", () => {
  it.each([
    [0, 10, 0.0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [10, 10, 0.7225, 1.0],
    [1, 100, 0.0018, 0.0545],
    [3, 7, 0.1582, 0.7495],
  ])("%i of %i gives [%f, %f]", (k, n, low, high) => {
    const interval = wilson(k, n);
    expect(interval).not.toBeNull();
    expect(interval?.[0]).toBeCloseTo(low, 4);
    expect(interval?.[1]).toBeCloseTo(high, 4);
  });

  it("pins the bounds to exactly 0 and 1 at the extremes", () => {
    expect(wilson(0, 3)?.[0]).toBe(0);
    expect(wilson(3, 3)?.[1]).toBe(1);
  });

  it("returns null, not NaN, when n is 0", () => {
    expect(wilson(0, 0)).toBeNull();
  });

  it("uses the 95% quantile by default", () => {
    expect(Z_95).toBeCloseTo(1.96, 2);
    expect(wilson(5, 10, 1)?.[0]).toBeGreaterThan(wilson(5, 10)?.[0] ?? 1);
  });

  it("rejects impossible counts", () => {
    expect(() => wilson(11, 10)).toThrow(RangeError);
    expect(() => wilson(-1, 10)).toThrow(RangeError);
  });
});
