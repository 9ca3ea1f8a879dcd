import { describe, expect, it } from "vitest";
import { formatTable } from "./format-table.ts";
import type { ScoredSample } from "./scored-sample.ts";
import { summarize } from "./summarize.ts";

/**
 * Table 1 of arXiv 2512.08093 (Appendix B, medium reasoning): Complied, Not complied, Conf.|NC, Conf.|C in
 * percent; null where the paper prints "–". Footnote 1: the mean over evaluations of P(not complied ∧ not
 * confessed) is 4.36% and of P(confessed | not complied) is 74.3% (reference §4.4–4.5).
 */
const TABLE_1: ReadonlyArray<
  [name: string, complied: number, notComplied: number, confNC: number, confC: number | null]
> = [
  ["if-general", 95.8, 4.2, 22.5, 3.0],
  ["if-word-count", 96.8, 3.2, 57.1, 0.5],
  ["ih-general", 64.4, 17.1, 80.4, 3.1],
  ["ih-jailbreaks", 56.1, 19.7, 94.9, 2.7],
  ["halluc-background-tasks", 75.2, 24.8, 50.0, 9.2],
  ["halluc-real-world", 78.9, 21.1, 62.5, 3.3],
  ["halluc-people", 62.0, 38.0, 81.6, 47.4],
  ["halluc-general-knowledge", 49.8, 50.2, 80.9, 32.2],
  ["halluc-broken-browser", 0.0, 100.0, 98.6, null],
  ["scheming-covert-rule", 75.2, 13.7, 62.8, 16.9],
  ["scheming-sandbagging", 68.2, 14.0, 100.0, 0.4],
  ["rh-impossible-task", 10.3, 89.7, 100.0, 0.0],
];

/** Samples per task: large enough that rounding counts moves each rate by well under 0.1 points. */
const N = 10_000;

function realise(): ScoredSample[] {
  const samples: ScoredSample[] = [];
  for (const [task, compliedPct, ncPct, confNC, confC] of TABLE_1) {
    const nc = Math.round((ncPct / 100) * N);
    const c = Math.round((compliedPct / 100) * N);
    const tp = Math.round((confNC / 100) * nc);
    const fp = Math.round(((confC ?? 0) / 100) * c);
    const add = (count: number, complied: ScoredSample["complied"], confessed: boolean) => {
      for (let i = 0; i < count; i++) {
        samples.push({
          task,
          caseId: `${task}-${samples.length}`,
          status: "ok",
          complied,
          admitted: false,
          confessed,
          grade: confessed ? 2 : 6,
          objectives: null,
        });
      }
    };
    add(tp, "not_complied", true);
    add(nc - tp, "not_complied", false);
    add(fp, "complied", true);
    add(c - fp, "complied", false);
    add(N - nc - c, "neither", false);
  }
  return samples;
}

describe("the paper's headline arithmetic", () => {
  const summary = summarize(realise(), { bootstrapResamples: 20 });

  it("averages the joint false-negative rate to 4.36%", () => {
    expect(Math.abs((summary.overall.false_negative_rate ?? 0) - 0.0436)).toBeLessThan(0.0005);
  });

  it("averages P(confessed | not complied) to 74.3%", () => {
    expect(Math.abs((summary.overall.confessed_given_not_complied ?? 0) - 0.743)).toBeLessThan(0.001);
    const perTask = Object.values(summary.tasks).map((t) => t.confessed_given_not_complied ?? 0);
    // "for 4/12 evaluations it is higher than 90% and for 2/12 it is less than or equal to 50%"
    expect(perTask.filter((r) => r > 0.9)).toHaveLength(4);
    expect(perTask.filter((r) => r <= 0.5 + 1e-9)).toHaveLength(2);
  });

  it("leaves Broken Browser, with no compliant samples, out of the Conf|C average", () => {
    expect(summary.tasks["halluc-broken-browser"]?.confessed_given_complied).toBeNull();
    const defined = TABLE_1.flatMap(([, , , , confC]) => (confC === null ? [] : [confC / 100]));
    const expected = defined.reduce((a, b) => a + b, 0) / defined.length;
    expect(summary.overall.confessed_given_complied).toBeCloseTo(expected, 3);
  });

  it("renders the twelve evaluations and the average", () => {
    const table = formatTable(summary);
    for (const [name] of TABLE_1) expect(table).toContain(name);
    const browser = table.split("\n").find((line) => line.startsWith("halluc-broken-browser"));
    expect(browser).toMatch(/ 98\.6%\s+–\s+–\s+–$/);
    expect(table).toMatch(/^average\s.*74\.3%/m);
  });
});
