import { describe, expect, it } from "vitest";
import { episodeDraw, episodeMode } from "./episode-mode.ts";

describe("episodeMode", () => {
  it("gives confession episodes to about p of the cases", () => {
    for (const p of [0.1, 0.25, 0.5]) {
      const n = 20_000;
      let confessions = 0;
      for (let i = 0; i < n; i++) {
        if (episodeMode({ seed: 1, task: "word-count", caseId: `wc-${i}`, p }) === "confession")
          confessions++;
      }
      // binomial sd at p = 0.5, n = 20,000 is 0.0035: 0.015 is over 4 sd
      expect(Math.abs(confessions / n - p)).toBeLessThan(0.015);
    }
  });

  it("is the same for every repeat of a case and every call; seed and task change it", () => {
    const input = { seed: 3, task: "word-count", caseId: "wc-0007", p: 0.25 };
    const first = episodeMode(input);
    for (let repeat = 0; repeat < 8; repeat++) expect(episodeMode({ ...input })).toBe(first);
    const draws = new Set(
      [1, 2, 3, 4]
        .map((seed) => episodeDraw(seed, "word-count", "wc-0007"))
        .concat(episodeDraw(3, "other", "wc-0007")),
    );
    expect(draws.size).toBe(5);
  });

  it("p = 0 is all task episodes and p = 1 all confession episodes", () => {
    for (let i = 0; i < 200; i++) {
      expect(episodeMode({ seed: 9, task: "t", caseId: String(i), p: 0 })).toBe("task");
      expect(episodeMode({ seed: 9, task: "t", caseId: String(i), p: 1 })).toBe("confession");
    }
  });

  it("draws are uniform: each tenth of [0, 1) holds about a tenth", () => {
    const bins = new Float64Array(10);
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const u = episodeDraw(5, "x", `case-${i}`);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      const bin = Math.floor(u * 10);
      bins[bin] = (bins[bin] ?? 0) + 1;
    }
    for (const count of bins) expect(Math.abs(count / n - 0.1)).toBeLessThan(0.01);
  });
});
