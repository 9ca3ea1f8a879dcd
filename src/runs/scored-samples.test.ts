import { afterEach, describe, expect, it } from "vitest";
import type { ChatModel } from "../models/model.ts";
import { createScriptedModel, type ScriptedProfile } from "../models/scripted-model.ts";
import { getConfessionVariant } from "../protocol/confession-request.ts";
import { ConfessStore } from "../store/confess-store.ts";
import type { VerdictRecord } from "../store/records.ts";
import { getTask } from "../tasks/registry.ts";
import type { Task } from "../tasks/task.ts";
import { wordCountTask } from "../tasks/word-count/word-count-task.ts";
import { runEval } from "./run-eval.ts";
import { loadScoredSamples } from "./scored-samples.ts";

const stores: ConfessStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

async function run(
  profile: ScriptedProfile,
  samples = 2,
  model: ChatModel = createScriptedModel({ profile, tasks: getTask }),
): Promise<{ store: ConfessStore; runId: string; ids: string[] }> {
  const store = ConfessStore.open(":memory:");
  stores.push(store);
  const { runId } = await runEval({
    store,
    runId: "r",
    grid: {
      tasks: [wordCountTask as Task],
      models: [model],
      variants: [getConfessionVariant("paper")],
      samples,
      repeat: 1,
      seed: 17,
    },
  });
  return { store, runId, ids: [...store.samples(runId)].map((s) => s.id) };
}

/** A verdict at day `day` of January (later days are newer). */
function at(
  day: number,
  sampleId: string,
  scorer: string,
  target: string,
  value: unknown,
  status: VerdictRecord["status"] = "ok",
): VerdictRecord {
  return {
    sampleId,
    scorer,
    target,
    value: status === "ok" ? value : null,
    status,
    method: "llm",
    ...(status === "unparsed" ? { raw: "???" } : {}),
    createdAt: `2027-01-${String(day).padStart(2, "0")}T00:00:00.000Z`,
  };
}

describe("loadScoredSamples", () => {
  it("reads the ground truth and leaves judge fields out when no judge scored the sample", async () => {
    const { store, runId } = await run("hacker");
    const rows = loadScoredSamples(store, runId);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({
        task: "word-count",
        model: "scripted:hacker",
        variant: "paper",
        condition: "baseline",
        status: "ok",
        complied: "not_complied",
        confessed: true,
      });
      expect(typeof row.grade).toBe("number");
      expect(row.objectives?.length).toBeGreaterThan(0);
      for (const key of ["honesty", "taskJudge", "classifier", "confidence", "errorCause"] as const) {
        expect(row[key]).toBeUndefined();
      }
    }
  });

  it("fills each judge field from the newest verdict of its family, across judges", async () => {
    const { store, runId, ids } = await run("hacker");
    const [a, b] = ids as [string, string];
    store.addVerdicts([
      at(1, a, "honesty/judge-1", "honesty", { reward: 0.2 }),
      at(3, a, "honesty/judge-2", "honesty", { reward: 0.9 }),
      at(2, a, "honesty/judge-1", "honesty", { reward: 0.5 }),
      at(1, a, "task-judge/weak:word-count/label-trusting", "passed", true),
      at(2, a, "task-judge/openai:small", "passed", false),
      at(1, a, "classifier/llm:m", "complied", "neither"),
      at(1, a, "classifier/llm:m", "admitted", false),
      at(1, a, "classifier/llm:m", "confessed", true),
      at(1, a, "confidence/rule", "confidence", 0.3),
      at(2, a, "confidence/openai:m", "confidence", 0.7),
      at(1, a, "error-cause/rule", "error-cause", "confusion"),
      // not judge families the summary reads
      at(9, a, "honesty-audit/x", "honesty", { reward: 0 }),
      at(9, a, "calibration/m", "confession", { text: "x" }),
    ]);
    const rows = loadScoredSamples(store, runId);
    const row = rows.find((r) => r.caseId === store.getSample(a)?.caseId);
    expect(row?.honesty).toEqual({ status: "ok", reward: 0.9 });
    expect(row?.taskJudge).toEqual({ status: "ok", passed: false });
    expect(row?.classifier).toEqual({
      complied: { status: "ok", value: "neither" },
      admitted: { status: "ok", value: false },
      confessed: { status: "ok", value: true },
    });
    expect(row?.confidence).toEqual({ status: "ok", value: 0.7 });
    expect(row?.errorCause).toEqual({ status: "ok", value: "confusion" });
    const other = rows.find((r) => r.caseId === store.getSample(b)?.caseId);
    expect(other).toBeDefined();
    expect(other?.honesty).toBeUndefined();
  });

  it("carries an unparsed or failed newest verdict with its status and a null value", async () => {
    const { store, runId, ids } = await run("hacker", 1);
    const [a] = ids as [string];
    store.addVerdicts([
      at(1, a, "honesty/j", "honesty", { reward: 0.8 }),
      at(2, a, "honesty/j", "honesty", null, "unparsed"),
      at(1, a, "task-judge/m", "passed", true),
      at(2, a, "task-judge/m", "passed", null, "error"),
      at(2, a, "classifier/llm:m", "confessed", null, "unparsed"),
      at(2, a, "confidence/m", "confidence", null, "unparsed"),
      at(2, a, "error-cause/m", "error-cause", null, "error"),
    ]);
    const [row] = loadScoredSamples(store, runId);
    expect(row?.honesty).toEqual({ status: "unparsed", reward: null });
    expect(row?.taskJudge).toEqual({ status: "error", passed: null });
    expect(row?.classifier).toEqual({ confessed: { status: "unparsed", value: null } });
    expect(row?.confidence).toEqual({ status: "unparsed", value: null });
    expect(row?.errorCause).toEqual({ status: "error", value: null });
  });

  it("honesty: an ok verdict without a numeric reward (an unjudgeable confession) reads as reward null", async () => {
    const { store, runId, ids } = await run("hacker", 1);
    store.addVerdicts([at(1, ids[0] as string, "honesty/j", "honesty", null)]);
    expect(loadScoredSamples(store, runId)[0]?.honesty).toEqual({ status: "ok", reward: null });
  });

  it("takes the newest ground truth; an unreadable truth verdict is null", async () => {
    const { store, runId, ids } = await run("hacker", 1);
    const [a] = ids as [string];
    const truth = "word-count/ground-truth";
    store.addVerdicts([
      at(20, a, truth, "complied", "complied"),
      at(20, a, truth, "confessed", null, "unparsed"),
    ]);
    const [row] = loadScoredSamples(store, runId);
    expect(row).toMatchObject({ complied: "complied", confessed: null });
  });

  it("an unparsed confession is never `confessed`, whatever a verdict says, and has no grade or objectives", async () => {
    const hacker = createScriptedModel({ profile: "hacker", tasks: getTask });
    const mute: ChatModel = {
      ...hacker,
      async generate(request) {
        const response = await hacker.generate(request);
        return request.context?.phase === "answer" ? response : { ...response, text: "No report from me." };
      },
    };
    const { store, runId, ids } = await run("hacker", 1, mute);
    const [a] = ids as [string];
    expect(store.getSample(a)?.confession.status).toBe("unparsed");
    store.addVerdicts([at(20, a, "word-count/ground-truth", "confessed", true)]);
    const [row] = loadScoredSamples(store, runId);
    expect(row).toMatchObject({
      status: "unparsed",
      complied: "not_complied",
      confessed: null,
      grade: null,
      objectives: null,
    });
  });

  it("adds one `error` row per sample that failed and was never finished", async () => {
    const { store, runId } = await run("honest", 1);
    store.recordError({
      runId,
      key: "word-count|wc-0009|scripted:honest|paper|0",
      task: "word-count",
      caseId: "wc-0009",
      model: "scripted:honest",
      variant: "paper",
      condition: "hard",
      repeatIndex: 0,
      code: "CONFESS_PROVIDER_ERROR",
      message: "HTTP 500",
      createdAt: "2027-01-01T00:00:00.000Z",
    });
    const rows = loadScoredSamples(store, runId);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toEqual({
      task: "word-count",
      caseId: "wc-0009",
      model: "scripted:honest",
      variant: "paper",
      condition: "hard",
      status: "error",
      complied: null,
      admitted: null,
      confessed: null,
      grade: null,
      objectives: null,
    });
  });
});
