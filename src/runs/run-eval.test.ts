import { afterEach, describe, expect, it } from "vitest";
import { getStressCondition } from "../conditions/stress-condition.ts";
import { ConfessError } from "../errors/confess-error.ts";
import type { ChatModel, ModelRequest, ModelResponse } from "../models/model.ts";
import { createScriptedModel } from "../models/scripted-model.ts";
import { getConfessionVariant } from "../protocol/confession-request.ts";
import { ConfessStore } from "../store/confess-store.ts";
import { getTask } from "../tasks/registry.ts";
import type { SampleGrade, Task } from "../tasks/task.ts";
import { wordCountTask } from "../tasks/word-count/word-count-task.ts";
import { type EvalGrid, type EvalProgress, newRunId, runConfigOf, runEval } from "./run-eval.ts";

const paper = getConfessionVariant("paper");

const REPORT = JSON.stringify({
  compliance_analysis: [
    { objective: "Each sentence has its target length.", compliance: "fully_complied", analysis: "Counted." },
  ],
  uncertainties_and_conflicts: [],
  overall_compliance_grade: 7,
});

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface FakeOptions {
  id?: string;
  /** Throw this instead of answering. */
  fail?: (request: ModelRequest) => unknown;
  latencyMs?: number;
  onCall?: (request: ModelRequest, calls: number) => void;
}

/** A prompt-path model: a short answer, a valid report; records requests and the most calls in flight. */
function fakeModel(options: FakeOptions = {}): ChatModel & {
  calls: ModelRequest[];
  maxInFlight: () => number;
} {
  const calls: ModelRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    id: options.id ?? "fake:model",
    capabilities: { structuredOutput: false, tools: false },
    calls,
    maxInFlight: () => maxInFlight,
    async generate(request): Promise<ModelResponse> {
      calls.push(request);
      options.onCall?.(request, calls.length);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await delay(options.latencyMs ?? 0);
        if (request.signal?.aborted) throw request.signal.reason;
        const failure = options.fail?.(request);
        if (failure) throw failure;
        const text = request.context?.phase === "answer" ? "A short answer. Another sentence." : REPORT;
        return { text, toolCalls: [], finishReason: "stop", usage: { inputTokens: 1, outputTokens: 1 } };
      } finally {
        inFlight--;
      }
    },
  };
}

const grid = (overrides: Partial<EvalGrid> = {}): EvalGrid => ({
  tasks: [wordCountTask as Task],
  models: [fakeModel()],
  variants: [paper],
  samples: 3,
  repeat: 1,
  seed: 1,
  ...overrides,
});

const stores: ConfessStore[] = [];
function memoryStore(): ConfessStore {
  const store = ConfessStore.open(":memory:");
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

const count = (store: ConfessStore, sql: string): number =>
  Number((store.db.prepare(sql).get() as { n: number }).n);

const caseIdsCalled = (model: { calls: ModelRequest[] }, phase = "answer") =>
  model.calls.filter((c) => c.context?.phase === phase).map((c) => c.context?.caseId);

describe("runEval on the scripted grid", () => {
  const hackerGrid = () =>
    grid({
      models: [createScriptedModel({ profile: "hacker", tasks: getTask })],
      samples: 6,
      repeat: 2,
      seed: 11,
    });

  it("stores every sample of word-count × scripted:hacker × paper × 6 cases × 2 repeats, with verdicts", async () => {
    const store = memoryStore();
    const progress: EvalProgress[] = [];
    const result = await runEval({
      store,
      grid: hackerGrid(),
      runId: "r1",
      onProgress: (p) => progress.push(p),
    });
    expect(result).toEqual({
      runId: "r1",
      resumed: false,
      total: 12,
      skipped: 0,
      done: 12,
      failed: 0,
      // five ground-truth verdicts per sample (complied, admitted, confessed, objectives, details)
      verdicts: { ok: 60, unparsed: 0, error: 0 },
      interrupted: false,
    });
    expect(progress[0]).toEqual({ total: 12, skipped: 0, done: 0, failed: 0 });
    expect(progress.at(-1)).toMatchObject({ done: 12, failed: 0 });

    const samples = [...store.samples("r1")];
    expect(samples).toHaveLength(12);
    expect(new Set(samples.map((s) => s.key)).size).toBe(12);
    expect(new Set(samples.map((s) => s.caseId)).size).toBe(6);
    for (const s of samples) {
      expect(s.key).toBe(`word-count|${s.caseId}|scripted:hacker|paper|${s.repeatIndex}`);
      expect(s.id).toBe(`r1/${s.key}`);
      expect(s.x).toEqual(s.case.messages);
      expect(s.confessionPath).toBe("json-schema");
      expect(s.confession.status).toBe("ok");
      expect(store.turns(s.id).map((t) => t.phase)).toEqual(["answer", "confession"]);
    }
    expect(samples.filter((s) => s.repeatIndex === 0)).toHaveLength(6);
    // the repeat index reaches the model: the two samples of a case are different answers
    for (const s of samples.filter((x) => x.repeatIndex === 0)) {
      const other = samples.find((x) => x.caseId === s.caseId && x.repeatIndex === 1);
      expect(other?.y).toBeDefined();
      expect(other?.y).not.toBe(s.y);
    }

    // the hacker misses sentence lengths and confesses it; the ground truth sees both
    const verdicts = store.latestVerdicts("r1");
    expect(verdicts.size).toBe(12);
    for (const s of samples) {
      const v = verdicts.get(s.id);
      expect([...(v?.keys() ?? [])]).toEqual([
        "word-count/ground-truth#complied",
        "word-count/ground-truth#admitted",
        "word-count/ground-truth#confessed",
        "word-count/ground-truth#objectives",
        "word-count/ground-truth#details",
      ]);
      expect(v?.get("word-count/ground-truth#complied")?.value).toBe("not_complied");
      expect(v?.get("word-count/ground-truth#confessed")?.value).toBe(true);
    }
    expect(store.openErrors("r1")).toEqual([]);
    expect(store.getRun("r1")?.config).toEqual(runConfigOf(hackerGrid()));
  });

  it("runs stress conditions as a grid axis: the condition's system prompt leads x, keys name it", async () => {
    const store = memoryStore();
    const model = createScriptedModel({ profile: "hacker", tasks: getTask });
    const conditions = [getStressCondition("baseline"), getStressCondition("hard")];
    const result = await runEval({ store, grid: grid({ models: [model], conditions }), runId: "rc" });
    expect(result.done).toBe(6);
    const samples = [...store.samples("rc")];
    const hard = samples.filter((s) => s.condition === "hard");
    const baseline = samples.filter((s) => s.condition === "baseline");
    expect(hard).toHaveLength(3);
    expect(baseline).toHaveLength(3);
    for (const s of hard) {
      expect(s.key).toBe(`word-count|${s.caseId}|scripted:hacker|paper|0|hard`);
      expect(s.x[0]).toEqual({ role: "system", content: getStressCondition("hard").systemPrompt });
      // the case read back is the task's own prompt, without the condition
      expect(s.x.slice(1)).toEqual(s.case.messages);
      expect(s.case.messages[0]?.role).toBe("user");
    }
    for (const s of baseline) expect(s.x).toEqual(s.case.messages);
    expect(store.getRun("rc")?.config.conditions).toEqual(["baseline", "hard"]);
  });

  it("a second run with the same id adds nothing and reports every sample skipped", async () => {
    const store = memoryStore();
    await runEval({ store, grid: hackerGrid(), runId: "r1" });
    const verdictsBefore = count(store, "SELECT COUNT(*) AS n FROM verdicts");
    const model = fakeModel({ id: "scripted:hacker" });
    const again = await runEval({ store, grid: { ...hackerGrid(), models: [model] }, runId: "r1" });
    expect(again).toEqual({
      runId: "r1",
      resumed: true,
      total: 12,
      skipped: 12,
      done: 0,
      failed: 0,
      verdicts: { ok: 0, unparsed: 0, error: 0 },
      interrupted: false,
    });
    expect(model.calls).toHaveLength(0);
    expect(count(store, "SELECT COUNT(*) AS n FROM samples")).toBe(12);
    expect(count(store, "SELECT COUNT(*) AS n FROM verdicts")).toBe(verdictsBefore);
  });

  it("refuses to resume a run id with a different grid", async () => {
    const store = memoryStore();
    await runEval({ store, grid: grid({ samples: 1 }), runId: "r1" });
    await expect(
      runEval({ store, grid: grid({ samples: 1, repeat: 2 }), runId: "r1" }),
    ).rejects.toMatchObject({
      code: "CONFESS_RUN_CONFLICT",
    });
  });

  it("reuses cached responses in a new run, and writes no cache with cache: false", async () => {
    const store = memoryStore();
    const first = fakeModel();
    await runEval({ store, grid: grid({ models: [first] }), runId: "r1" });
    expect(first.calls).toHaveLength(6);
    expect(count(store, "SELECT COUNT(*) AS n FROM response_cache")).toBe(6);

    const second = fakeModel();
    const result = await runEval({ store, grid: grid({ models: [second] }), runId: "r2" });
    expect(result.done).toBe(3);
    expect(second.calls).toHaveLength(0);
    expect(
      count(
        store,
        "SELECT COUNT(*) AS n FROM turns t JOIN samples s ON s.id = t.sample_id WHERE s.run_id = 'r2' AND t.cached = 1",
      ),
    ).toBe(6);

    const uncached = memoryStore();
    const third = fakeModel();
    await runEval({ store: uncached, grid: grid({ models: [third] }), runId: "r3", cache: false });
    expect(third.calls).toHaveLength(6);
    expect(count(uncached, "SELECT COUNT(*) AS n FROM response_cache")).toBe(0);
  });

  it("makes a fresh sortable run id when none is given", async () => {
    expect(newRunId(new Date("2026-11-23T23:15:01.000Z"))).toMatch(/^run-20261123-231501-[0-9a-f]{4}$/);
    const store = memoryStore();
    const result = await runEval({ store, grid: grid({ samples: 1 }) });
    expect(result.runId).toMatch(/^run-\d{8}-\d{6}-[0-9a-f]{4}$/);
    expect(store.finishedKeys(result.runId).size).toBe(1);
  });
});

describe("runEval failures and resume", () => {
  const rateLimited = () =>
    new ConfessError("CONFESS_PROVIDER_ERROR", "rate limited", { retryable: true, status: 429 });

  it("records failed samples as errors, and a resume finishes exactly them", async () => {
    const store = memoryStore();
    const flaky = fakeModel({
      fail: (r) =>
        r.context?.caseId === "wc-0002" || r.context?.caseId === "wc-0004" ? rateLimited() : undefined,
    });
    const progress: EvalProgress[] = [];
    const result = await runEval({
      store,
      grid: grid({ models: [flaky], samples: 5 }),
      runId: "r1",
      onProgress: (p) => progress.push(p),
    });
    expect(result).toMatchObject({ total: 5, done: 3, failed: 2, skipped: 0, interrupted: false });
    expect(progress.at(-1)).toMatchObject({ failed: 2, lastError: "rate limited" });
    expect([...store.finishedKeys("r1")].sort()).toEqual([
      "word-count|wc-0001|fake:model|paper|0",
      "word-count|wc-0003|fake:model|paper|0",
      "word-count|wc-0005|fake:model|paper|0",
    ]);
    const errors = store.openErrors("r1");
    expect(errors.map((e) => [e.caseId, e.code, e.message])).toEqual(
      expect.arrayContaining([
        ["wc-0002", "CONFESS_PROVIDER_ERROR", "rate limited"],
        ["wc-0004", "CONFESS_PROVIDER_ERROR", "rate limited"],
      ]),
    );
    expect(errors).toHaveLength(2);

    const working = fakeModel();
    const resumed = await runEval({ store, grid: grid({ models: [working], samples: 5 }), runId: "r1" });
    expect(resumed).toMatchObject({ resumed: true, total: 5, skipped: 3, done: 2, failed: 0 });
    expect(caseIdsCalled(working).sort()).toEqual(["wc-0002", "wc-0004"]);
    expect(store.finishedKeys("r1").size).toBe(5);
    expect(store.openErrors("r1")).toEqual([]);
  });

  it("records a plain Error as a provider error", async () => {
    const store = memoryStore();
    const broken = fakeModel({
      fail: (r) => (r.context?.phase === "confession" ? new Error("socket hang up") : undefined),
    });
    const result = await runEval({ store, grid: grid({ models: [broken], samples: 2 }), runId: "r1" });
    expect(result).toMatchObject({ done: 0, failed: 2 });
    expect(store.openErrors("r1").map((e) => [e.code, e.message])).toEqual([
      ["CONFESS_PROVIDER_ERROR", "socket hang up"],
      ["CONFESS_PROVIDER_ERROR", "socket hang up"],
    ]);
  });

  it("stops at a fatal error (401), keeps what finished, and throws it", async () => {
    const store = memoryStore();
    const unauthorized = new ConfessError("CONFESS_PROVIDER_ERROR", "invalid api key", { status: 401 });
    const model = fakeModel({ fail: (r) => (r.context?.caseId === "wc-0004" ? unauthorized : undefined) });
    await expect(
      runEval({ store, grid: grid({ models: [model], samples: 10 }), runId: "r1", concurrency: 1 }),
    ).rejects.toBe(unauthorized);
    expect(caseIdsCalled(model)).toEqual(["wc-0001", "wc-0002", "wc-0003", "wc-0004"]);
    expect(store.finishedKeys("r1").size).toBe(3);
    // a fatal error is not a per-sample failure
    expect(store.openErrors("r1")).toEqual([]);
  });

  it("stops every lane at a fatal error instead of failing each sample", async () => {
    const store = memoryStore();
    const model = fakeModel({
      latencyMs: 2,
      fail: () => new ConfessError("CONFESS_MISSING_API_KEY", "set OPENAI_API_KEY"),
    });
    await expect(
      runEval({ store, grid: grid({ models: [model], samples: 40 }), runId: "r1", concurrency: 4 }),
    ).rejects.toMatchObject({ code: "CONFESS_MISSING_API_KEY" });
    expect(model.calls.length).toBeLessThanOrEqual(4);
    expect(store.openErrors("r1")).toEqual([]);
    expect(store.finishedKeys("r1").size).toBe(0);
  });

  it("returns interrupted when the signal aborts, storing only finished samples; resume completes", async () => {
    const store = memoryStore();
    const controller = new AbortController();
    const model = fakeModel({
      latencyMs: 2,
      onCall: (_request, calls) => {
        if (calls === 7) controller.abort();
      },
    });
    const result = await runEval({
      store,
      grid: grid({ models: [model], samples: 10 }),
      runId: "r1",
      concurrency: 2,
      signal: controller.signal,
    });
    expect(result.interrupted).toBe(true);
    expect(result.failed).toBe(0);
    expect(result.done).toBeGreaterThanOrEqual(2);
    expect(result.done).toBeLessThan(10);
    // nothing new started after the abort
    expect(model.calls.length).toBeLessThanOrEqual(8);
    const stored = store.finishedKeys("r1");
    expect(stored.size).toBe(result.done);
    expect(store.openErrors("r1")).toEqual([]);
    for (const s of store.samples("r1")) expect(store.turns(s.id)).toHaveLength(2);

    const after = fakeModel();
    const resumed = await runEval({ store, grid: grid({ models: [after], samples: 10 }), runId: "r1" });
    expect(resumed).toMatchObject({ interrupted: false, skipped: result.done, done: 10 - result.done });
    expect(store.finishedKeys("r1").size).toBe(10);
  });

  it("records a grader that throws as CONFESS_SCORING_ERROR; a resume re-scores from the cache", async () => {
    let broken = true;
    const grade = (): SampleGrade => {
      if (broken) throw new Error("grader bug");
      return {
        complied: { value: "complied", method: "programmatic" },
        admitted: { value: false, method: "rule" },
        confessed: { value: false, method: "rule" },
      };
    };
    const task: Task = {
      ...(wordCountTask as Task),
      grade: (input) => (input.case.id === "wc-0002" ? grade() : wordCountTask.grade(input as never)),
    };
    const store = memoryStore();
    const model = fakeModel();
    const result = await runEval({ store, grid: grid({ tasks: [task], models: [model] }), runId: "r1" });
    expect(result).toMatchObject({ done: 2, failed: 1 });
    const [error] = store.openErrors("r1");
    expect(error).toMatchObject({
      caseId: "wc-0002",
      code: "CONFESS_SCORING_ERROR",
      message: "scoring failed: grader bug",
    });
    expect(store.finishedKeys("r1").size).toBe(2);

    broken = false;
    const resumed = await runEval({ store, grid: grid({ tasks: [task], models: [model] }), runId: "r1" });
    expect(resumed).toMatchObject({ done: 1, failed: 0, skipped: 2 });
    expect(model.calls).toHaveLength(6); // the resumed sample came from the cache
    expect(store.openErrors("r1")).toEqual([]);
    const sample = store.getSample("r1/word-count|wc-0002|fake:model|paper|0");
    expect(sample?.turns.every((t) => t.cached)).toBe(true);
  });
});

describe("runEval store failures", () => {
  it("records a sample the store cannot write as CONFESS_STORE_ERROR, and writes the others", async () => {
    // a task plugin bug: a payload JSON cannot hold
    const task: Task = {
      ...(wordCountTask as Task),
      cases: (request) =>
        wordCountTask
          .cases(request)
          .map((c) => (c.id === "wc-0002" ? { ...c, payload: { ...c.payload, id: BigInt(2) } } : c)),
    };
    const store = memoryStore();
    const result = await runEval({ store, grid: grid({ tasks: [task] }), runId: "r1" });
    expect(result).toMatchObject({ done: 2, failed: 1 });
    expect(store.finishedKeys("r1").size).toBe(2);
    const [error] = store.openErrors("r1");
    expect(error?.caseId).toBe("wc-0002");
    expect(error?.code).toBe("CONFESS_STORE_ERROR");
    expect(error?.message).toMatch(/BigInt/);
  });
});

describe("runEval concurrency", () => {
  it.each([1, 3, 5])("keeps at most %i samples in flight, and uses them", async (concurrency) => {
    const store = memoryStore();
    const model = fakeModel({ latencyMs: 3 });
    const result = await runEval({
      store,
      grid: grid({ models: [model], samples: 12 }),
      runId: "r1",
      concurrency,
      cache: false,
    });
    expect(result.done).toBe(12);
    expect(model.maxInFlight()).toBe(concurrency);
  });

  it("defaults to 16", async () => {
    const store = memoryStore();
    const model = fakeModel({ latencyMs: 3 });
    await runEval({ store, grid: grid({ models: [model], samples: 20 }), runId: "r1", cache: false });
    expect(model.maxInFlight()).toBe(16);
  });
});
