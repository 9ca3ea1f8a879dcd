import { describe, expect, it } from "vitest";
import { ConfessError } from "../errors/confess-error.ts";
import { bootstrapInterval, mulberry32, percentile, stratifiedBootstrap } from "./bootstrap.ts";

const meanOf = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;

describe("mulberry32", () => {
  it("is deterministic for a seed and stays in [0, 1)", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(meanOf(xs)).toBeCloseTo(0.5, 1);
    expect(mulberry32(8)()).not.toBe(mulberry32(7)());
  });
});

describe("percentile", () => {
  it("interpolates linearly between order statistics", () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0)).toBe(1);
    expect(percentile([1, 2, 3, 4], 1)).toBe(4);
    expect(percentile([0, 10], 0.025)).toBeCloseTo(0.25, 10);
  });
});

describe("bootstrapInterval", () => {
  const data = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 1 : 0) + (i % 7) / 10);

  it("contains the point estimate and is deterministic for a seed", () => {
    const point = meanOf(data) ?? Number.NaN;
    const first = bootstrapInterval(data, meanOf, { resamples: 1000, seed: 3 });
    const second = bootstrapInterval(data, meanOf, { resamples: 1000, seed: 3 });
    expect(first).toEqual(second);
    expect(first?.[0]).toBeLessThan(point);
    expect(first?.[1]).toBeGreaterThan(point);
    expect(bootstrapInterval(data, meanOf, { resamples: 1000, seed: 4 })).not.toEqual(first);
  });

  it("collapses to the value when there is a single cluster", () => {
    expect(bootstrapInterval([0.3], meanOf, { resamples: 50 })).toEqual([0.3, 0.3]);
  });

  it("returns null when the statistic is never defined", () => {
    expect(bootstrapInterval([1, 2], () => null, { resamples: 20 })).toBeNull();
  });

  it("rejects a non-positive number of resamples", () => {
    expect(() => bootstrapInterval(data, meanOf, { resamples: 0 })).toThrow(ConfessError);
  });
});

describe("stratifiedBootstrap", () => {
  it("resamples within each stratum, never across", () => {
    // Each stratum is constant, so every resample reproduces the same per-stratum means.
    const [ci] = stratifiedBootstrap(
      [
        [1, 1, 1],
        [0, 0],
      ],
      (strata) => [(meanOf(strata[0] ?? []) ?? 0) - (meanOf(strata[1] ?? []) ?? 0)],
      { resamples: 200, seed: 1 },
    );
    expect(ci).toEqual([1, 1]);
  });
});
