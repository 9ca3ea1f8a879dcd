import { describe, expect, it } from "vitest";
import { bootstrapInterval, mulberry32 } from "./bootstrap.ts";
import {
  type ClusterCount,
  clusteredProportionInterval,
  LARGE_CLUSTER_COUNT,
  normalQuantile,
} from "./clustered-interval.ts";
import { type Interval, wilson } from "./wilson.ts";

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

describe("clusteredProportionInterval at scale", () => {
  const pooled = (clusters: readonly ClusterCount[]) => {
    let k = 0;
    let n = 0;
    for (const [a, b] of clusters) {
      k += a;
      n += b;
    }
    return n > 0 ? k / n : null;
  };
  const randomClusters = (count: number, seed: number): ClusterCount[] => {
    const random = mulberry32(seed);
    return Array.from({ length: count }, () => {
      const n = 1 + Math.floor(random() * 4);
      const p = random() < 0.3 ? 0.9 : 0.1;
      let k = 0;
      for (let i = 0; i < n; i++) if (random() < p) k++;
      return [k, n] as const;
    });
  };

  it("draws exactly the generic bootstrap's resamples (same interval for the same seed)", () => {
    const clusters = randomClusters(300, 5);
    const rate = pooled(clusters) as number;
    const withTrials = clusters.filter(([, n]) => n > 0).length;
    const boot = bootstrapInterval(clusters, pooled, { resamples: 500, seed: 11 });
    const floor = wilson(rate * withTrials, withTrials);
    const expected = [Math.min(boot?.[0] ?? 1, floor?.[0] ?? 1), Math.max(boot?.[1] ?? 0, floor?.[1] ?? 0)];
    expect(clusteredProportionInterval(clusters, { resamples: 500, seed: 11 })).toEqual(expected);
  });

  it("beyond LARGE_CLUSTER_COUNT uses the normal interval, which agrees with the bootstrap there", () => {
    const clusters = randomClusters(LARGE_CLUSTER_COUNT + 1000, 9);
    const normal = clusteredProportionInterval(clusters) as Interval;
    const boot = bootstrapInterval(clusters, pooled, { resamples: 400, seed: 3 }) as Interval;
    expect(Math.abs(normal[0] - boot[0])).toBeLessThan(0.003);
    expect(Math.abs(normal[1] - boot[1])).toBeLessThan(0.003);
    // and it is not the bootstrap itself
    expect(normal).not.toEqual(clusteredProportionInterval(clusters.slice(0, LARGE_CLUSTER_COUNT)));
  });

  it("normalQuantile matches the standard normal", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 7);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});
