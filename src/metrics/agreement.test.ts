import { describe, expect, it } from "vitest";
import { agreement } from "./agreement.ts";
import { wilson } from "./wilson.ts";

const pairsOf = (a: Array<string | boolean>, b: Array<string | boolean>) =>
  a.map((x, i) => ({ a: x, b: b[i] as string | boolean }));

describe("agreement", () => {
  it("computes observed agreement and Cohen's kappa for a 2×2 table", () => {
    // yes/yes 20, yes/no 5, no/yes 10, no/no 15 (n = 50): p_o = 35/50 = 0.7;
    // a says yes 25/50, b says yes 30/50: p_e = 0.5·0.6 + 0.5·0.4 = 0.5; kappa = (0.7 − 0.5)/(1 − 0.5) = 0.4
    const rows = [
      ...Array.from({ length: 20 }, () => ({ a: true, b: true })),
      ...Array.from({ length: 5 }, () => ({ a: true, b: false })),
      ...Array.from({ length: 10 }, () => ({ a: false, b: true })),
      ...Array.from({ length: 15 }, () => ({ a: false, b: false })),
    ];
    const result = agreement(rows);
    expect(result.n).toBe(50);
    expect(result.agreement).toBe(0.7);
    expect(result.kappa).toBeCloseTo(0.4, 12);
    expect(result.ci95).toEqual(wilson(35, 50));
  });

  it("handles more than two labels, including one only one side uses", () => {
    // a: c c n n c x; b: c n n n c c → agree at 0, 2, 3, 4: p_o = 4/6
    // a: c 3, n 2, x 1; b: c 3, n 3 → p_e = (3·3 + 2·3 + 1·0)/36 = 15/36 = 5/12
    // kappa = (8/12 − 5/12)/(7/12) = 3/7
    const result = agreement(pairsOf(["c", "c", "n", "n", "c", "x"], ["c", "n", "n", "n", "c", "c"]));
    expect(result.agreement).toBeCloseTo(4 / 6, 12);
    expect(result.kappa).toBeCloseTo(3 / 7, 12);
  });

  it("gives kappa −1 for systematic disagreement on balanced labels", () => {
    // p_o = 0, p_e = 0.5·0.5 + 0.5·0.5 = 0.5 → (0 − 0.5)/0.5 = −1
    expect(agreement(pairsOf([true, false], [false, true])).kappa).toBe(-1);
  });

  it("leaves kappa undefined when both sides used one same label throughout", () => {
    const result = agreement(pairsOf(["complied", "complied"], ["complied", "complied"]));
    expect(result.agreement).toBe(1);
    expect(result.kappa).toBeNull();
  });

  it("tells booleans from strings and returns nulls for no pairs", () => {
    expect(agreement([{ a: true, b: "true" }]).agreement).toBe(0);
    expect(agreement([])).toEqual({ n: 0, agreement: null, ci95: null, kappa: null });
  });

  it("gives the plain Wilson interval with one pair per cluster", () => {
    const rows = [true, true, false, true].map((x, i) => ({ a: x, b: true, cluster: `c${i}` }));
    expect(agreement(rows, { resamples: 100, seed: 1 }).ci95).toEqual(wilson(3, 4));
  });

  it("widens the interval when pairs share clusters", () => {
    // 4 clusters × 16 identical pairs, two clusters agree throughout: 32/64, but 4 independent clusters
    const rows = [0, 1, 2, 3].flatMap((c) =>
      Array.from({ length: 16 }, () => ({ a: true, b: c < 2, cluster: `c${c}` })),
    );
    const result = agreement(rows, { resamples: 1000, seed: 2 });
    expect(result.agreement).toBe(0.5);
    const perSample = wilson(32, 64) as [number, number];
    const ci = result.ci95 as [number, number];
    expect(ci[1] - ci[0]).toBeGreaterThan(2.5 * (perSample[1] - perSample[0]));
    expect(agreement(rows, { resamples: 1000, seed: 2 })).toEqual(result);
    // the same pairs without clusters: the per-pair Wilson interval
    expect(agreement(rows.map(({ a, b }) => ({ a, b }))).ci95).toEqual(perSample);
  });
});
