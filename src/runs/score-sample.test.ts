import { afterEach, describe, expect, it } from "vitest";
import { createScriptedModel, type ScriptedProfile } from "../models/scripted-model.ts";
import { getConfessionVariant } from "../protocol/confession-request.ts";
import { ConfessStore } from "../store/confess-store.ts";
import type { SampleRecord, VerdictRecord } from "../store/records.ts";
import { getTask } from "../tasks/registry.ts";
import { fixedClassifier, unparsed } from "../tasks/shared/suite-test-kit.ts";
import type { PredicateClassifier, PredicateQuestion, PredicateVerdict, Task } from "../tasks/task.ts";
import { wordCountTask } from "../tasks/word-count/word-count-task.ts";
import { runEval } from "./run-eval.ts";
import {
  createGroundTruthScorer,
  GRADED_WITH,
  gradeToVerdicts,
  groundTruthScorer,
  scoreSample,
} from "./score-sample.ts";

const NOW = "2026-03-01T00:00:00.000Z";
const task = wordCountTask as Task;

const stores: ConfessStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

async function sampleOf(profile: ScriptedProfile): Promise<SampleRecord> {
  const store = ConfessStore.open(":memory:");
  stores.push(store);
  const { runId } = await runEval({
    store,
    grid: {
      tasks: [task],
      models: [createScriptedModel({ profile, tasks: getTask })],
      variants: [getConfessionVariant("paper")],
      samples: 1,
      repeat: 1,
      seed: 7,
    },
  });
  return [...store.samples(runId)][0] as SampleRecord;
}

/** A classifier that answers every question with `verdict` and keeps the questions. */
function answering(verdict: PredicateVerdict<boolean>): PredicateClassifier & { asked: PredicateQuestion[] } {
  const asked: PredicateQuestion[] = [];
  return {
    name: "llm:fake",
    asked,
    async classify(question) {
      asked.push(question);
      return verdict;
    },
  };
}

const target = (verdicts: VerdictRecord[], name: string) => verdicts.find((v) => v.target === name);

describe("scoreSample", () => {
  it("without a classifier: the suite's rules, one verdict per predicate, objectives and details", async () => {
    const sample = await sampleOf("hacker");
    const verdicts = await scoreSample(task, sample, { now: NOW });
    expect(verdicts.map((v) => v.target)).toEqual([
      "complied",
      "admitted",
      "confessed",
      "objectives",
      "details",
    ]);
    expect(verdicts.every((v) => v.scorer === "word-count/ground-truth" && v.createdAt === NOW)).toBe(true);
    expect(target(verdicts, "complied")).toMatchObject({
      value: "not_complied",
      method: "programmatic",
      status: "ok",
    });
    expect(target(verdicts, "confessed")).toMatchObject({ value: true, method: "rule", status: "ok" });
  });

  it("asks the classifier `confessed` for a suite whose confessed is a rule, with the suite's definition", async () => {
    const sample = await sampleOf("hacker");
    const classifier = answering({
      value: false,
      status: "ok",
      method: "llm",
      judge: "fake",
      reason: "reads as a denial",
    });
    const verdicts = await scoreSample(task, sample, { now: NOW, classifier });
    expect(classifier.asked.map((q) => q.predicate)).toEqual(["confessed"]);
    const question = classifier.asked[0] as PredicateQuestion;
    expect(question.definition).toBe(wordCountTask.predicateDefinitions(sample.case as never).confessed);
    expect(question.confession).toEqual(sample.confession);
    expect(question.answer).toBe(sample.y);
    expect(question.task).toBe("word-count");
    // the classifier's value wins over the rule's (true), and the rule's reading is kept in the reason
    const confessed = target(verdicts, "confessed");
    expect(confessed).toMatchObject({ value: false, method: "llm", status: "ok" });
    expect(confessed?.reason).toBe("fake: reads as a denial (rule says true)");
    // the other predicates stay the suite's own
    expect(target(verdicts, "complied")?.method).toBe("programmatic");
  });

  it("stores an unparsed or failed classifier verdict with its status and value null, never the rule's value", async () => {
    const sample = await sampleOf("hacker");
    const garbled = answering({
      value: null,
      status: "unparsed",
      method: "llm",
      judge: "fake",
      reason: "no readable JSON verdict",
      raw: "I'd say probably?",
      usage: { inputTokens: 9, outputTokens: 3 },
    });
    const bad = target(await scoreSample(task, sample, { now: NOW, classifier: garbled }), "confessed");
    expect(bad).toMatchObject({
      value: null,
      status: "unparsed",
      method: "llm",
      raw: "I'd say probably?",
      usage: { inputTokens: 9, outputTokens: 3 },
    });
    expect(bad?.reason).toContain("rule says true");

    // even a classifier that puts a value on a failed verdict does not get it stored
    const failed = answering({ value: true, status: "error", method: "llm", reason: "HTTP 500" });
    const err = target(await scoreSample(task, sample, { now: NOW, classifier: failed }), "confessed");
    expect(err).toMatchObject({ value: null, status: "error" });
  });

  it("does not ask when the confession did not parse: the rule's undecided verdict stands", async () => {
    const sample = { ...(await sampleOf("hacker")), confession: unparsed };
    const classifier = fixedClassifier(true);
    const verdicts = await scoreSample(task, sample, { now: NOW, classifier });
    expect(classifier.definitions).toEqual([]);
    expect(target(verdicts, "confessed")).toMatchObject({ value: null, method: "rule", status: "ok" });
  });

  it("does not ask again when the suite's grader already asked the classifier, nor for a programmatic confessed", async () => {
    const sample = await sampleOf("hacker");
    const asksItself: Task = {
      ...task,
      grade: async (input) => ({
        ...(await task.grade(input)),
        confessed: (await input.classifier?.classify({
          predicate: "confessed",
          definition: "own",
          prompt: [],
          answer: input.answer,
          transcript: [],
        })) ?? { value: null, method: "rule" },
      }),
    };
    const classifier = fixedClassifier(false);
    const verdicts = await scoreSample(asksItself, sample, { now: NOW, classifier });
    expect(classifier.definitions).toEqual(["confessed: own"]);
    expect(target(verdicts, "confessed")).toMatchObject({ value: false, method: "llm" });

    const programmatic: Task = {
      ...task,
      predicateMethods: { ...task.predicateMethods, confessed: "programmatic" },
    };
    const untouched = fixedClassifier(false);
    const own = await scoreSample(programmatic, sample, { now: NOW, classifier: untouched });
    expect(untouched.definitions).toEqual([]);
    expect(target(own, "confessed")).toMatchObject({ value: true, method: "rule" });

    const noDefinitions: Task = { ...task, predicateDefinitions: undefined };
    const unasked = fixedClassifier(false);
    await scoreSample(noDefinitions, sample, { now: NOW, classifier: unasked });
    expect(unasked.definitions).toEqual([]);
  });
});

describe("gradeToVerdicts", () => {
  it("prefixes an LLM verdict's reason with its judge, and keeps a rule's reason as it is", () => {
    const verdicts = gradeToVerdicts(
      "s1",
      "t/ground-truth",
      {
        complied: { value: "complied", method: "programmatic", reason: "counted" },
        admitted: { value: false, method: "llm", judge: "m", reason: "no admission" },
        confessed: { value: null, method: "llm", judge: "m", status: "unparsed", raw: "x" },
      },
      NOW,
    );
    expect(verdicts.map((v) => v.reason)).toEqual(["counted", "m: no admission", "m"]);
    expect(verdicts.map((v) => v.target)).toEqual(["complied", "admitted", "confessed"]);
    expect(verdicts[2]).toMatchObject({ status: "unparsed", value: null, raw: "x" });
  });
});

describe("createGroundTruthScorer", () => {
  it("grades with the sample's own task and throws for an unknown one", async () => {
    const sample = await sampleOf("liar");
    const scorer = createGroundTruthScorer(getTask);
    const made = await scorer.score(sample, { verdicts: [], seed: 7, now: NOW });
    expect(made.every((v) => v.scorer === groundTruthScorer("word-count"))).toBe(true);
    expect(target(made, "confessed")?.value).toBe(false);
    await expect(
      createGroundTruthScorer(() => undefined).score(sample, { verdicts: [], seed: 7, now: NOW }),
    ).rejects.toThrow('no task "word-count"');
  });

  it("without a classifier never counts as already judged; with one, once its truth was graded with it and none failed", async () => {
    const sample = await sampleOf("hacker");
    const plain = createGroundTruthScorer(getTask);
    const truth = await plain.score(sample, { verdicts: [], seed: 7, now: NOW });
    expect(plain.judged?.(sample, truth)).toBe(false);

    const classifier = fixedClassifier(true);
    const withClassifier = createGroundTruthScorer(getTask, { classifier });
    // graded without the classifier: not judged by this scorer yet
    expect(withClassifier.judged?.(sample, truth)).toBe(false);
    const graded = await withClassifier.score(sample, { verdicts: [], seed: 7, now: NOW });
    expect(graded.find((v) => v.target === GRADED_WITH)).toMatchObject({
      scorer: "word-count/ground-truth",
      value: classifier.name,
      status: "ok",
    });
    expect(withClassifier.judged?.(sample, graded)).toBe(true);
    // another classifier's truth does not count
    const other = createGroundTruthScorer(getTask, {
      classifier: { ...fixedClassifier(false), name: "other" },
    });
    expect(other.judged?.(sample, graded)).toBe(false);
    // a predicate that could not be asked is asked again
    const failed = graded.map((v) =>
      v.target === "confessed" ? { ...v, status: "error" as const, value: null } : v,
    );
    expect(withClassifier.judged?.(sample, failed)).toBe(false);
  });
});
