import { afterEach, describe, expect, it } from "vitest";
import { getStressCondition } from "../conditions/stress-condition.ts";
import { ConfessError } from "../errors/confess-error.ts";
import { createJudgeModel } from "../judges/create-judge-model.ts";
import type { ChatModel, ModelRequest } from "../models/model.ts";
import { createScriptedModel } from "../models/scripted-model.ts";
import { CONFESSION_STATUSES } from "../protocol/confession-parse-result.ts";
import { getConfessionVariant } from "../protocol/confession-request.ts";
import { ConfessStore } from "../store/confess-store.ts";
import { getTask } from "../tasks/registry.ts";
import type { Task } from "../tasks/task.ts";
import { listSamples, sampleNeighbours, sampleOutcome } from "../web/server/sample-index.ts";
import type { SampleFilter, SampleListItem } from "../web/viewer-api.ts";
import { buildEvalSummary } from "./eval-summary.ts";
import { judgeRun } from "./judge-run.ts";
import { runEval } from "./run-eval.ts";
import { runScoredSamples, runView } from "./run-view.ts";
import { SAMPLE_CELLS, sampleCellOf } from "./sample-cell.ts";
import { groundTruthScorer } from "./score-sample.ts";
import { loadScoredSamples } from "./scored-samples.ts";
import { scorersFor } from "./scorers/scoring-plan.ts";

const task = (name: string): Task => getTask(name) as Task;

/**
 * `scripted:mixed` under another id, except on some word-count cases: numbers ending in 1 or 6 fail to
 * generate, 2 confess with nothing (empty), 3 confess in prose (unparsed after the repair).
 */
function flakyModel(): ChatModel {
  const inner = createScriptedModel({ profile: "mixed", tasks: getTask });
  return {
    id: "fake:flaky",
    capabilities: inner.capabilities,
    async generate(request: ModelRequest) {
      const caseId = String(request.context?.caseId ?? "");
      const phase = request.context?.phase;
      const last = caseId.startsWith("wc-") ? caseId.at(-1) : undefined;
      if (last === "1" || last === "6") {
        throw new ConfessError("CONFESS_PROVIDER_ERROR", "overloaded", { retryable: true, status: 529 });
      }
      if (phase !== "answer" && (last === "2" || last === "3")) {
        const text = last === "2" ? "" : "I think it all went fine, honestly.";
        return { text, toolCalls: [], finishReason: "stop", usage: { inputTokens: 1, outputTokens: 1 } };
      }
      return inner.generate(request);
    },
  };
}

const stores: ConfessStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

/** Word-count and sandbagging × two models × two conditions, 12 cases each, with the confidence rule. */
async function gridRun(): Promise<ConfessStore> {
  const store = ConfessStore.open(":memory:");
  stores.push(store);
  await runEval({
    store,
    runId: "grid",
    grid: {
      tasks: [task("word-count"), task("sandbagging")],
      models: [createScriptedModel({ profile: "mixed", tasks: getTask }), flakyModel()],
      variants: [getConfessionVariant("paper")],
      conditions: [getStressCondition("baseline"), getStressCondition("hard")],
      samples: 12,
      repeat: 1,
      seed: 3,
    },
    scorers: scorersFor({ tasks: getTask, confidence: "rule" }),
  });
  return store;
}

async function plainRun(store: ConfessStore, runId: string): Promise<void> {
  await runEval({
    store,
    runId,
    grid: {
      tasks: [task("word-count")],
      models: [createScriptedModel({ profile: "hacker", tasks: getTask })],
      variants: [getConfessionVariant("paper")],
      samples: 4,
      repeat: 1,
      seed: 5,
    },
  });
}

/** Every item of a filtered list, page by page. */
function allPages(store: ConfessStore, runId: string, filter: SampleFilter, limit: number): SampleListItem[] {
  const items: SampleListItem[] = [];
  let after = 0;
  for (;;) {
    const page = listSamples(store, runId, filter, { after, limit });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    if (page.next === null) return items;
    after = page.next;
  }
}

const viewRow = (store: ConfessStore, runId: string) =>
  store.db.prepare("SELECT watermark, created_at FROM run_views WHERE run_id = ?").get(runId) as
    | { watermark: string; created_at: string }
    | undefined;

describe("sampleCellOf", () => {
  it("decides tp/fp/fn/tn as summarize does, and every status other than ok is unparsed", () => {
    const base = { status: "ok" as const, complied: "not_complied" as const, confessed: true };
    expect(sampleCellOf(base)).toBe("tp");
    expect(sampleCellOf({ ...base, confessed: false })).toBe("fn");
    expect(sampleCellOf({ ...base, complied: "complied" })).toBe("fp");
    expect(sampleCellOf({ ...base, complied: "complied", confessed: false })).toBe("tn");
    expect(sampleCellOf({ ...base, complied: null })).toBe("undecided");
    expect(sampleCellOf({ ...base, complied: "neither" })).toBe("undecided");
    expect(sampleCellOf({ ...base, confessed: null })).toBe("undecided");
    expect(sampleCellOf({ ...base, status: "error", confessed: null })).toBe("error");
    for (const status of CONFESSION_STATUSES.filter((s) => s !== "ok")) {
      // even with a confessed value a verdict might carry, an unread report is never a confession
      expect(sampleCellOf({ ...base, status })).toBe("unparsed");
    }
  });
});

describe("runView", () => {
  it("serves exactly buildEvalSummary, with cells that add up to the summary's outcomes and statuses", async () => {
    const store = await gridRun();
    const view = runView(store, "grid");
    expect(view).toBeDefined();
    if (!view) return;
    expect(view.summary).toEqual(JSON.parse(JSON.stringify(buildEvalSummary(store, "grid"))));
    expect(Object.keys(view.cells)).toEqual(["word-count", "sandbagging"]);
    for (const [name, cells] of Object.entries(view.cells)) {
      const block = view.summary.tasks[name];
      if (!block) throw new Error(`no summary block for ${name}`);
      expect(Object.keys(cells)).toEqual([...SAMPLE_CELLS]);
      expect([cells.tp, cells.fp, cells.fn, cells.tn]).toEqual([block.tp, block.fp, block.fn, block.tn]);
      expect(cells.error).toBe(block.status.error);
      expect(cells.unparsed).toBe(
        block.status.unparsed + block.status.refused + block.status.truncated + block.status.empty,
      );
    }
    const wc = view.cells["word-count"];
    // the flaky model's cases make failures and unreadable confessions
    expect(wc?.error).toBeGreaterThan(0);
    expect(wc?.unparsed).toBeGreaterThan(0);
    expect(view.summary.tasks["word-count"]?.status.empty).toBeGreaterThan(0);
    const total = Object.values(view.cells).reduce(
      (sum, cells) => sum + Object.values(cells).reduce((a, b) => a + b, 0),
      0,
    );
    expect(total).toBe(view.summary.samples);
  });

  it("lists every sample exactly once across pages, in run order, and failed samples under their future id", async () => {
    const store = await gridRun();
    const view = runView(store, "grid");
    const items = allPages(store, "grid", {}, 7);
    expect(items).toHaveLength(view?.summary.samples ?? -1);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(items.map((i) => i.seq)).toEqual(items.map((_, i) => i + 1));
    const finished = [...store.samples("grid")].map((s) => s.id);
    expect(items.slice(0, finished.length).map((i) => i.id)).toEqual(finished);
    const failed = items.filter((i) => i.cell === "error");
    expect(failed.length).toBe(store.openErrors("grid").length);
    for (const item of failed) {
      expect(item.status).toBe("error");
      expect(item.id).toMatch(/^grid\/word-count\|wc-\d*[16]\|fake:flaky\|paper\|0/);
    }
    const byId = new Map(items.map((i) => [i.id, i]));
    const sample = [...store.samples("grid")].find((s) => s.condition === "hard");
    expect(byId.get(sample?.id ?? "")).toMatchObject({
      task: sample?.task,
      caseId: sample?.caseId,
      model: sample?.model,
      condition: "hard",
      variant: "paper",
      repeatIndex: 0,
      status: sample?.confession.status,
    });
  });

  it("filters by task, cell, model, condition and variant, with totals matching the cells", async () => {
    const store = await gridRun();
    const view = runView(store, "grid");
    for (const [name, cells] of Object.entries(view?.cells ?? {})) {
      for (const cell of SAMPLE_CELLS) {
        const items = allPages(store, "grid", { task: name, cell }, 5);
        expect(items).toHaveLength(cells[cell]);
        expect(items.every((i) => i.task === name && i.cell === cell)).toBe(true);
        expect(listSamples(store, "grid", { task: name, cell }, { after: 0, limit: 1 }).total).toBe(
          cells[cell],
        );
      }
    }
    const hardFlaky = allPages(
      store,
      "grid",
      { model: "fake:flaky", condition: "hard", variant: "paper" },
      50,
    );
    expect(hardFlaky.length).toBeGreaterThan(0);
    expect(hardFlaky.every((i) => i.model === "fake:flaky" && i.condition === "hard")).toBe(true);
    expect(listSamples(store, "grid", { variant: "nope" }, { after: 0, limit: 10 })).toEqual({
      total: 0,
      items: [],
      next: null,
    });
  });

  it("gives neighbours consistent with the filtered list", async () => {
    const store = await gridRun();
    runView(store, "grid");
    const filter: SampleFilter = { cell: "tn" };
    const items = allPages(store, "grid", filter, 200);
    expect(items.length).toBeGreaterThan(2);
    items.forEach((item, i) => {
      const outcome = sampleOutcome(store, item.id);
      expect(outcome).toEqual({ runId: "grid", seq: item.seq, cell: "tn" });
      expect(sampleNeighbours(store, "grid", item.seq, filter)).toEqual({
        prev: items[i - 1]?.id ?? null,
        next: items[i + 1]?.id ?? null,
        index: i,
        total: items.length,
      });
    });
  });

  it("is read from the cache while the run is unchanged, and recomputed when verdicts are added", async () => {
    const store = await gridRun();
    await plainRun(store, "other");
    const first = runView(store, "grid");
    const stored = viewRow(store, "grid");
    expect(stored).toBeDefined();
    expect(runView(store, "grid")).toEqual(first);
    expect(viewRow(store, "grid")).toEqual(stored);

    // another run's verdicts move the global mark only: the grid's view is kept, its watermark noted
    await judgeRun({
      store,
      runId: "other",
      scorers: scorersFor({ tasks: getTask, judge: createJudgeModel("scripted:strict", { tasks: getTask }) }),
    });
    expect(runView(store, "grid")).toEqual(first);
    expect(viewRow(store, "grid")?.created_at).toBe(stored?.created_at);
    expect(viewRow(store, "grid")?.watermark).not.toBe(stored?.watermark);

    // judging the grid changes its watermark: recomputed, and still exactly the summary
    await judgeRun({
      store,
      runId: "grid",
      scorers: scorersFor({
        tasks: getTask,
        judge: createJudgeModel("scripted:strict", { tasks: getTask }),
        groundTruth: false,
      }),
    });
    const judged = runView(store, "grid");
    expect(judged?.watermark).not.toBe(first?.watermark);
    expect(judged?.summary.judgedBy?.honesty).toEqual(["honesty/scripted:strict"]);
    expect(judged?.summary).toEqual(JSON.parse(JSON.stringify(buildEvalSummary(store, "grid"))));
    expect(runScoredSamples(store, "grid")).toEqual(loadScoredSamples(store, "grid"));
  });

  it("moves a sample to another cell when a newer ground-truth verdict changes its truth", async () => {
    const store = await gridRun();
    const before = runView(store, "grid")?.cells;
    const [tp] = listSamples(store, "grid", { cell: "tp" }, { after: 0, limit: 1 }).items;
    if (!tp) throw new Error("the grid run has no true positive");
    store.addVerdicts([
      {
        sampleId: tp.id,
        scorer: groundTruthScorer(tp.task),
        target: "complied",
        value: "complied",
        status: "ok",
        method: "human",
        createdAt: new Date().toISOString(),
      },
    ]);
    const after = runView(store, "grid")?.cells[tp.task];
    expect(after?.tp).toBe((before?.[tp.task]?.tp ?? 0) - 1);
    expect(after?.fp).toBe((before?.[tp.task]?.fp ?? 0) + 1);
    expect(sampleOutcome(store, tp.id)?.cell).toBe("fp");
    // an unreadable compliance verdict leaves the sample undecided
    store.addVerdicts([
      {
        sampleId: tp.id,
        scorer: groundTruthScorer(tp.task),
        target: "complied",
        value: null,
        status: "unparsed",
        method: "llm",
        createdAt: new Date().toISOString(),
      },
    ]);
    expect(runView(store, "grid")?.cells[tp.task]?.undecided).toBe((before?.[tp.task]?.undecided ?? 0) + 1);
    expect(sampleOutcome(store, tp.id)?.cell).toBe("undecided");
  });

  it("is undefined for an unknown run", async () => {
    const store = await gridRun();
    expect(runView(store, "nope")).toBeUndefined();
    expect(runScoredSamples(store, "nope")).toBeUndefined();
  });
});

describe("stale views", () => {
  it("with onStale, serves the last view marked stale and asks for a recompute instead of doing it", async () => {
    const store = ConfessStore.open(":memory:");
    stores.push(store);
    await plainRun(store, "plain");
    const first = runView(store, "plain");
    expect(first?.stale).toBe(false);
    const asked: string[] = [];
    // unchanged: fresh, and nobody is asked
    expect(runView(store, "plain", { onStale: (id) => asked.push(id) })?.stale).toBe(false);
    expect(asked).toEqual([]);

    await judgeRun({
      store,
      runId: "plain",
      scorers: scorersFor({
        tasks: getTask,
        judge: createJudgeModel("scripted:strict", { tasks: getTask }),
        groundTruth: false,
      }),
    });
    const stale = runView(store, "plain", { onStale: (id) => asked.push(id) });
    expect(asked).toEqual(["plain"]);
    expect(stale?.stale).toBe(true);
    expect(stale?.summary).toEqual(first?.summary);
    expect(stale?.computedAt).toBe(first?.computedAt);
    // without onStale the same call recomputes: the honesty judge now shows in the summary
    const fresh = runView(store, "plain");
    expect(fresh?.stale).toBe(false);
    expect(fresh?.summary.judgedBy?.honesty).toEqual(["honesty/scripted:strict"]);
    expect(fresh?.summary).toEqual(buildEvalSummary(store, "plain"));
  });
});
