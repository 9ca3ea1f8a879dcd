import { afterEach, describe, expect, it } from "vitest";
import { ConfessError } from "../errors/confess-error.ts";
import type { CalibrationConfession } from "../judges/calibration-confession.ts";
import { createJudgeModel } from "../judges/create-judge-model.ts";
import type { JudgeView } from "../judges/judge.ts";
import type { ChatModel, ModelRequest, ModelResponse } from "../models/model.ts";
import { createScriptedModel, type ScriptedProfile } from "../models/scripted-model.ts";
import { getConfessionVariant } from "../protocol/confession-request.ts";
import { ConfessStore } from "../store/confess-store.ts";
import type { VerdictRecord } from "../store/records.ts";
import { getTask } from "../tasks/registry.ts";
import type { Task } from "../tasks/task.ts";
import { wordCountTask } from "../tasks/word-count/word-count-task.ts";
import { judgeRun } from "./judge-run.ts";
import { runEval } from "./run-eval.ts";
import { loadScoredSamples } from "./scored-samples.ts";
import { scorersFor } from "./scorers/scoring-plan.ts";

const SCORES = JSON.stringify({
  objectives: { score: 1, justification: "all listed" },
  claims: { score: 1, justification: "all right" },
  uncertainties: { score: 0.5, justification: "one missed" },
});

/** What a judge call was asked about: the input its prompt was built from (in the call context). */
const judgeInput = <T>(request: ModelRequest | undefined): T => request?.context?.judge?.input as T;

const stores: ConfessStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

/** A run of word-count played by `profile`, made with the ground truth only (no judges). */
async function plainRun(
  profile: ScriptedProfile = "hacker",
  samples = 3,
): Promise<{ store: ConfessStore; runId: string }> {
  const store = ConfessStore.open(":memory:");
  stores.push(store);
  const { runId } = await runEval({
    store,
    runId: "r1",
    grid: {
      tasks: [wordCountTask as Task],
      models: [createScriptedModel({ profile, tasks: getTask })],
      variants: [getConfessionVariant("paper")],
      samples,
      repeat: 1,
      seed: 13,
    },
  });
  return { store, runId };
}

type Row = Record<string, unknown>;
const allRows = (store: ConfessStore): Row[] =>
  store.db.prepare("SELECT * FROM verdicts ORDER BY id").all() as Row[];
const rowCount = (store: ConfessStore): number => allRows(store).length;
const sampleIds = (store: ConfessStore, runId: string) => [...store.samples(runId)].map((s) => s.id);

/** A judge model whose replies are decided per call (text, or an error to throw); keeps its calls. */
function fakeJudge(
  reply: (request: ModelRequest, call: number) => string | Error,
  id = "fake:judge",
): ChatModel & { requests: ModelRequest[] } {
  const requests: ModelRequest[] = [];
  return {
    id,
    capabilities: { structuredOutput: false, tools: false },
    requests,
    async generate(request): Promise<ModelResponse> {
      requests.push(request);
      const out = reply(request, requests.length);
      if (out instanceof Error) throw out;
      return { text: out, toolCalls: [], finishReason: "stop", usage: { inputTokens: 1, outputTokens: 1 } };
    },
  };
}

describe("judgeRun", () => {
  it("refuses an unknown run with CONFESS_NOT_FOUND", async () => {
    const { store } = await plainRun();
    const error = await judgeRun({ store, runId: "nope", scorers: [] }).catch((e: unknown) => e);
    expect(ConfessError.isInstance(error) && error.code).toBe("CONFESS_NOT_FOUND");
    expect((error as Error).message).toContain('"nope"');
  });

  it("appends honesty verdicts to a run made without judges; a second pass adds none; the truth rows stay identical", async () => {
    const { store, runId } = await plainRun("hacker", 3);
    const before = allRows(store);
    const countsBefore = sampleIds(store, runId).map((id) => store.verdictCount(id));
    expect(before.every((r) => r.scorer === "word-count/ground-truth")).toBe(true);

    const judge = createJudgeModel("scripted:strict", { tasks: getTask });
    const plan = { tasks: getTask, judge, groundTruth: false };
    const progress: number[] = [];
    const first = await judgeRun({
      store,
      runId,
      scorers: scorersFor(plan),
      onProgress: (p) => progress.push(p.done),
    });
    expect(first).toEqual({
      total: 3,
      skipped: 0,
      done: 3,
      failed: 0,
      verdicts: { ok: 3, unparsed: 0, error: 0 },
      // the scripted judge reports no prompt tokens, and its replies' words as output tokens
      usage: { inputTokens: 0, outputTokens: expect.any(Number) },
      interrupted: false,
    });
    expect(first.usage.outputTokens).toBeGreaterThan(0);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(3);
    expect(sampleIds(store, runId).map((id) => store.verdictCount(id))).toEqual(
      countsBefore.map((n) => n + 1),
    );
    const after = allRows(store);
    // the earlier rows are still there, unchanged, in front of the new ones
    expect(after.slice(0, before.length)).toEqual(before);
    const added = after.slice(before.length);
    expect(added.map((r) => [r.scorer, r.target, r.status])).toEqual(
      Array(3).fill(["honesty/scripted:strict", "honesty", "ok"]),
    );
    expect(loadScoredSamples(store, runId).every((s) => typeof s.honesty?.reward === "number")).toBe(true);

    const second = await judgeRun({ store, runId, scorers: scorersFor(plan) });
    expect(second).toMatchObject({
      total: 3,
      skipped: 3,
      done: 0,
      verdicts: { ok: 0, unparsed: 0, error: 0 },
    });
    expect(allRows(store)).toEqual(after);
  });

  it("`force` judges again: new verdicts are appended and the old ones kept", async () => {
    const { store, runId } = await plainRun("honest", 2);
    const judge = createJudgeModel("scripted:gullible", { tasks: getTask });
    const scorers = scorersFor({ tasks: getTask, judge, groundTruth: false });
    await judgeRun({ store, runId, scorers });
    const once = allRows(store);
    const forced = await judgeRun({ store, runId, scorers, force: true });
    expect(forced).toMatchObject({ done: 2, skipped: 0, verdicts: { ok: 2 } });
    const twice = allRows(store);
    expect(twice.slice(0, once.length)).toEqual(once);
    expect(twice.filter((r) => String(r.scorer).startsWith("honesty/"))).toHaveLength(4);
  });

  it("runs only the scorers that have not judged a sample yet", async () => {
    const { store, runId } = await plainRun("hacker", 2);
    const honesty = fakeJudge(() => SCORES, "fake:honesty");
    await judgeRun({
      store,
      runId,
      scorers: scorersFor({ tasks: getTask, judge: honesty, groundTruth: false }),
    });
    expect(honesty.requests).toHaveLength(2);
    const more = await judgeRun({
      store,
      runId,
      scorers: scorersFor({ tasks: getTask, judge: honesty, confidence: "rule", groundTruth: false }),
    });
    expect(more).toMatchObject({ done: 2, skipped: 0, verdicts: { ok: 2, unparsed: 0, error: 0 } });
    expect(honesty.requests).toHaveLength(2);
    const scorers = allRows(store).map((r) => String(r.scorer));
    expect(scorers.filter((s) => s === "honesty/fake:honesty")).toHaveLength(2);
    expect(scorers.filter((s) => s === "confidence/rule")).toHaveLength(2);
  });

  it("keeps an unparsed reply, but retries a judge call that failed (status error) on the next pass", async () => {
    const { store, runId } = await plainRun("hacker", 3);
    const [a, b, c] = sampleIds(store, runId) as [string, string, string];
    const caseOf = (r: ModelRequest) => judgeInput<JudgeView>(r).caseId;
    let broken = true;
    const judge = fakeJudge((request) => {
      if (caseOf(request) === "wc-0001") return "I would rather not say.";
      if (caseOf(request) === "wc-0002" && broken) return new Error("HTTP 503 upstream overloaded");
      return SCORES;
    });
    const scorers = scorersFor({ tasks: getTask, judge, groundTruth: false });
    const first = await judgeRun({ store, runId, scorers, concurrency: 1 });
    expect(first).toMatchObject({ done: 3, failed: 0, verdicts: { ok: 1, unparsed: 1, error: 1 } });
    const newest = (id: string) => store.latestVerdicts(runId).get(id)?.get("honesty/fake:judge#honesty");
    expect(newest(a)).toMatchObject({ status: "unparsed", value: null, raw: "I would rather not say." });
    expect(newest(b)).toMatchObject({ status: "error", value: null });
    expect(newest(b)?.reason).toContain("HTTP 503");
    expect(newest(c)?.status).toBe("ok");

    broken = false;
    const calls = judge.requests.length;
    const second = await judgeRun({ store, runId, scorers, concurrency: 1 });
    expect(second).toMatchObject({ done: 1, skipped: 2, verdicts: { ok: 1, unparsed: 0, error: 0 } });
    expect(judge.requests.slice(calls).map(caseOf)).toEqual(["wc-0002"]);
    expect(newest(b)?.status).toBe("ok");
    // the failed attempt is still on record
    expect(store.verdictCount(b)).toBe(store.verdictCount(c) + 1);
    const rows = allRows(store).filter((r) => r.sample_id === b && r.scorer === "honesty/fake:judge");
    expect(rows.map((r) => r.status)).toEqual(["error", "ok"]);
  });

  it("stops on a fatal error (401) and throws it; nothing more is judged", async () => {
    const { store, runId } = await plainRun("hacker", 3);
    const before = rowCount(store);
    const fatal = new ConfessError("CONFESS_PROVIDER_ERROR", "invalid API key", { status: 401 });
    const judge = fakeJudge(() => fatal);
    const scorers = scorersFor({ tasks: getTask, judge, groundTruth: false });
    await expect(judgeRun({ store, runId, scorers, concurrency: 1 })).rejects.toBe(fatal);
    expect(judge.requests).toHaveLength(1);
    expect(rowCount(store)).toBe(before);
  });

  it("counts a scorer that throws (not fatally) as failed, stores nothing for it, and goes on", async () => {
    const { store, runId } = await plainRun("hacker", 2);
    const before = rowCount(store);
    const result = await judgeRun({
      store,
      runId,
      // a ground truth that cannot find the task: a grader problem, not a judge reply
      scorers: scorersFor({ tasks: () => undefined }),
    });
    expect(result).toMatchObject({ total: 2, done: 0, failed: 2 });
    expect(result.lastError).toContain('no task "word-count"');
    expect(rowCount(store)).toBe(before);
  });

  it("stops taking samples when interrupted, keeps what was judged, and a later pass finishes the rest", async () => {
    const { store, runId } = await plainRun("hacker", 4);
    const controller = new AbortController();
    const judge = fakeJudge((request, call) => {
      if (call === 2) {
        controller.abort(new Error("Ctrl-C"));
        return request.signal?.reason as Error;
      }
      return SCORES;
    });
    const scorers = scorersFor({ tasks: getTask, judge, groundTruth: false });
    const stopped = await judgeRun({ store, runId, scorers, concurrency: 1, signal: controller.signal });
    expect(stopped).toMatchObject({ total: 4, done: 1, failed: 0, interrupted: true });
    const honestyRows = () => allRows(store).filter((r) => r.scorer === "honesty/fake:judge");
    expect(honestyRows()).toHaveLength(1);

    const rest = await judgeRun({ store, runId, scorers, concurrency: 1 });
    expect(rest).toMatchObject({ total: 4, done: 3, skipped: 1, interrupted: false });
    expect(honestyRows()).toHaveLength(4);
  });

  it("error analysis over a stored run reads the stored truth: verdicts only on the liar's false negatives", async () => {
    const liar = await plainRun("liar", 2);
    const judged = await judgeRun({
      store: liar.store,
      runId: liar.runId,
      scorers: scorersFor({ tasks: getTask, errorAnalysis: "rule", groundTruth: false }),
    });
    expect(judged).toMatchObject({ done: 2, verdicts: { ok: 2 } });
    expect(loadScoredSamples(liar.store, liar.runId).every((s) => s.errorCause?.status === "ok")).toBe(true);

    const honest = await plainRun("honest", 2);
    const none = await judgeRun({
      store: honest.store,
      runId: honest.runId,
      scorers: scorersFor({ tasks: getTask, errorAnalysis: "rule", groundTruth: false }),
    });
    // a true negative has nothing to explain: no verdict, and the sample counts as left alone
    expect(none).toMatchObject({ done: 0, skipped: 2, verdicts: { ok: 0, unparsed: 0, error: 0 } });
  });

  it("with a classifier, the ground truth is graded once with it; a second pass asks nothing again", async () => {
    const { store, runId } = await plainRun("hacker", 2);
    const classifier = fakeJudge(() => '{"value": true, "justification": "owned up"}', "fake:classifier");
    const scorers = () => scorersFor({ tasks: getTask, classifier });
    const first = await judgeRun({ store, runId, scorers: scorers(), cache: false });
    // per sample: the truth asks `confessed`; the classifier scorer asks `complied` and `admitted`, not
    // `confessed`, whose truth is the classifier's own answer
    expect(classifier.requests).toHaveLength(6);
    expect(first).toMatchObject({ done: 2, skipped: 0 });
    const rows = rowCount(store);
    const second = await judgeRun({ store, runId, scorers: scorers(), cache: false });
    expect(second).toMatchObject({ done: 0, skipped: 2 });
    expect(classifier.requests).toHaveLength(6);
    expect(rowCount(store)).toBe(rows);
    const truth = store.latestVerdicts(runId).get(sampleIds(store, runId)[0] as string);
    expect(truth?.get("word-count/ground-truth#confessed")).toMatchObject({ method: "llm", value: true });
  });

  it("retries a scorer when any one of its targets failed, e.g. one of the classifier's three questions", async () => {
    const { store, runId } = await plainRun("hacker", 1);
    let failing = true;
    const classifier = fakeJudge((request) => {
      const system = String(request.messages[0]?.content);
      if (failing && system.includes("Question: Did the assistant tell the user"))
        return new Error("HTTP 503");
      return '{"value": false, "justification": "no"}';
    }, "fake:classifier");
    const scorers = () => scorersFor({ tasks: getTask, classifier, groundTruth: false });
    const first = await judgeRun({ store, runId, scorers: scorers(), cache: false });
    expect(first.verdicts).toEqual({ ok: 2, unparsed: 0, error: 1 });
    failing = false;
    const second = await judgeRun({ store, runId, scorers: scorers(), cache: false });
    expect(second).toMatchObject({ done: 1, verdicts: { ok: 3, unparsed: 0, error: 0 } });
    const third = await judgeRun({ store, runId, scorers: scorers(), cache: false });
    expect(third).toMatchObject({ done: 0, skipped: 1 });
  });

  it("plain ground truth is graded again on every pass (it is asked for after a grader change)", async () => {
    const { store, runId } = await plainRun("hacker", 2);
    const rows = rowCount(store);
    const again = await judgeRun({ store, runId, scorers: scorersFor({ tasks: getTask }) });
    expect(again).toMatchObject({ done: 2, skipped: 0 });
    expect(rowCount(store)).toBe(rows * 2);
  });

  it("shows the honesty judge the newest stored calibration confession, by time, whichever scorer wrote it", async () => {
    const { store, runId } = await plainRun("hacker", 1);
    const [id] = sampleIds(store, runId) as [string];
    const calibration = (model: string, text: string): CalibrationConfession => ({
      model,
      confession: { status: "unparsed", raw: text, issues: [] },
      text,
    });
    const stored = (scorer: string, text: string, createdAt: string): VerdictRecord => ({
      sampleId: id,
      scorer,
      target: "confession",
      value: calibration(scorer, text),
      status: "ok",
      method: "llm",
      createdAt,
    });
    store.addVerdicts([
      stored("calibration/a", "A-OLD", "2026-01-01T00:00:00.000Z"),
      stored("calibration/b", "B-MIDDLE", "2026-01-02T00:00:00.000Z"),
      stored("calibration/a", "A-NEW", "2026-01-03T00:00:00.000Z"),
    ]);
    const judge = fakeJudge(() => SCORES);
    await judgeRun({ store, runId, scorers: scorersFor({ tasks: getTask, judge, groundTruth: false }) });
    expect(judgeInput<JudgeView>(judge.requests[0]).calibration?.text).toBe("A-NEW");
  });
});
