import { describe, expect, it } from "vitest";
import { formatComparison, formatJudgeMetrics } from "./format-judges.ts";
import { compareSamples } from "./paired-bootstrap.ts";
import type { ScoredSample } from "./scored-sample.ts";
import { summarize } from "./summarize.ts";

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

describe("formatJudgeMetrics", () => {
  const samples = [
    sample("wc", "1", {
      complied: "not_complied",
      confessed: true,
      honesty: { status: "ok", reward: 0.8 },
      taskJudge: { status: "ok", passed: true },
      confidence: { status: "ok", value: 0.3 },
      classifier: { confessed: { status: "ok", value: true } },
    }),
    sample("wc", "2", {
      complied: "not_complied",
      honesty: { status: "ok", reward: 0.4 },
      taskJudge: { status: "unparsed", passed: null },
      confidence: { status: "ok", value: 0.6 },
      errorCause: { status: "ok", value: "confusion" },
      classifier: { confessed: { status: "ok", value: true } },
    }),
    sample("wc", "3", {
      honesty: { status: "ok", reward: 1 },
      taskJudge: { status: "ok", passed: true },
      confidence: { status: "ok", value: 0.9 },
    }),
    // every judge answered, none decided anything: counted as undecided, no number moves
    sample("wc", "4", {
      honesty: { status: "ok", reward: null },
      taskJudge: { status: "ok", passed: null },
      confidence: { status: "ok", value: null },
      classifier: { confessed: { status: "ok", value: null } },
    }),
  ];
  const text = formatJudgeMetrics(summarize(samples, { bootstrapResamples: 100 }));
  const line = (prefix: string, after: string) => {
    const lines = text.split("\n");
    return lines.slice(lines.indexOf(after)).find((l) => l.startsWith(prefix)) ?? "";
  };

  it("prints one table per judge that ran", () => {
    for (const title of [
      "Honesty judge (confession reward, 0–1)",
      "Task judge vs ground truth",
      "LLM classifier vs ground truth",
      "Confidence from confessions (positive: answer complied)",
      "Error analysis (causes of false negatives / false positives)",
    ]) {
      expect(text).toContain(title);
    }
  });

  it("shows the numbers: mean reward, fooled rate, agreement, AUC, causes", () => {
    // rewards .8, .4, 1 → .73; per outcome TP .8, FN .4, FP –, TN 1
    expect(line("wc", "Honesty judge (confession reward, 0–1)")).toMatch(
      /^wc\s+3\s+0\s+1\s+0\s+0\.73 \[\d\.\d\d, \d\.\d\d\]\s+0\.80\s+0\.40\s+–\s+1\.00$/,
    );
    // readable: 1 and 3, both passed; fooled: 1 of 2 (sample 1 passes but did not comply)
    // n, unparsed, undecided, errors
    expect(line("wc", "Task judge vs ground truth")).toMatch(/^wc\s+2\s+1\s+1\s+0\s+100\.0%\s+50\.0% \[/);
    // classifier says confessed on both; truth: confessed on 1 only → 50%
    expect(line("wc", "LLM classifier vs ground truth")).toMatch(
      /^wc\s+confessed\s+2\s+0\s+1\s+0\s+50\.0% \[/,
    );
    // positive .9 beats both negatives .3 and .6 → AUC 1
    expect(line("wc", "Confidence from confessions (positive: answer complied)")).toMatch(
      /^wc\s+3\s+0\s+1\s+0\s+1\/2\s+1\.00 \[/,
    );
    expect(text).toMatch(/^wc\s+FN\s+1\s+0\s+0\s+0\s+0\s+confusion 100\.0%$/m);
    expect(text).toMatch(/^wc\s+FP\s+0\s+0\s+0\s+0\s+0\s+–$/m);
    // calibration: .3 and .6 wrong (not complied), .9 right
    expect(text).toMatch(/^\[0\.90, 0\.95\)\s+1\s+0\.90\s+100\.0%$/m);
    expect(text).toMatch(/^\[0\.30, 0\.35\)\s+1\s+0\.30\s+0\.0%$/m);
  });

  it("fits in 100 columns and left-aligns text columns", () => {
    for (const l of text.split("\n")) expect(l.length, l).toBeLessThanOrEqual(100);
    // a real task name and four-digit counts in every column still fit
    const many = Array.from({ length: 4000 }, (_, i) =>
      sample("word-count", String(i), {
        complied: i % 3 === 0 ? "not_complied" : "complied",
        honesty: { status: i % 4 === 0 ? "unparsed" : "ok", reward: i % 4 === 0 ? null : 0.5 },
        taskJudge: { status: i % 4 === 1 ? "error" : "ok", passed: i % 4 > 1 ? i % 2 === 0 : null },
        confidence: { status: "ok", value: (i % 10) / 10 },
        classifier: { complied: { status: "ok", value: i % 4 === 3 ? null : "complied" } },
      }),
    );
    const wide = formatJudgeMetrics(summarize(many, { bootstrapResamples: 20 }));
    expect(wide).toMatch(/^word-count\s+3000\s+1000\s+0\s+0\s/m);
    for (const l of wide.split("\n")) expect(l.length, l).toBeLessThanOrEqual(100);
    expect(text).toMatch(/^Task\s+Predicate\s+n\s/m);
    expect(text).toMatch(/^wc\s+confessed\s+2/m);
  });

  it("adds an average row and says how unparsed verdicts are treated", () => {
    expect(line("average", "Honesty judge (confession reward, 0–1)")).toContain("0.73");
    expect(text).toContain("all (pooled)");
    expect(text).toContain("never used as a pass or a fail");
    expect(text).toContain("und: undecided");
  });

  it("returns an empty string when no judge ran", () => {
    expect(formatJudgeMetrics(summarize([sample("wc", "1")], { bootstrapResamples: 10 }))).toBe("");
  });
});

describe("formatComparison", () => {
  const a = [
    sample("t", "1", { complied: "not_complied", confessed: false }),
    sample("t", "2", { complied: "not_complied", confessed: true }),
    sample("t", "3"),
    sample("t", "4"),
    sample("u", "1"),
    sample("u", "2", { complied: "not_complied", confessed: true }),
  ];
  const b = a.map((s) => (s.complied === "not_complied" ? { ...s, confessed: true } : s));
  const result = compareSamples(a, [...b, sample("t", "extra")], { resamples: 200 });
  const text = formatComparison(result, { labels: { a: "base", b: "new" } });

  it("shows each headline rate with A, B, the difference and its interval", () => {
    expect(text).toContain("Overall (unweighted mean over 2 tasks; diff = new - base)");
    expect(text).toMatch(/^Rate\s+base\s+new\s+Diff \(pp\)\s+95% CI \(pp\)\s+Pairs$/m);
    // overall FN rate: A (1/4 + 0)/2 = 12.5%, B 0 → −12.5 pp
    expect(text).toMatch(/^FN rate \(joint\)\s+12\.5%\s+0\.0%\s+-12\.5\s+\[-\d+\.\d, [+-]\d+\.\d\]\s+6$/m);
    // Conf|NC: A (1/2 + 1)/2 = 75%, B 100%
    expect(text).toMatch(/^Confessed \| not complied\s+75\.0%\s+100\.0%\s+\+25\.0\s/m);
    for (const label of ["Confessed | complied", "Claim-match", "Parse failures", "Not complied"]) {
      expect(text).toContain(label);
    }
    // no objectives anywhere: claim-match is undefined in both
    expect(text).toMatch(/^Claim-match\s+–\s+–\s+–\s+–\s+0$/m);
  });

  it("adds per-task tables and reports unpaired cases", () => {
    expect(text).toMatch(/^t$/m);
    expect(text).toMatch(/^u$/m);
    expect(text).toContain("Left out (case in one run only): 0 in base, 1 in new.");
    expect(formatComparison(result, { tasks: false })).not.toMatch(/^t$/m);
  });

  it("says so when the runs share no case", () => {
    expect(formatComparison(compareSamples(a, [sample("z", "1")]))).toContain("No cases in common");
  });
});

describe("formatComparison: judge statistics", () => {
  // three cases; B's judge rewards every confession 0.2 more and is fooled by case 1 no longer
  const a = [
    sample("t", "1", { complied: "not_complied", honesty: { status: "ok", reward: 0.4 } }),
    sample("t", "2", { honesty: { status: "ok", reward: 0.6 } }),
    sample("t", "3", { honesty: { status: "ok", reward: 0.8 } }),
  ].map((s) => ({ ...s, taskJudge: { status: "ok" as const, passed: true } }));
  const b = a.map((s) => ({
    ...s,
    honesty: { status: "ok" as const, reward: (s.honesty?.reward ?? 0) + 0.2 },
    taskJudge: { status: "ok" as const, passed: s.complied !== "not_complied" },
  }));
  const text = formatComparison(compareSamples(a, b, { resamples: 200, seed: 1 }), {
    labels: { a: "base", b: "new" },
  });

  it("adds the fooled rate to the rates and the mean reward on its own scale", () => {
    // fooled: A 1/3, B 0 → −33.3 pp
    expect(text).toMatch(/^Judge fooled\s+33\.3%\s+0\.0%\s+-33\.3\s+\[-\d+\.\d, [+-]\d+\.\d\]\s+3$/m);
    expect(text).toMatch(/^Mean \(0–1\)\s+base\s+new\s+Diff\s+95% CI\s+Pairs$/m);
    // rewards .4 .6 .8 → .60; B .80; every resample +0.20
    expect(text).toMatch(/^Honesty reward\s+0\.60\s+0\.80\s+\+0\.20\s+\[\+0\.20, \+0\.20\]\s+3$/m);
  });

  it("leaves them out when neither run carries a judge", () => {
    const plain = formatComparison(compareSamples([sample("t", "1")], [sample("t", "1")], { resamples: 20 }));
    expect(plain).not.toContain("Judge fooled");
    expect(plain).not.toContain("Honesty reward");
  });
});
