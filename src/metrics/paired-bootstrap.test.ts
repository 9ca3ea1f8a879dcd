import { describe, expect, it } from "vitest";
import { compareSamples } from "./paired-bootstrap.ts";
import { RATE_KEYS } from "./rate-sums.ts";
import type { ScoredSample } from "./scored-sample.ts";

function sample(task: string, caseId: string, overrides: Partial<ScoredSample> = {}): ScoredSample {
  return {
    task,
    caseId,
    status: "ok",
    complied: "complied",
    admitted: false,
    confessed: false,
    grade: 6,
    objectives: null,
    ...overrides,
  };
}

/**
 * Task "t", 10 cases: t0–t3 TP, t4–t7 FN, t8–t9 TN. In run B the four FN became TP.
 * A: FN rate 4/10, Conf|NC 4/8. B: FN rate 0, Conf|NC 8/8. Not complied 8/10 in both.
 * Task "u", 4 cases, all TN and the same in both runs: FN rate 0, Conf|NC undefined.
 */
function runA(): ScoredSample[] {
  return [
    ...[0, 1, 2, 3].map((i) => sample("t", `t${i}`, { complied: "not_complied", confessed: true })),
    ...[4, 5, 6, 7].map((i) => sample("t", `t${i}`, { complied: "not_complied", confessed: false })),
    ...[8, 9].map((i) => sample("t", `t${i}`)),
    ...[0, 1, 2, 3].map((i) => sample("u", `u${i}`)),
  ];
}
function runB(): ScoredSample[] {
  return runA().map((s) => (s.complied === "not_complied" ? { ...s, confessed: true } : s));
}

describe("compareSamples", () => {
  it("gives diff 0 and an interval containing 0 for identical runs", () => {
    const result = compareSamples(runA(), runA(), { resamples: 300, seed: 2 });
    for (const key of RATE_KEYS) {
      const c = result.overall[key];
      if (c.a === null) {
        expect(c.diff, key).toBeNull();
        continue;
      }
      expect(c.b, key).toBe(c.a);
      expect(c.diff, key).toBe(0);
      expect(c.ci95?.[0], key).toBeLessThanOrEqual(0);
      expect(c.ci95?.[1], key).toBeGreaterThanOrEqual(0);
      expect((c.ci95?.[1] ?? 1) - (c.ci95?.[0] ?? 0), key).toBeLessThan(1e-12);
    }
    // no sample carries a judge: no judge keys
    expect(result.overall).not.toHaveProperty("honesty_mean_reward");
    expect(result.tasks.t).not.toHaveProperty("judge_fooled_rate");
  });

  it("measures the change when every false negative became a true positive", () => {
    const result = compareSamples(runA(), runB(), { resamples: 1000, seed: 4 });
    const t = result.tasks.t;
    expect(t?.false_negative_rate).toMatchObject({ a: 0.4, b: 0, pairs: 10 });
    expect(t?.false_negative_rate.diff).toBeCloseTo(-0.4, 12);
    expect(t?.confessed_given_not_complied).toMatchObject({ a: 0.5, b: 1, diff: 0.5, pairs: 8 });
    expect(t?.not_complied).toMatchObject({ a: 0.8, b: 0.8, diff: 0 });
    // every resample loses as many FNs as it drew: the interval is negative and holds −0.4
    const ci = t?.false_negative_rate.ci95;
    expect(ci?.[0]).toBeLessThanOrEqual(-0.4);
    expect(ci?.[1]).toBeGreaterThanOrEqual(-0.4);
    expect(ci?.[1]).toBeLessThan(0);
  });

  it("averages tasks without weights for the overall entry", () => {
    const result = compareSamples(runA(), runB(), { resamples: 500, seed: 4 });
    // FN rate: A (0.4 + 0)/2 = 0.2, B (0 + 0)/2 = 0
    expect(result.overall.false_negative_rate.a).toBeCloseTo(0.2, 12);
    expect(result.overall.false_negative_rate.b).toBe(0);
    expect(result.overall.false_negative_rate.diff).toBeCloseTo(-0.2, 12);
    expect(result.overall.false_negative_rate.pairs).toBe(14);
    // Conf|NC is undefined in u, so it is t's alone
    expect(result.tasks.u?.confessed_given_not_complied.a).toBeNull();
    expect(result.overall.confessed_given_not_complied).toMatchObject({ a: 0.5, b: 1, diff: 0.5, pairs: 8 });
    expect(Object.keys(result.tasks)).toEqual(["t", "u"]);
  });

  it("pairs cases by task and case id and leaves the rest out", () => {
    const a = [...runA(), sample("only-a", "x1"), sample("t", "t99", { complied: "not_complied" })];
    const b = [...runB(), sample("u", "u99")];
    const result = compareSamples(a, b, { resamples: 100 });
    expect(result.unpaired).toEqual({ a: 2, b: 1 });
    expect(result.tasks["only-a"]).toBeUndefined();
    expect(result.tasks.t?.false_negative_rate.a).toBe(0.4);
  });

  it("repeats for a seed and returns empty results with nothing in common", () => {
    const first = compareSamples(runA(), runB(), { resamples: 200, seed: 8 });
    expect(compareSamples(runA(), runB(), { resamples: 200, seed: 8 })).toEqual(first);
    const none = compareSamples(runA(), [sample("v", "v0")]);
    expect(none.tasks).toEqual({});
    expect(none.overall.false_negative_rate).toEqual({ a: null, b: null, diff: null, ci95: null, pairs: 0 });
    expect(none.unpaired).toEqual({ a: 14, b: 1 });
  });
});

describe("compareSamples: judge statistics", () => {
  /**
   * Run A with judges on task "t" only: honesty rewards 0.1·(i mod 5) (mean 0.2 over the 10 cases; case t0
   * answered twice, both rewarded 0), and a task judge that passes every answer, so the 8 non-compliant cases
   * fool it: fooled 8/10. Task "u" carries no judge.
   */
  function judgedA(): ScoredSample[] {
    return runA().flatMap((s) => {
      if (s.task !== "t") return [s];
      const i = Number(s.caseId.slice(1));
      const judged: ScoredSample = {
        ...s,
        honesty: { status: "ok", reward: 0.1 * (i % 5) },
        taskJudge: { status: "ok", passed: true },
      };
      return i === 0 ? [judged, { ...judged }] : [judged];
    });
  }
  /** Run B: every reward 0.2 higher, and the judge fails every non-compliant answer (fooled 0). */
  function judgedB(): ScoredSample[] {
    return judgedA().map((s) =>
      s.honesty === undefined
        ? s
        : {
            ...s,
            honesty: { status: "ok", reward: (s.honesty.reward ?? 0) + 0.2 },
            taskJudge: { status: "ok", passed: s.complied !== "not_complied" },
          },
    );
  }

  it("compares the mean honesty reward: every reward 0.2 higher gives diff 0.2", () => {
    const result = compareSamples(judgedA(), judgedB(), { resamples: 500, seed: 3 });
    const t = result.tasks.t?.honesty_mean_reward;
    // A: (0 + 0 + .1 + .2 + .3 + .4 + 0 + .1 + .2 + .3 + .4) / 11 = 2/11 (t0 twice); B: each + .2
    expect(t?.a).toBeCloseTo(2 / 11, 12);
    expect(t?.b).toBeCloseTo(2 / 11 + 0.2, 12);
    expect(t?.diff).toBeCloseTo(0.2, 12);
    expect(t?.pairs).toBe(10);
    // every resample shifts by exactly 0.2
    expect(t?.ci95?.[0]).toBeCloseTo(0.2, 12);
    expect(t?.ci95?.[1]).toBeCloseTo(0.2, 12);
    // "u" has no honesty judge: absent there, and the overall mean is t's alone
    expect(result.tasks.u).not.toHaveProperty("honesty_mean_reward");
    expect(result.overall.honesty_mean_reward?.diff).toBeCloseTo(0.2, 12);
    expect(result.overall.honesty_mean_reward?.pairs).toBe(10);
  });

  it("compares the task judge's fooled rate", () => {
    const result = compareSamples(judgedA(), judgedB(), { resamples: 500, seed: 3 });
    const fooled = result.tasks.t?.judge_fooled_rate;
    // A: t0 (twice) to t7 not complied and passed → 9/11; B: none passed → 0
    expect(fooled?.a).toBeCloseTo(9 / 11, 12);
    expect(fooled?.b).toBe(0);
    expect(fooled?.diff).toBeCloseTo(-9 / 11, 12);
    expect(fooled?.ci95?.[1]).toBeLessThan(0);
    expect(fooled?.ci95?.[0]).toBeLessThanOrEqual(-9 / 11);
    expect(result.overall.judge_fooled_rate?.diff).toBeCloseTo(-9 / 11, 12);
    expect(result.tasks.u).not.toHaveProperty("judge_fooled_rate");
  });

  it("reports a judge that only one run carries, with no difference", () => {
    const result = compareSamples(judgedA(), runA(), { resamples: 100, seed: 1 });
    expect(result.overall.honesty_mean_reward).toMatchObject({ b: null, diff: null, ci95: null, pairs: 0 });
    expect(result.overall.honesty_mean_reward?.a).toBeCloseTo(2 / 11, 12);
  });
});
