import { describe, expect, it } from "vitest";
import { prepareClusteredAuc, rocAuc, rocAucWithInterval } from "./roc-auc.ts";

const pos = (score: number) => ({ score, positive: true });
const neg = (score: number) => ({ score, positive: false });

describe("rocAuc", () => {
  it("counts the share of positive–negative pairs ordered correctly", () => {
    // P = {0.9, 0.6, 0.4}, N = {0.7, 0.3}; 6 pairs:
    // 0.9>0.7 ✓  0.9>0.3 ✓  0.6<0.7 ✗  0.6>0.3 ✓  0.4<0.7 ✗  0.4>0.3 ✓  → 4/6
    expect(rocAuc([pos(0.9), neg(0.7), pos(0.6), pos(0.4), neg(0.3)])).toBeCloseTo(2 / 3, 12);
  });

  it("counts ties as one half", () => {
    // P = {0.5, 0.8}, N = {0.5, 0.2}: 0.5=0.5 → ½, 0.5>0.2 → 1, 0.8>0.5 → 1, 0.8>0.2 → 1; 3.5/4
    expect(rocAuc([pos(0.5), neg(0.5), pos(0.8), neg(0.2)])).toBe(0.875);
    // every score equal: all 2·3 pairs tie → ½
    expect(rocAuc([pos(0.3), pos(0.3), neg(0.3), neg(0.3), neg(0.3)])).toBe(0.5);
  });

  it("is 1 for perfect separation and 0 when inverted", () => {
    expect(rocAuc([pos(0.9), pos(0.8), neg(0.1), neg(0.2)])).toBe(1);
    expect(rocAuc([pos(0.1), pos(0.2), neg(0.9), neg(0.8)])).toBe(0);
  });

  it("does not depend on the order of the points", () => {
    const points = [pos(0.9), neg(0.7), pos(0.6), pos(0.4), neg(0.3), neg(0.6)];
    expect(rocAuc([...points].reverse())).toBe(rocAuc(points));
  });

  it("is null without both classes", () => {
    expect(rocAuc([])).toBeNull();
    expect(rocAuc([pos(0.2), pos(0.9)])).toBeNull();
    expect(rocAuc([neg(0.2)])).toBeNull();
  });

  it("rejects a score that is not a finite number", () => {
    expect(() => rocAuc([pos(Number.NaN), neg(0.1)])).toThrow(RangeError);
  });
});

describe("rocAucWithInterval", () => {
  it("reports counts and a point interval under perfect separation", () => {
    const points = [0.9, 0.8, 0.7].map((s, i) => ({ ...pos(s), cluster: `p${i}` }));
    points.push(...[0.1, 0.2].map((s, i) => ({ ...neg(s), cluster: `n${i}` })));
    const result = rocAucWithInterval(points, { resamples: 200, seed: 1 });
    expect(result).toEqual({ auc: 1, ci95: [1, 1], n: 5, positives: 3, negatives: 2 });
  });

  it("skips resamples that lack a class instead of failing", () => {
    // two clusters: half of all resamples draw one cluster twice and have no AUC; the rest give 1
    const result = rocAucWithInterval(
      [
        { ...pos(0.9), cluster: "a" },
        { ...neg(0.1), cluster: "b" },
      ],
      { resamples: 100, seed: 3 },
    );
    expect(result.auc).toBe(1);
    expect(result.ci95).toEqual([1, 1]);
  });

  it("is null, interval included, without both classes", () => {
    const result = rocAucWithInterval([{ ...pos(0.4), cluster: "a" }]);
    expect(result).toEqual({ auc: null, ci95: null, n: 1, positives: 1, negatives: 0 });
  });

  it("contains the estimate, repeats for a seed, and widens when points share clusters", () => {
    const points = Array.from({ length: 30 }, (_, i) => ({
      score: ((i * 7) % 30) / 30,
      positive: (i * 7) % 30 > 8 ? i % 3 !== 0 : i % 5 === 0,
    }));
    // ten copies of each point: either ten independent-looking clusters or one cluster of ten
    const copies = points.flatMap((p, i) => Array.from({ length: 10 }, (_, j) => ({ ...p, i, j })));
    const spread = copies.map((p) => ({ score: p.score, positive: p.positive, cluster: `${p.i}-${p.j}` }));
    const packed = copies.map((p) => ({ score: p.score, positive: p.positive, cluster: `${p.i}` }));
    const first = rocAucWithInterval(packed, { resamples: 800, seed: 9 });
    expect(first.auc).toBe(rocAuc(points));
    expect(first.ci95?.[0]).toBeLessThan(first.auc ?? Number.NaN);
    expect(first.ci95?.[1]).toBeGreaterThan(first.auc ?? Number.NaN);
    expect(rocAucWithInterval(packed, { resamples: 800, seed: 9 })).toEqual(first);
    const width = (r: { ci95: [number, number] | null }) => (r.ci95?.[1] ?? 0) - (r.ci95?.[0] ?? 0);
    // copies of one case are one observation: resampling them together keeps the interval wide
    expect(width(first)).toBeGreaterThan(2 * width(rocAucWithInterval(spread, { resamples: 800, seed: 9 })));
  });
});

describe("prepareClusteredAuc", () => {
  it("gives the AUC of the drawn clusters' points, repeats included", () => {
    const points = [
      { ...pos(0.9), cluster: "a" },
      { ...neg(0.5), cluster: "a" },
      { ...pos(0.5), cluster: "b" },
      { ...neg(0.2), cluster: "c" },
      { ...pos(0.1), cluster: "c" },
    ];
    const { clusters, aucOf } = prepareClusteredAuc(points);
    expect(clusters).toEqual([0, 1, 2]);
    const of = (name: string) => points.filter((p) => p.cluster === name);
    // a, b, b: P {.9, .5, .5}, N {.5}: .9>.5 (1) + two ties (½ each) = 2 of 3
    expect(aucOf([0, 1, 1])).toBeCloseTo(2 / 3, 12);
    expect(aucOf([0, 1, 1])).toBeCloseTo(rocAuc([...of("a"), ...of("b"), ...of("b")]) ?? Number.NaN, 12);
    expect(aucOf([2, 0, 2])).toBeCloseTo(rocAuc([...of("c"), ...of("a"), ...of("c")]) ?? Number.NaN, 12);
    expect(aucOf([0, 1, 2])).toBe(rocAuc(points));
    expect(aucOf([1, 1])).toBeNull();
  });
});
