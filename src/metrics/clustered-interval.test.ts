import { describe, expect, it } from "vitest";
import { type ClusterCount, clusteredProportionInterval } from "./clustered-interval.ts";
import { wilson } from "./wilson.ts";

const width = (ci: readonly [number, number] | null): number => (ci ? ci[1] - ci[0] : Number.NaN);
const repeat = (count: number, value: ClusterCount): ClusterCount[] =>
  Array.from({ length: count }, () => value);

describe("clusteredProportionInterval", () => {
  it("is the plain Wilson interval when every case has one trial", () => {
    // 7 cases, 2 successes: nothing to cluster
    const cases = [...repeat(2, [1, 1]), ...repeat(5, [0, 1])];
    expect(clusteredProportionInterval(cases, { resamples: 200, seed: 1 })).toEqual(wilson(2, 7));
    // cases without a trial change nothing
    expect(clusteredProportionInterval([...cases, [0, 0]], { resamples: 200 })).toEqual(wilson(2, 7));
  });

  it("is much wider than a per-sample Wilson interval under heavy clustering", () => {
    // 4 cases × 16 identical samples, two cases always succeed: 32/64 by samples, but only 4 independent cases
    const cases = [...repeat(2, [16, 16]), ...repeat(2, [0, 16])];
    const ci = clusteredProportionInterval(cases, { resamples: 2000, seed: 3 });
    const perSample = wilson(32, 64);
    expect(width(ci)).toBeGreaterThan(2.5 * width(perSample));
    // never narrower than a Wilson interval counting each case once (2 of 4)
    const perCase = wilson(2, 4) as [number, number];
    expect(ci?.[0]).toBeLessThanOrEqual(perCase[0]);
    expect(ci?.[1]).toBeGreaterThanOrEqual(perCase[1]);
  });

  it("follows the spread of case rates when the bootstrap is wider than the per-case floor", () => {
    // 16 cases × 16 samples, 8 cases always fooled: the reviewer's set-up
    const cases = [...repeat(8, [16, 16]), ...repeat(8, [0, 16])];
    const ci = clusteredProportionInterval(cases, { resamples: 2000, seed: 5 }) as [number, number];
    expect(ci[0]).toBeLessThan(0.5);
    expect(ci[1]).toBeGreaterThan(0.5);
    expect(width(ci)).toBeGreaterThan(2 * width(wilson(128, 256)));
    expect(width(ci)).toBeGreaterThanOrEqual(width(wilson(8, 16)) - 1e-12);
  });

  it("keeps a floor when every case agrees, and is null without trials", () => {
    // every case all-successes: the bootstrap is the point 1; the floor is wilson(3, 3)
    expect(clusteredProportionInterval(repeat(3, [4, 4]), { resamples: 100 })).toEqual(wilson(3, 3));
    expect(clusteredProportionInterval([], {})).toBeNull();
    expect(clusteredProportionInterval([[0, 0]], {})).toBeNull();
  });

  it("repeats for a seed", () => {
    const cases: ClusterCount[] = [
      [3, 4],
      [1, 4],
      [4, 4],
      [0, 2],
      [2, 5],
      [5, 6],
    ];
    const first = clusteredProportionInterval(cases, { resamples: 500, seed: 9 });
    expect(clusteredProportionInterval(cases, { resamples: 500, seed: 9 })).toEqual(first);
    expect(first?.[0]).toBeLessThan(15 / 25);
    expect(first?.[1]).toBeGreaterThan(15 / 25);
  });
});
