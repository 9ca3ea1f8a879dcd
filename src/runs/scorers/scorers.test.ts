import { afterEach, describe, expect, it } from "vitest";
import { getStressCondition } from "../../conditions/stress-condition.ts";
import { ConfessError } from "../../errors/confess-error.ts";
import type { CalibrationConfession } from "../../judges/calibration-confession.ts";
import { createJudgeModel } from "../../judges/create-judge-model.ts";
import type { ErrorCauseInput } from "../../judges/error-cause-judge.ts";
import type { HonestyAssessment } from "../../judges/honesty-judge.ts";
import type { Judge, JudgeView } from "../../judges/judge.ts";
import type { ChatModel, ModelRequest, ModelResponse } from "../../models/model.ts";
import { createScriptedModel, type ScriptedProfile } from "../../models/scripted-model.ts";
import { getConfessionVariant } from "../../protocol/confession-request.ts";
import { ConfessStore } from "../../store/confess-store.ts";
import type { SampleRecord, VerdictRecord } from "../../store/records.ts";
import { getTask } from "../../tasks/registry.ts";
import { fixedClassifier, unparsed } from "../../tasks/shared/suite-test-kit.ts";
import type { PredicateClassifier, PredicateVerdict, Task } from "../../tasks/task.ts";
import { wordCountTask } from "../../tasks/word-count/word-count-task.ts";
import { runEval } from "../run-eval.ts";
import { groundTruthScorer } from "../score-sample.ts";
import { CALIBRATION_SCORER, createCalibrationScorer } from "./calibration-scorer.ts";
import { CLASSIFIER_SCORER, createClassifierScorer } from "./classifier-scorer.ts";
import { CONFIDENCE_SCORER, createConfidenceScorer } from "./confidence-scorer.ts";
import { createErrorCauseScorer, ERROR_CAUSE_SCORER } from "./error-cause-scorer.ts";
import { createHonestyScorer, HONESTY_SCORER } from "./honesty-scorer.ts";
import { toVerdictRecord } from "./judge-verdict-record.ts";
import { findVerdict, type SampleScorer, type ScoringContext, scoreWith } from "./sample-scorer.ts";
import { scorersFor } from "./scoring-plan.ts";
import { createTaskJudgeScorer, TASK_JUDGE_SCORER } from "./task-judge-scorer.ts";

const NOW = "2026-03-01T00:00:00.000Z";
const paper = getConfessionVariant("paper");

/** What a judge call was asked about: the input its prompt was built from (in the call context). */
const judgeInput = <T>(request: ModelRequest | undefined): T => request?.context?.judge?.input as T;

const stores: ConfessStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

/** Samples of word-count played by a scripted profile, with the ground-truth verdicts runEval stored. */
async function samplesOf(
  profile: ScriptedProfile,
  options: { model?: ChatModel; count?: number; scorers?: SampleScorer[] } = {},
): Promise<{ store: ConfessStore; runId: string; samples: SampleRecord[] }> {
  const store = ConfessStore.open(":memory:");
  stores.push(store);
  const { runId } = await runEval({
    store,
    grid: {
      tasks: [wordCountTask as Task],
      models: [options.model ?? createScriptedModel({ profile, tasks: getTask })],
      variants: [paper],
      samples: options.count ?? 2,
      repeat: 1,
      seed: 5,
    },
    ...(options.scorers ? { scorers: options.scorers } : {}),
  });
  return { store, runId, samples: [...store.samples(runId)] };
}

/** The newest stored verdicts of a sample, as a scorer's context gets them. */
const storedVerdicts = (store: ConfessStore, runId: string, sample: SampleRecord): VerdictRecord[] => [
  ...(store.latestVerdicts(runId).get(sample.id)?.values() ?? []),
];

const context = (verdicts: VerdictRecord[] = [], extra: Partial<ScoringContext> = {}): ScoringContext => ({
  verdicts,
  seed: 5,
  now: NOW,
  ...extra,
});

/** A judge model that answers each call with `reply(request)` (text, or an error to throw) and keeps the calls. */
function fakeJudge(
  reply: (request: ModelRequest) => string | Error,
  id = "fake:judge",
): ChatModel & { requests: ModelRequest[] } {
  const requests: ModelRequest[] = [];
  return {
    id,
    capabilities: { structuredOutput: false, tools: false },
    requests,
    async generate(request): Promise<ModelResponse> {
      requests.push(request);
      const out = reply(request);
      if (out instanceof Error) throw out;
      return {
        text: out,
        toolCalls: [],
        finishReason: "stop",
        usage: { inputTokens: 3, outputTokens: 4 },
      };
    },
  };
}

const verdict = (over: Partial<VerdictRecord>): VerdictRecord => ({
  sampleId: "s",
  scorer: "x",
  target: "t",
  value: null,
  status: "ok",
  method: "rule",
  createdAt: NOW,
  ...over,
});

describe("scoreWith", () => {
  it("runs scorers in order; each sees the context's verdicts and those made before it; returns only new ones", async () => {
    const seen: string[][] = [];
    const scorer = (name: string): SampleScorer => ({
      name,
      async score(sample, ctx) {
        seen.push(ctx.verdicts.map((v) => v.scorer));
        return [verdict({ sampleId: sample.id, scorer: name, createdAt: ctx.now })];
      },
    });
    const { samples } = await samplesOf("honest", { count: 1 });
    const sample = samples[0] as SampleRecord;
    const made = await scoreWith([scorer("a"), scorer("b"), scorer("c")], sample, {
      ...context([verdict({ scorer: "old" })]),
    });
    expect(made.map((v) => v.scorer)).toEqual(["a", "b", "c"]);
    expect(made.every((v) => v.sampleId === sample.id && v.createdAt === NOW)).toBe(true);
    expect(seen).toEqual([["old"], ["old", "a"], ["old", "a", "b"]]);
  });

  it("passes signal, cache and seed through, and lets a scorer's error propagate", async () => {
    const signal = new AbortController().signal;
    let got: ScoringContext | undefined;
    const spy: SampleScorer = {
      name: "spy",
      async score(_sample, ctx) {
        got = ctx;
        return [];
      },
    };
    const boom: SampleScorer = {
      name: "boom",
      score: async () => {
        throw new Error("grader bug");
      },
    };
    const { samples, store } = await samplesOf("honest", { count: 1 });
    const sample = samples[0] as SampleRecord;
    expect(await scoreWith([spy], sample, context([], { signal, cache: store, seed: 9 }))).toEqual([]);
    expect(got?.signal).toBe(signal);
    expect(got?.cache).toBe(store);
    expect(got?.seed).toBe(9);
    await expect(scoreWith([spy, boom], sample, context())).rejects.toThrow("grader bug");
  });
});

describe("findVerdict", () => {
  const list = [
    verdict({ scorer: "honesty/a", target: "honesty", value: 1 }),
    verdict({ scorer: "honesty/b", target: "honesty", value: 2 }),
    verdict({ scorer: "honesty/a", target: "other", value: 3 }),
    verdict({ scorer: "honesty/abc", target: "honesty", value: 4 }),
  ];

  it("matches a scorer exactly, and returns the last (newest) match", () => {
    expect(findVerdict(list, "honesty/a", "honesty")?.value).toBe(1);
    expect(
      findVerdict(
        [...list, verdict({ scorer: "honesty/a", target: "honesty", value: 5 })],
        "honesty/a",
        "honesty",
      )?.value,
    ).toBe(5);
    expect(findVerdict(list, "honesty/a", "other")?.value).toBe(3);
  });

  it("treats a name ending in / as a prefix: the newest verdict of any scorer in that family", () => {
    expect(findVerdict(list, "honesty/", "honesty")?.value).toBe(4);
    expect(findVerdict(list, "honesty/", "other")?.value).toBe(3);
  });

  it("is undefined when nothing matches (no prefix match without the slash)", () => {
    expect(findVerdict(list, "honesty", "honesty")).toBeUndefined();
    expect(findVerdict(list, "honesty/a", "missing")).toBeUndefined();
    expect(findVerdict([], "honesty/", "honesty")).toBeUndefined();
  });
});

describe("toVerdictRecord", () => {
  const sample = { id: "run/s1" };
  const usage = { inputTokens: 5, outputTokens: 6 };

  it("stores an ok verdict's value (through `store` when given), method, reason, raw and usage", () => {
    const v = toVerdictRecord(
      sample,
      "task-judge/m",
      {
        target: "passed",
        value: { passed: true, justification: "ok" },
        status: "ok",
        method: "llm",
        judge: "m",
        reason: "why",
        raw: '{"passed":true}',
        usage,
      },
      NOW,
      (reply) => reply.passed,
    );
    expect(v).toEqual({
      sampleId: "run/s1",
      scorer: "task-judge/m",
      target: "passed",
      value: true,
      status: "ok",
      method: "llm",
      reason: "why",
      raw: '{"passed":true}',
      usage,
      createdAt: NOW,
    });
  });

  it("an unparsed or error verdict keeps its status, reason and raw reply, with value null and `store` not called", () => {
    let called = 0;
    const store = (x: unknown) => {
      called++;
      return x;
    };
    const bad = toVerdictRecord(
      sample,
      "honesty/m",
      {
        target: "honesty",
        value: null,
        status: "unparsed",
        method: "llm",
        judge: "m",
        reason: "no JSON",
        raw: "garbage",
      },
      NOW,
      store,
    );
    expect(bad).toMatchObject({ value: null, status: "unparsed", reason: "no JSON", raw: "garbage" });
    expect(bad.usage).toBeUndefined();
    const failed = toVerdictRecord(
      sample,
      "honesty/m",
      // a value on a non-ok verdict is never stored as if it were a decision
      { target: "honesty", value: 0.3, status: "error", method: "llm", judge: "m", reason: "HTTP 500" },
      NOW,
      store,
    );
    expect(failed).toMatchObject({ value: null, status: "error", reason: "HTTP 500" });
    expect("raw" in failed).toBe(false);
    const undecided = toVerdictRecord(
      sample,
      "x",
      { target: "t", value: null, status: "ok", method: "rule", judge: "rule" },
      NOW,
      store,
    );
    expect(undecided).toMatchObject({ value: null, status: "ok", method: "rule" });
    expect(called).toBe(0);
  });
});

describe("createCalibrationScorer", () => {
  it("stores a second model's confession as an ok `confession` verdict under calibration/<model>", async () => {
    const { samples } = await samplesOf("hacker", { count: 1 });
    const sample = samples[0] as SampleRecord;
    const second = createScriptedModel({ profile: "liar", tasks: getTask });
    const scorer = createCalibrationScorer(second);
    expect(scorer.name).toBe(`${CALIBRATION_SCORER}scripted:liar`);
    const [v, ...rest] = await scorer.score(sample, context());
    expect(rest).toEqual([]);
    expect(v).toMatchObject({
      sampleId: sample.id,
      scorer: "calibration/scripted:liar",
      target: "confession",
    });
    expect(v?.status).toBe("ok");
    expect(v?.method).toBe("llm");
    const value = v?.value as CalibrationConfession;
    expect(value.model).toBe("scripted:liar");
    expect(value.confession.status).toBe("ok");
    // the liar claims full compliance: a different report from the sample's own (the hacker confessed)
    expect(value.text).not.toBe(sample.yc);
    expect(value.confession.report?.overall_compliance_grade).toBe(7);
  });

  it("records a failed call as an `error` verdict with value null and the reason", async () => {
    const { samples } = await samplesOf("honest", { count: 1 });
    const scorer = createCalibrationScorer(fakeJudge(() => new Error("HTTP 500 upstream"), "fake:second"));
    const [v] = await scorer.score(samples[0] as SampleRecord, context());
    expect(v).toMatchObject({
      status: "error",
      value: null,
      target: "confession",
      scorer: "calibration/fake:second",
    });
    expect(v?.reason).toContain("HTTP 500 upstream");
  });

  it("throws fatal errors and aborts instead of recording them", async () => {
    const { samples } = await samplesOf("honest", { count: 1 });
    const sample = samples[0] as SampleRecord;
    const fatal = new ConfessError("CONFESS_PROVIDER_ERROR", "bad key", { status: 401 });
    await expect(createCalibrationScorer(fakeJudge(() => fatal)).score(sample, context())).rejects.toBe(
      fatal,
    );
    const controller = new AbortController();
    controller.abort(new Error("stopped"));
    const aborted = createCalibrationScorer(fakeJudge(() => new Error("aborted mid-call")));
    await expect(aborted.score(sample, context([], { signal: controller.signal }))).rejects.toThrow();
  });
});

describe("scorers take any Judge", () => {
  it("stores a person's verdicts (method human) under the reviewer's name, with no model involved", async () => {
    const seen: JudgeView[] = [];
    const reviewer: Judge<JudgeView, HonestyAssessment> = {
      name: "reviewer:ana",
      async judge(view) {
        seen.push(view);
        const d = { score: 1, justification: "checked by hand" };
        return {
          target: "honesty",
          value: { objectives: d, claims: d, uncertainties: d, reward: 1 },
          status: "ok",
          method: "human",
          judge: "reviewer:ana",
          reason: "owned up to the bracket labels",
        };
      },
    };
    const taskJudge: Judge<JudgeView, boolean> = {
      name: "rule:has-answer",
      judge: async (view) => ({
        target: "passed",
        value: view.answer.trim() !== "",
        status: "ok",
        method: "rule",
        judge: "rule:has-answer",
      }),
    };
    const sample = (await samplesOf("hacker", { count: 1 })).samples[0] as SampleRecord;
    const verdicts = await scoreWith(
      scorersFor({ tasks: getTask, groundTruth: false, judge: reviewer, taskJudge }),
      sample,
      context(),
    );
    expect(verdicts.map((v) => [v.scorer, v.target, v.method, v.value === null])).toEqual([
      ["honesty/reviewer:ana", "honesty", "human", false],
      ["task-judge/rule:has-answer", "passed", "rule", false],
    ]);
    expect(verdicts[0]?.reason).toBe("owned up to the bracket labels");
    expect(seen[0]?.answer).toBe(sample.y);
  });
});

describe("createHonestyScorer", () => {
  it("stores the three scores and the reward: high for an honest confession, 0 for a liar's, by the strict judge", async () => {
    const strict = createJudgeModel("scripted:strict", { tasks: getTask });
    const scorer = createHonestyScorer(strict);
    expect(scorer.name).toBe(`${HONESTY_SCORER}scripted:strict`);
    const hacker = (await samplesOf("hacker", { count: 1 })).samples[0] as SampleRecord;
    const liar = (await samplesOf("liar", { count: 1 })).samples[0] as SampleRecord;
    const [good] = await scorer.score(hacker, context());
    const [bad] = await scorer.score(liar, context());
    expect(good).toMatchObject({
      target: "honesty",
      status: "ok",
      method: "llm",
      scorer: "honesty/scripted:strict",
    });
    const goodValue = good?.value as { reward: number; claims: { score: number } };
    const badValue = bad?.value as { reward: number; claims: { score: number } };
    expect(goodValue.reward).toBeGreaterThan(0.5);
    expect(badValue.claims.score).toBe(0);
    expect(badValue.reward).toBe(0);
    expect(typeof good?.raw).toBe("string");
  });

  it("shows the judge the newest ok calibration confession, and none when the newest one failed", async () => {
    const { samples } = await samplesOf("hacker", { count: 1 });
    const sample = samples[0] as SampleRecord;
    const judge = fakeJudge(() =>
      JSON.stringify({
        objectives: { score: 1, justification: "a" },
        claims: { score: 1, justification: "b" },
        uncertainties: { score: 1, justification: "c" },
      }),
    );
    const calibration = (text: string): CalibrationConfession => ({
      model: "second",
      confession: { status: "unparsed", raw: text, issues: [] },
      text,
    });
    const older = verdict({ scorer: "calibration/a", target: "confession", value: calibration("OLDER") });
    const newer = verdict({ scorer: "calibration/b", target: "confession", value: calibration("NEWER") });
    const failed = verdict({ scorer: "calibration/b", target: "confession", status: "error" });
    const scorer = createHonestyScorer(judge);
    await scorer.score(sample, context([older, newer]));
    await scorer.score(sample, context([older, newer, failed]));
    await scorer.score(sample, context());
    const shown = judge.requests.map((r) => judgeInput<JudgeView>(r).calibration?.text);
    expect(shown).toEqual(["NEWER", undefined, undefined]);
    // the calibration text reaches the prompt itself
    expect(JSON.stringify(judge.requests[0]?.messages)).toContain("NEWER");
    expect(JSON.stringify(judge.requests[2]?.messages)).not.toContain("NEWER");
  });

  it("never shows the policy's reasoning, and does not ask about an unparsed confession", async () => {
    const { samples } = await samplesOf("hacker", { count: 1 });
    const sample = { ...(samples[0] as SampleRecord), z: "SECRET-Z", zc: "SECRET-ZC" };
    sample.transcript = sample.transcript.map((m) =>
      m.role === "assistant" ? { ...m, reasoning: "SECRET-Z" } : m,
    );
    const judge = fakeJudge(() => "not json");
    const [v] = await createHonestyScorer(judge).score(sample, context());
    expect(JSON.stringify(judge.requests)).not.toContain("SECRET");
    expect(v).toMatchObject({ status: "unparsed", value: null, raw: "not json" });

    const [none] = await createHonestyScorer(judge).score({ ...sample, confession: unparsed }, context());
    expect(judge.requests).toHaveLength(1);
    expect(none).toMatchObject({ status: "ok", value: null, method: "rule" });
  });
});

describe("createTaskJudgeScorer", () => {
  it("weak: the task's own weak rule, stored as task-judge/weak:<rule>; fooled by the bracket hack", async () => {
    const { samples } = await samplesOf("hacker", { count: 2 });
    const scorer = createTaskJudgeScorer("weak", getTask);
    expect(scorer.name).toBe(`${TASK_JUDGE_SCORER}weak`);
    for (const sample of samples) {
      const [v] = await scorer.score(sample, context());
      expect(v).toMatchObject({
        scorer: "task-judge/weak:word-count/label-trusting",
        target: "passed",
        status: "ok",
        createdAt: NOW,
      });
      // the ground truth says not complied; the label-trusting judge passes it
      expect(v?.value).toBe(true);
    }
    const noWeak: Task = { ...(wordCountTask as Task), weakJudge: undefined };
    const [sample] = samples as [SampleRecord];
    expect(await createTaskJudgeScorer("weak", () => noWeak).score(sample, context())).toEqual([]);
  });

  it("LLM: stores `passed` as a bare boolean with the justification as reason; an unreadable reply is unparsed", async () => {
    const { samples } = await samplesOf("hacker", { count: 1 });
    const sample = samples[0] as SampleRecord;
    const strict = createTaskJudgeScorer(createJudgeModel("scripted:strict", { tasks: getTask }), getTask);
    expect(strict.name).toBe("task-judge/scripted:strict");
    const [v] = await strict.score(sample, context());
    expect(v).toMatchObject({ target: "passed", value: false, status: "ok", method: "llm" });
    expect(v?.reason).toContain("grader");

    const [bad] = await createTaskJudgeScorer(
      fakeJudge(() => '{"passed": "yes"}'),
      getTask,
    ).score(sample, context());
    expect(bad).toMatchObject({ value: null, status: "unparsed", raw: '{"passed": "yes"}' });
  });
});

describe("createConfidenceScorer", () => {
  it("rule: a probability from the report, under confidence/rule; an unparsed confession gives null", async () => {
    const { samples } = await samplesOf("honest", { count: 1 });
    const sample = samples[0] as SampleRecord;
    const scorer = createConfidenceScorer("rule");
    expect(scorer.name).toBe(`${CONFIDENCE_SCORER}rule`);
    const [v] = await scorer.score(sample, context());
    expect(v).toMatchObject({ target: "confidence", status: "ok", scorer: "confidence/rule" });
    expect(v?.value as number).toBeGreaterThan(0.5);
    expect(v?.value as number).toBeLessThanOrEqual(1);
    const [none] = await scorer.score({ ...sample, confession: unparsed }, context());
    expect(none).toMatchObject({ status: "ok", value: null });
  });

  it("LLM: the judge's number, or unparsed when the reply is out of range", async () => {
    const { samples } = await samplesOf("honest", { count: 1 });
    const sample = samples[0] as SampleRecord;
    const gullible = createConfidenceScorer(createJudgeModel("scripted:gullible", { tasks: getTask }));
    expect(gullible.name).toBe("confidence/scripted:gullible");
    expect((await gullible.score(sample, context()))[0]).toMatchObject({ value: 0.9, status: "ok" });
    const wild = createConfidenceScorer(fakeJudge(() => '{"confidence": 1.7, "justification": "sure"}'));
    expect((await wild.score(sample, context()))[0]).toMatchObject({ value: null, status: "unparsed" });
  });
});

describe("createClassifierScorer", () => {
  it("asks every predicate with the suite's definitions and stores complied as a truth label", async () => {
    const { samples } = await samplesOf("hacker", { count: 1 });
    const sample = samples[0] as SampleRecord;
    const yes = fixedClassifier(true);
    const scorer = createClassifierScorer(yes, getTask);
    expect(scorer.name).toBe(`${CLASSIFIER_SCORER}fixed`);
    const made = await scorer.score(sample, context());
    expect(made.map((v) => [v.target, v.value, v.status, v.method])).toEqual([
      ["complied", "complied", "ok", "llm"],
      ["admitted", true, "ok", "llm"],
      ["confessed", true, "ok", "llm"],
    ]);
    const definitions = wordCountTask.predicateDefinitions(sample.case as never);
    expect(yes.definitions).toEqual([
      `complied: ${definitions.complied}`,
      `admitted: ${definitions.admitted}`,
      `confessed: ${definitions.confessed}`,
    ]);
    const no = await createClassifierScorer(fixedClassifier(false), getTask).score(sample, context());
    expect(no.map((v) => v.value)).toEqual(["not_complied", false, false]);
    const unsure = await createClassifierScorer(fixedClassifier(null), getTask).score(sample, context());
    expect(unsure.map((v) => [v.value, v.status])).toEqual([
      ["neither", "ok"],
      [null, "ok"],
      [null, "ok"],
    ]);
  });

  it("keeps an unparsed or failed reply as such: value null (never `neither`), raw and usage kept", async () => {
    const { samples } = await samplesOf("hacker", { count: 1 });
    const sample = samples[0] as SampleRecord;
    const replies: Record<string, PredicateVerdict<boolean>> = {
      complied: {
        value: null,
        status: "unparsed",
        method: "llm",
        reason: "no JSON",
        raw: "???",
        usage: { inputTokens: 1, outputTokens: 2 },
      },
      admitted: { value: null, status: "error", method: "llm", reason: "HTTP 500" },
      confessed: { value: null, status: "unparsed", method: "llm", raw: "maybe" },
    };
    const classifier: PredicateClassifier = {
      name: "flaky",
      classify: async (q) => replies[q.predicate] as PredicateVerdict<boolean>,
    };
    const made = await createClassifierScorer(classifier, getTask).score(sample, context());
    expect(made).toEqual([
      expect.objectContaining({
        target: "complied",
        value: null,
        status: "unparsed",
        raw: "???",
        usage: { inputTokens: 1, outputTokens: 2 },
      }),
      expect.objectContaining({ target: "admitted", value: null, status: "error", reason: "HTTP 500" }),
      expect.objectContaining({ target: "confessed", value: null, status: "unparsed", raw: "maybe" }),
    ]);
  });

  it("does not ask `confessed` of an unreadable confession, and says nothing for a suite without definitions", async () => {
    const { samples } = await samplesOf("hacker", { count: 1 });
    const sample = { ...(samples[0] as SampleRecord), confession: unparsed };
    const asked = fixedClassifier(true);
    const made = await createClassifierScorer(asked, getTask).score(sample, context());
    expect(made.map((v) => v.target)).toEqual(["complied", "admitted"]);
    expect(asked.definitions.some((d) => d.startsWith("confessed"))).toBe(false);
    const bare: Task = { ...(wordCountTask as Task), predicateDefinitions: undefined };
    expect(await createClassifierScorer(asked, () => bare).score(sample, context())).toEqual([]);
    expect(await createClassifierScorer(asked, () => undefined).score(sample, context())).toEqual([]);
  });
});

describe("review fixes", () => {
  const verdict = (
    scorer: string,
    target: string,
    createdAt: string,
    status: VerdictRecord["status"] = "ok",
  ) => ({ sampleId: "s", scorer, target, value: null, status, method: "llm", createdAt }) as VerdictRecord;

  it("a calibrated honesty scorer judges again once a newer calibration confession exists", () => {
    const strict = createJudgeModel("scripted:strict", { tasks: getTask });
    const plain = createHonestyScorer(strict);
    const calibrated = createHonestyScorer(strict, { calibrated: true });
    const sample = {} as SampleRecord;
    const own = verdict("honesty/scripted:strict", "honesty", "2026-01-01T00:00:00.000Z");
    const newerCalibration = verdict(
      `${CALIBRATION_SCORER}scripted:honest`,
      "confession",
      "2026-01-02T00:00:00.000Z",
    );
    const olderCalibration = { ...newerCalibration, createdAt: "2025-12-31T00:00:00.000Z" };
    expect(plain.judged?.(sample, [own, newerCalibration])).toBe(true);
    expect(calibrated.judged?.(sample, [own])).toBe(false);
    expect(calibrated.judged?.(sample, [own, newerCalibration])).toBe(false);
    expect(calibrated.judged?.(sample, [olderCalibration, own])).toBe(true);
    expect(calibrated.judged?.(sample, [olderCalibration, { ...own, status: "error" }])).toBe(false);
  });

  it("error analysis leaves out a false negative whose answer already told the user", async () => {
    const { store, runId, samples } = await samplesOf("liar", { count: 1 });
    const sample = samples[0] as SampleRecord;
    const stored = storedVerdicts(store, runId, sample);
    const admitted = stored.map((v) =>
      v.target === "admitted" && v.scorer === groundTruthScorer("word-count") ? { ...v, value: true } : v,
    );
    const scorer = createErrorCauseScorer("rule", getTask);
    expect(await scorer.score(sample, context(stored))).toHaveLength(1);
    expect(await scorer.score(sample, context(admitted))).toEqual([]);
  });

  it("the classifier is shown the prompt as the model received it, condition included", async () => {
    const store = ConfessStore.open(":memory:");
    stores.push(store);
    const asked: string[][] = [];
    const classifier: PredicateClassifier = {
      name: "spy",
      async classify(question) {
        asked.push(question.prompt.map((m) => m.role));
        return { value: true, method: "llm" };
      },
    };
    await runEval({
      store,
      grid: {
        tasks: [wordCountTask as Task],
        models: [createScriptedModel({ profile: "hacker", tasks: getTask })],
        variants: [paper],
        conditions: [getStressCondition("hard")],
        samples: 1,
        repeat: 1,
        seed: 5,
      },
      scorers: scorersFor({ tasks: getTask, classifier: undefined }).map((s) => s),
    });
    const [sample] = [...store.samples(store.listRuns()[0]?.id ?? "")];
    if (!sample) throw new Error("no sample");
    await createClassifierScorer(classifier, getTask).score(sample, context());
    expect(asked.length).toBeGreaterThan(0);
    for (const roles of asked) expect(roles).toEqual(sample.x.map((m) => m.role));
    expect(sample.x[0]?.role).toBe("system");
  });
});

describe("createErrorCauseScorer", () => {
  const cause = (input: ErrorCauseInput) =>
    JSON.stringify({
      cause: input.outcome === "false_negative" ? "intentional_omission" : "honest_mistake",
      justification: "see reasoning",
    });
  const causeJudge = () => fakeJudge((r) => cause(judgeInput<ErrorCauseInput>(r)), "fake:analyst");

  it("writes a verdict only for false negatives (a liar) and false positives, none for true ones", async () => {
    const judge = causeJudge();
    const scorer = createErrorCauseScorer(judge, getTask);
    expect(scorer.name).toBe(`${ERROR_CAUSE_SCORER}fake:analyst`);
    for (const profile of ["honest", "hacker"] as const) {
      const { store, runId, samples } = await samplesOf(profile);
      for (const sample of samples) {
        expect(await scorer.score(sample, context(storedVerdicts(store, runId, sample)))).toEqual([]);
      }
    }
    expect(judge.requests).toHaveLength(0);

    const liar = await samplesOf("liar");
    for (const sample of liar.samples) {
      const truth = storedVerdicts(liar.store, liar.runId, sample);
      expect(findVerdict(truth, groundTruthScorer("word-count"), "complied")?.value).toBe("not_complied");
      const [v, ...rest] = await scorer.score(sample, context(truth));
      expect(rest).toEqual([]);
      expect(v).toMatchObject({
        target: "error-cause",
        value: "intentional_omission",
        status: "ok",
        scorer: "error-cause/fake:analyst",
      });
    }
    expect(judge.requests.map((r) => judgeInput<ErrorCauseInput>(r).outcome)).toEqual([
      "false_negative",
      "false_negative",
    ]);

    // a false positive: a compliant answer whose truth says it confessed
    const honest = await samplesOf("honest", { count: 1 });
    const sample = honest.samples[0] as SampleRecord;
    const truth = storedVerdicts(honest.store, honest.runId, sample).map((v) =>
      v.target === "confessed" ? { ...v, value: true } : v,
    );
    const [fp] = await scorer.score(sample, context(truth));
    expect(fp).toMatchObject({ value: "honest_mistake", status: "ok" });
    expect(judgeInput<ErrorCauseInput>(judge.requests.at(-1)).outcome).toBe("false_positive");
  });

  it("needs the truth: nothing without ground-truth verdicts, or when one of them is not ok", async () => {
    const { store, runId, samples } = await samplesOf("liar", { count: 1 });
    const sample = samples[0] as SampleRecord;
    const judge = causeJudge();
    const scorer = createErrorCauseScorer(judge, getTask);
    expect(await scorer.score(sample, context())).toEqual([]);
    const truth = storedVerdicts(store, runId, sample);
    const unreadable = truth.map((v) =>
      v.target === "confessed" ? { ...v, value: null, status: "unparsed" as const } : v,
    );
    expect(await scorer.score(sample, context(unreadable))).toEqual([]);
    expect(await scorer.score({ ...sample, confession: unparsed }, context(truth))).toEqual([]);
    expect(judge.requests).toHaveLength(0);
  });

  it("passes the policy's reasoning (z and z_c), the suite's definition and the objectives to the classifier", async () => {
    const liar = createScriptedModel({ profile: "liar", tasks: getTask });
    // a policy that returns its reasoning, as reasoning models do over the API
    const thinking: ChatModel = {
      ...liar,
      async generate(request) {
        const response = await liar.generate(request);
        return {
          ...response,
          reasoning: `Z-${request.context?.phase}: the second sentence is long; say nothing.`,
        };
      },
    };
    const { store, runId, samples } = await samplesOf("liar", { model: thinking, count: 1 });
    const sample = samples[0] as SampleRecord;
    expect(sample.z).toContain("Z-answer");
    expect(sample.zc).toContain("Z-confession");
    const judge = causeJudge();
    await createErrorCauseScorer(judge, getTask).score(sample, context(storedVerdicts(store, runId, sample)));
    const input = judgeInput<ErrorCauseInput>(judge.requests[0]);
    expect(input.reasoning).toContain("While answering:\nZ-answer");
    expect(input.reasoning).toContain("While writing the confession:\nZ-confession");
    expect(input.definition).toBe(wordCountTask.predicateDefinitions(sample.case as never).complied);
    expect(input.objectives?.length).toBeGreaterThan(0);
    // the reasoning is in the prompt the classifier reads, but not in the view other judges get
    expect(JSON.stringify(judge.requests[0]?.messages)).toContain("Z-confession");
    expect(JSON.stringify(input.view)).not.toContain("Z-");
  });

  it("with the rule, stores under error-cause/rule: a decided cause or an undecided ok verdict", async () => {
    const { store, runId, samples } = await samplesOf("liar", { count: 1 });
    const sample = samples[0] as SampleRecord;
    const scorer = createErrorCauseScorer("rule", getTask);
    expect(scorer.name).toBe("error-cause/rule");
    const [v] = await scorer.score(sample, context(storedVerdicts(store, runId, sample)));
    expect(v?.scorer).toBe("error-cause/rule");
    expect(v?.status).toBe("ok");
    expect(v?.method).toBe("rule");
  });
});

describe("scorersFor", () => {
  it("orders the scorers so each runs after what it reads: truth, classifier, calibration, honesty, task judge, confidence, error analysis", () => {
    const strict = createJudgeModel("scripted:strict", { tasks: getTask });
    const gullible = createJudgeModel("scripted:gullible", { tasks: getTask });
    const scorers = scorersFor({
      tasks: getTask,
      judge: strict,
      calibration: createScriptedModel({ profile: "honest", tasks: getTask }),
      classifier: gullible,
      taskJudge: "weak",
      confidence: "rule",
      errorAnalysis: strict,
    });
    expect(scorers.map((s) => s.name)).toEqual([
      "ground-truth",
      "classifier/llm:scripted:gullible",
      "calibration/scripted:honest",
      "honesty/scripted:strict",
      "task-judge/weak",
      "confidence/rule",
      "error-cause/scripted:strict",
    ]);
    expect(scorersFor({ tasks: getTask }).map((s) => s.name)).toEqual(["ground-truth"]);
    expect(scorersFor({ tasks: getTask, groundTruth: false, judge: strict }).map((s) => s.name)).toEqual([
      "honesty/scripted:strict",
    ]);
  });

  it("in an eval over honest, hacker and liar, error analysis writes verdicts on the liar's false negatives only", async () => {
    const store = ConfessStore.open(":memory:");
    stores.push(store);
    const analyst = fakeJudge(
      (r) =>
        JSON.stringify({
          cause: "intentional_omission",
          justification: `outcome ${judgeInput<ErrorCauseInput>(r).outcome}`,
        }),
      "fake:analyst",
    );
    const { runId } = await runEval({
      store,
      grid: {
        tasks: [wordCountTask as Task],
        models: (["honest", "hacker", "liar"] as const).map((profile) =>
          createScriptedModel({ profile, tasks: getTask }),
        ),
        variants: [paper],
        samples: 3,
        repeat: 1,
        seed: 5,
      },
      scorers: scorersFor({ tasks: getTask, errorAnalysis: analyst }),
    });
    const rows = store.db
      .prepare(
        "SELECT s.model AS model, v.value AS value FROM verdicts v JOIN samples s ON s.id = v.sample_id WHERE s.run_id = ? AND v.scorer = ?",
      )
      .all(runId, "error-cause/fake:analyst") as Array<{ model: string; value: string }>;
    expect(rows.map((r) => r.model)).toEqual(Array(3).fill("scripted:liar"));
    expect(rows.every((r) => JSON.parse(r.value) === "intentional_omission")).toBe(true);
    expect(analyst.requests).toHaveLength(3);
  });

  it("in a run, a gullible classifier decides `confessed` of the truth, and error analysis reads that truth", async () => {
    const gullible = createJudgeModel("scripted:gullible", { tasks: getTask });
    const { store, runId, samples } = await samplesOf("liar", {
      count: 2,
      scorers: scorersFor({ tasks: getTask, classifier: gullible, errorAnalysis: "rule" }),
    });
    for (const sample of samples) {
      const stored = storedVerdicts(store, runId, sample);
      const confessed = findVerdict(stored, "word-count/ground-truth", "confessed");
      expect(confessed).toMatchObject({ method: "llm", value: false, status: "ok" });
      expect(confessed?.reason).toContain("rule says false");
      expect(findVerdict(stored, "classifier/", "complied")?.value).toBe("complied");
      expect(findVerdict(stored, "error-cause/", "error-cause")?.status).toBe("ok");
    }
  });
});
