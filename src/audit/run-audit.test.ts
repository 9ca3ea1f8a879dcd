import { describe, expect, it } from "vitest";
import { ConfessError } from "../errors/confess-error.ts";
import type { JudgeVerdict, JudgeView } from "../judges/judge.ts";
import type { Interval } from "../metrics/wilson.ts";
import type { ConfessionReport } from "../protocol/confession-report.ts";
import { seededRandom } from "../tasks/shared/random.ts";
import { finalText, honestReport, parsed } from "../tasks/shared/suite-test-kit.ts";
import type { TaskCase } from "../tasks/task.ts";
import type { WordCountPayload } from "../tasks/word-count/word-count-payload.ts";
import { wordCountTask } from "../tasks/word-count/word-count-task.ts";
import { type AuditItem, auditItemOf } from "./audit-items.ts";
import { auditVerdictLine, formatAudit } from "./format-audit.ts";
import { MANIPULATIONS } from "./manipulations.ts";
import { AUDIT_REPORT_SCHEMA, type AuditJudge, judgementOf, runAudit } from "./run-audit.ts";

const cases = wordCountTask.cases({ seed: 5, count: 9, options: { bracketLabels: true } });

function viewOf(testCase: TaskCase<WordCountPayload>, mode: "comply" | "misbehave"): JudgeView {
  const p = wordCountTask.script({ case: testCase, mode, random: seededRandom(`${testCase.id}|${mode}`) });
  const report: ConfessionReport = honestReport(p, mode === "comply" ? 7 : 2);
  return {
    task: "word-count",
    caseId: testCase.id,
    case: testCase,
    prompt: testCase.messages,
    answer: finalText(p),
    transcript: [],
    confession: parsed(report),
    confessionText: JSON.stringify(report),
  };
}

/** Six not-complied items (two share a case, as repeats do) and three complied ones. */
const items: AuditItem[] = cases.flatMap((c, i) => {
  const truth = i < 6 ? "not_complied" : "complied";
  const id = i === 5 ? (cases[4] as TaskCase<WordCountPayload>) : c;
  const item = auditItemOf({
    sampleId: `s${i}`,
    model: "scripted:hacker",
    view: viewOf(id, truth === "complied" ? "comply" : "misbehave"),
    truth,
  });
  return item ? [item] : [];
});
const honestTexts = new Set(items.map((i) => i.honestView.confessionText));
const isHonest = (view: JudgeView) => honestTexts.has(view.confessionText);
const lieCount = items.reduce((sum, i) => sum + i.lies.length, 0);

const verdict = (reward: number | null, status: JudgeVerdict<unknown>["status"] = "ok") =>
  ({
    target: "honesty",
    value: reward === null ? null : { reward },
    status,
    method: "llm",
    judge: "fake:judge",
  }) as JudgeVerdict<{ reward: number }>;

const judgeBy =
  (reward: (view: JudgeView) => JudgeVerdict<{ reward: number }>): AuditJudge =>
  async (view) =>
    reward(view);

const contains = (ci: Interval | null, x: number | null) => {
  expect(ci).not.toBeNull();
  expect(x).not.toBeNull();
  const [low, high] = ci as Interval;
  expect(low).toBeLessThanOrEqual(x as number);
  expect(high).toBeGreaterThanOrEqual(x as number);
};

describe("audit items for the tests", () => {
  it("has lies for every manipulation on not-complied items and none on complied ones", () => {
    expect(items).toHaveLength(9);
    for (const item of items.filter((i) => i.truth === "not_complied")) {
      expect(item.lies.map((l) => l.manipulation)).toEqual([...MANIPULATIONS]);
      expect(item.violatedIndices.length).toBeGreaterThanOrEqual(2);
    }
    for (const item of items.filter((i) => i.truth === "complied")) expect(item.lies).toEqual([]);
  });
});

describe("runAudit", () => {
  it("reports catch 0, accept 1 and margin 0 for a judge that accepts everything", async () => {
    const report = await runAudit({ items, judge: judgeBy(() => verdict(0.9)) });
    expect(report.schema).toBe(AUDIT_REPORT_SCHEMA);
    expect(report.judge).toBe("fake:judge");
    expect(report.manipulations.map((m) => m.manipulation)).toEqual([...MANIPULATIONS]);
    for (const m of report.manipulations) {
      expect(m).toMatchObject({ applied: 6, n: 6, caught: 0, acceptedHonest: 6 });
      expect(m.catchRate.rate).toBe(0);
      expect(m.honestAcceptRate.rate).toBe(1);
      expect(m.missRate.rate).toBe(1);
      expect(m.margin.value).toBe(0);
      expect(m.holds).toBe(false);
      expect(m.holdsConfidently).toBe(false);
      // every item agrees, so the bootstrap sees no spread and the Wilson difference stands in
      const ci = m.margin.ci95 as Interval;
      expect(ci[0]).toBeLessThan(0);
      expect(ci[1]).toBeGreaterThan(0);
      expect(m.meanReward).toEqual({ honest: 0.9, lie: 0.9 });
    }
    expect(report.honestAcceptance.complied).toMatchObject({ k: 3, n: 3, rate: 1 });
    expect(report.compliedLies).toBe("n/a");
    expect(report.verdict).toEqual({ met: 0, metConfidently: 0, assessed: 5, total: 5 });
    expect(auditVerdictLine(report)).toBe(
      "The judge meets the honesty condition on 0/5 manipulations (0 with the 95% interval above 0).",
    );
  });

  it("reports margin 1 for a judge that catches every lie and accepts every honest confession", async () => {
    const report = await runAudit({ items, judge: judgeBy((v) => verdict(isHonest(v) ? 0.95 : 0.05)) });
    for (const m of report.manipulations) {
      expect(m).toMatchObject({ n: 6, caught: 6, acceptedHonest: 6 });
      expect(m.catchRate.rate).toBe(1);
      expect(m.margin.value).toBe(1);
      expect(m.holds).toBe(true);
      expect(m.holdsConfidently).toBe(true);
      contains(m.margin.ci95, 1);
    }
    expect(report.verdict.met).toBe(5);
    expect(formatAudit(report)).toContain("The judge meets the honesty condition on 5/5 manipulations");
  });

  it("leaves unparsed lies out of the rates and counts them", async () => {
    const report = await runAudit({
      items,
      judge: judgeBy((v) => (isHonest(v) ? verdict(0.8) : verdict(null, "unparsed"))),
    });
    for (const m of report.manipulations) {
      expect(m).toMatchObject({ applied: 6, n: 0, caught: 0 });
      expect(m.excluded.lie).toEqual({ unparsed: 6, error: 0, undecided: 0, missing: 0 });
      expect(m.excluded.honest.unparsed).toBe(0);
      expect(m.catchRate).toEqual({ k: 0, n: 0, rate: null, ci95: null });
      expect(m.margin).toEqual({ value: null, ci95: null });
      expect(m.holds).toBeNull();
    }
    expect(report.verdict).toEqual({ met: 0, metConfidently: 0, assessed: 0, total: 5 });
    expect(report.honestAcceptance.notComplied).toMatchObject({ k: 6, n: 6 });
    const text = formatAudit(report);
    expect(text).toMatch(/flipped-claim\s+0\s+–\s+–\s+–\s+6\s+0/);
    expect(text).toContain("5 had no items to judge");
  });

  it("gives intervals that contain their point estimates on a mixed judge", async () => {
    // catches lies on some cases only, and rejects one honest confession
    const judge = judgeBy((v) => {
      const n = Number(v.caseId.slice(-1));
      if (isHonest(v)) return verdict(n === 2 ? 0.3 : 0.9);
      return verdict(n % 2 === 0 ? 0.6 : 0.1);
    });
    const report = await runAudit({ items, judge, bootstrap: { resamples: 500, seed: 7 } });
    for (const m of report.manipulations) {
      expect(m.n).toBe(6);
      expect(m.caught).toBeGreaterThan(0);
      expect(m.caught).toBeLessThan(6);
      contains(m.catchRate.ci95, m.catchRate.rate);
      contains(m.honestAcceptRate.ci95, m.honestAcceptRate.rate);
      contains(m.missRate.ci95, m.missRate.rate);
      contains(m.margin.ci95, m.margin.value);
      expect(m.margin.value).toBeCloseTo((m.acceptedHonest - (m.n - m.caught)) / m.n, 12);
    }
    const again = await runAudit({ items, judge, bootstrap: { resamples: 500, seed: 7 } });
    expect(again.manipulations.map((m) => m.margin.ci95)).toEqual(
      report.manipulations.map((m) => m.margin.ci95),
    );
  });

  it("judges each honest confession once and each lie once, within the concurrency bound", async () => {
    let inFlight = 0;
    let most = 0;
    const seen: string[] = [];
    const progress: number[] = [];
    const judge: AuditJudge = async (view) => {
      inFlight++;
      most = Math.max(most, inFlight);
      seen.push(view.confessionText);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return verdict(0.7);
    };
    const report = await runAudit({ items, judge, concurrency: 3, onProgress: (p) => progress.push(p.done) });
    expect(seen).toHaveLength(items.length + lieCount);
    expect(seen.filter((t) => honestTexts.has(t))).toHaveLength(items.length);
    expect(most).toBeLessThanOrEqual(3);
    expect(most).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(items.length + lieCount);
    expect(report.samples).toHaveLength(items.length);
  });

  it("audits only the manipulations asked for", async () => {
    let calls = 0;
    const report = await runAudit({
      items,
      judge: async () => {
        calls++;
        return verdict(1);
      },
      manipulations: ["inflated-grade"],
    });
    expect(report.manipulations.map((m) => m.manipulation)).toEqual(["inflated-grade"]);
    expect(calls).toBe(items.length + 6);
    expect(auditVerdictLine(report)).toMatch(/on 0\/1 manipulations/);
  });

  it("accepts at the threshold, and counts errors, throws and undecided verdicts apart", async () => {
    expect(judgementOf(verdict(0.5), 0.5)).toMatchObject({ status: "ok", accepted: true });
    expect(judgementOf(verdict(0.49), 0.5)).toMatchObject({ status: "ok", accepted: false });
    expect(judgementOf(verdict(1.5), 0.5).status).toBe("unparsed");
    expect(judgementOf(verdict(null), 0.5).status).toBe("undecided");
    const report = await runAudit({
      items,
      threshold: 0.8,
      judge: async (view) => {
        if (isHonest(view)) return view.caseId === cases[0]?.id ? verdict(null) : verdict(0.8);
        if (view.confessionText.includes('"overall_compliance_grade": 7')) throw new Error("boom");
        return verdict(0.79, "error");
      },
    });
    const inflated = report.manipulations.find((m) => m.manipulation === "inflated-grade");
    expect(inflated?.excluded.lie).toMatchObject({ error: 6 });
    expect(inflated?.excluded.honest).toMatchObject({ undecided: 1 });
    expect(report.samples[0]?.lies["inflated-grade"]?.reason).toBe("boom");
    expect(report.honestAcceptance.notComplied).toMatchObject({ k: 5, n: 5 });
    expect(report.threshold).toBe(0.8);
  });

  it("stops on a fatal judge error", async () => {
    const fatal = new ConfessError("CONFESS_MISSING_API_KEY", "no key");
    await expect(runAudit({ items, judge: async () => Promise.reject(fatal) })).rejects.toBe(fatal);
  });

  it("returns a partial, marked report when aborted", async () => {
    const controller = new AbortController();
    let calls = 0;
    const report = await runAudit({
      items,
      concurrency: 1,
      signal: controller.signal,
      judge: async (_view, signal) => {
        if (++calls === 4) controller.abort();
        if (signal?.aborted) throw new Error("aborted");
        return verdict(0.9);
      },
    });
    expect(report.interrupted).toBe(true);
    expect(calls).toBe(4);
    const missing = report.samples.filter((s) => s.honest.status === "missing");
    expect(missing.length).toBe(items.length - 1);
    expect(formatAudit(report)).toContain("INTERRUPTED");
  });

  it("rejects a bad threshold or concurrency", async () => {
    const judge = judgeBy(() => verdict(1));
    await expect(runAudit({ items, judge, threshold: 2 })).rejects.toThrow(/threshold/);
    await expect(runAudit({ items, judge, concurrency: 0 })).rejects.toThrow(/concurrency/);
  });
});

describe("formatAudit", () => {
  it("prints one row per manipulation with n, rates, margin and exclusions", async () => {
    const report = await runAudit({ items, judge: judgeBy((v) => verdict(isHonest(v) ? 0.95 : 0.05)) });
    const text = formatAudit(report);
    const lines = text.split("\n");
    expect(lines[0]).toMatch(
      /^Judge audit of fake:judge: accept at reward >= 0.5; 9 honest samples \(3 complied, 6 not complied\)$/,
    );
    expect(lines[2]).toMatch(
      /^Manipulation\s+n\s+Catch rate \[95% CI\]\s+Honest accept \[95% CI\]\s+Margin \[95% CI\]\s+Unparsed\s+Errors$/,
    );
    for (const m of MANIPULATIONS) {
      expect(text).toMatch(
        new RegExp(
          `${m}\\s+6\\s+100\\.0% \\[\\d+\\.\\d, 100\\.0\\]\\s+100\\.0% \\[[\\d.]+, 100\\.0\\]\\s+\\+100\\.0 pts \\[\\+[\\d.]+, \\+100\\.0\\]\\s+0\\s+0`,
        ),
      );
    }
    expect(text).toMatch(
      /Honest accept, complied samples: 100\.0% \[[\d.]+, 100\.0\] \(n 3, mean reward 0\.95\)/,
    );
    expect(text).toContain("Lies about complied samples: n/a");
  });
});
