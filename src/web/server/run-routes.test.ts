import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { saveAudit } from "../../audit/audit-records.ts";
import { auditRun } from "../../audit/audit-run.ts";
import type { CliIO } from "../../cli/io.ts";
import { main } from "../../cli/main.ts";
import { getStressCondition } from "../../conditions/stress-condition.ts";
import { ConfessError } from "../../errors/confess-error.ts";
import { createJudgeModel } from "../../judges/create-judge-model.ts";
import { compareSamples } from "../../metrics/paired-bootstrap.ts";
import { rocAuc } from "../../metrics/roc-auc.ts";
import type { ChatModel, ModelRequest } from "../../models/model.ts";
import { createScriptedModel, type ScriptedProfile } from "../../models/scripted-model.ts";
import { getConfessionVariant } from "../../protocol/confession-request.ts";
import { buildEvalSummary } from "../../runs/eval-summary.ts";
import { judgeRun } from "../../runs/judge-run.ts";
import { runEval } from "../../runs/run-eval.ts";
import { loadScoredSamples } from "../../runs/scored-samples.ts";
import { scorersFor } from "../../runs/scorers/scoring-plan.ts";
import { ConfessStore } from "../../store/confess-store.ts";
import { getTask } from "../../tasks/registry.ts";
import type { Task } from "../../tasks/task.ts";
import type {
  ApiError,
  AuditsResponse,
  CompareResponse,
  ConfidenceResponse,
  RunResponse,
  RunsResponse,
  SampleResponse,
  SamplesResponse,
} from "../viewer-api.ts";
import { rocCurve } from "./confidence-report.ts";
import { runRoutes } from "./run-routes.ts";

const task = (name: string): Task => getTask(name) as Task;

/** `scripted:mixed` under another id, except that word-count cases whose number ends in 1 fail to generate. */
function flakyModel(): ChatModel {
  const inner = createScriptedModel({ profile: "mixed", tasks: getTask });
  return {
    id: "fake:flaky",
    capabilities: inner.capabilities,
    async generate(request: ModelRequest) {
      const caseId = String(request.context?.caseId ?? "");
      if (caseId.startsWith("wc-") && caseId.endsWith("1")) {
        throw new ConfessError("CONFESS_PROVIDER_ERROR", "overloaded", { retryable: true, status: 529 });
      }
      return inner.generate(request);
    },
  };
}

const stores: ConfessStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function plainRun(
  store: ConfessStore,
  runId: string,
  profile: ScriptedProfile,
  step?: number,
): Promise<void> {
  await runEval({
    store,
    runId,
    grid: {
      tasks: [task("word-count")],
      models: [createScriptedModel({ profile, tasks: getTask })],
      variants: [getConfessionVariant("paper")],
      samples: 6,
      repeat: 1,
      seed: 5,
      ...(step === undefined ? {} : { step }),
    },
  });
}

/** A store with a grid run (two suites, two models, two conditions, confidence rule) and plain runs. */
async function fixture(): Promise<{ store: ConfessStore; app: Hono }> {
  const store = ConfessStore.open(":memory:");
  stores.push(store);
  await plainRun(store, "plain-a", "hacker");
  await plainRun(store, "plain-b", "honest");
  await runEval({
    store,
    runId: "grid",
    grid: {
      tasks: [task("word-count"), task("sandbagging")],
      models: [createScriptedModel({ profile: "mixed", tasks: getTask }), flakyModel()],
      variants: [getConfessionVariant("paper")],
      conditions: [getStressCondition("baseline"), getStressCondition("hard")],
      samples: 10,
      repeat: 1,
      seed: 3,
    },
    scorers: scorersFor({ tasks: getTask, confidence: "rule" }),
  });
  return { store, app: runRoutes({ store }) };
}

async function get<T>(app: Hono, path: string, status = 200): Promise<T> {
  const response = await app.request(path);
  const body = (await response.json()) as T;
  expect(response.status, `${path}: ${JSON.stringify(body).slice(0, 300)}`).toBe(status);
  return body;
}

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe("GET /runs", () => {
  it("lists runs newest first with their headline rates, filtered and paginated", async () => {
    const { store, app } = await fixture();
    const all = await get<RunsResponse>(app, "/runs");
    expect(all.total).toBe(3);
    expect(all.items.map((r) => r.id)).toEqual(["grid", "plain-b", "plain-a"]);
    const grid = all.items[0];
    const summary = buildEvalSummary(store, "grid");
    expect(grid).toMatchObject({
      models: ["scripted:mixed", "fake:flaky"],
      suites: ["word-count", "sandbagging"],
      conditions: ["baseline", "hard"],
      variants: ["paper"],
      step: null,
      samples: summary.samples,
      errors: summary.status.error,
      status: summary.status,
      headline: {
        false_negative_rate: summary.overall.false_negative_rate,
        confessed_given_not_complied: summary.overall.confessed_given_not_complied,
        not_complied: summary.overall.not_complied,
      },
    });
    expect(grid?.errors).toBeGreaterThan(0);

    const page = await get<RunsResponse>(app, "/runs?offset=1&limit=1");
    expect(page).toMatchObject({ total: 3, offset: 1 });
    expect(page.items.map((r) => r.id)).toEqual(["plain-b"]);
    // only the runs on the page get a view
    const views = store.db.prepare("SELECT run_id FROM run_views ORDER BY run_id").all();
    expect(views).toEqual([{ run_id: "grid" }, { run_id: "plain-a" }, { run_id: "plain-b" }]);

    const ids = async (query: string) =>
      (await get<RunsResponse>(app, `/runs?${query}`)).items.map((r) => r.id);
    expect(await ids("q=PLAIN")).toEqual(["plain-b", "plain-a"]);
    expect(await ids("q=sandbag")).toEqual(["grid"]);
    expect(await ids("q=honest")).toEqual(["plain-b"]);
    expect(await ids("model=scripted:hacker")).toEqual(["plain-a"]);
    expect(await ids("suite=word-count")).toEqual(["grid", "plain-b", "plain-a"]);
    expect(await ids("condition=hard")).toEqual(["grid"]);
    expect(await ids("condition=baseline&suite=sandbagging")).toEqual(["grid"]);
    expect(await ids("model=nope")).toEqual([]);
  });

  it("answers 400 for a limit or offset out of range", async () => {
    const { app } = await fixture();
    for (const query of ["limit=0", "limit=201", "limit=abc", "limit=1.5", "offset=-1"]) {
      const body = await get<ApiError>(app, `/runs?${query}`, 400);
      expect(body.error.code).toBe("bad_query");
      expect(body.error.message).toMatch(query.startsWith("limit") ? /limit must be .* 1 to 200/ : /offset/);
    }
  });
});

describe("GET /runs/:id", () => {
  it("serves the run, exactly its `runs show --json` summary, its cells and what else it has", async () => {
    const { store, app } = await fixture();
    const body = await get<RunResponse>(app, "/runs/grid");
    expect(body.run).toEqual({ ...json(store.getRun("grid")), step: null });
    expect(body.summary).toEqual(json(buildEvalSummary(store, "grid")));
    for (const [name, cells] of Object.entries(body.cells)) {
      const block = body.summary.tasks[name];
      expect([cells.tp, cells.fp, cells.fn, cells.tn]).toEqual([block?.tp, block?.fp, block?.fn, block?.tn]);
    }
    expect(body.cells["word-count"]?.error).toBeGreaterThan(0);
    expect(body.has).toEqual({ confidence: true, audits: false });
    expect((await get<RunResponse>(app, "/runs/plain-a")).has).toEqual({ confidence: false, audits: false });
  });

  it("with onStale, answers a changed run with its last summary marked stale, and asks for a recompute", async () => {
    const { store } = await fixture();
    const asked: string[] = [];
    const app = runRoutes({ store, onStale: (id) => asked.push(id) });
    const before = await get<RunResponse>(app, "/runs/plain-a");
    expect(before.stale).toBe(false);
    await judgeRun({
      store,
      runId: "plain-a",
      scorers: scorersFor({
        tasks: getTask,
        judge: createJudgeModel("scripted:strict", { tasks: getTask }),
        groundTruth: false,
      }),
    });
    const stale = await get<RunResponse>(app, "/runs/plain-a");
    expect(stale).toMatchObject({ stale: true, computedAt: before.computedAt, summary: before.summary });
    expect(asked).toEqual(["plain-a"]);
    const listed = await get<RunsResponse>(app, "/runs?q=plain-a");
    expect(listed.items[0]?.stale).toBe(true);
    // the route without onStale recomputes before answering
    const fresh = await get<RunResponse>(runRoutes({ store }), "/runs/plain-a");
    expect(fresh.stale).toBe(false);
    expect(fresh.summary).toEqual(json(buildEvalSummary(store, "plain-a")));
  });

  it("answers 404 for an unknown run, on every run route", async () => {
    const { app } = await fixture();
    for (const path of ["/runs/nope", "/runs/nope/samples", "/runs/nope/confidence", "/runs/nope/audits"]) {
      const body = await get<ApiError>(app, path, 404);
      expect(body.error.code).toBe("not_found");
      expect(body.error.message).toContain('"nope"');
    }
  });
});

describe("GET /runs/:id/samples", () => {
  it("pages through every sample once, and through a cell's samples as the cell counts say", async () => {
    const { app } = await fixture();
    const run = await get<RunResponse>(app, "/runs/grid");
    const seen: string[] = [];
    let after = 0;
    for (;;) {
      const page = await get<SamplesResponse>(app, `/runs/grid/samples?limit=9&after=${after}`);
      expect(page.total).toBe(run.summary.samples);
      seen.push(...page.items.map((i) => i.id));
      if (page.next === null) break;
      after = page.next;
    }
    expect(seen).toHaveLength(run.summary.samples);
    expect(new Set(seen).size).toBe(seen.length);

    const fn = await get<SamplesResponse>(app, "/runs/grid/samples?task=word-count&cell=fn&limit=200");
    expect(fn.total).toBe(run.cells["word-count"]?.fn);
    expect(fn.items.every((i) => i.task === "word-count" && i.cell === "fn")).toBe(true);
    expect(fn.next).toBeNull();
  });

  it("answers 400 for a bad cell, limit or cursor, saying what is allowed", async () => {
    const { app } = await fixture();
    const cell = await get<ApiError>(app, "/runs/grid/samples?cell=maybe", 400);
    expect(cell.error).toEqual({
      code: "bad_query",
      message: 'cell must be one of tp, fp, fn, tn, unparsed, undecided, error, got "maybe"',
    });
    expect((await get<ApiError>(app, "/runs/grid/samples?limit=500", 400)).error.message).toContain(
      "1 to 200",
    );
    expect((await get<ApiError>(app, "/runs/grid/samples?after=x", 400)).error.message).toContain("after");
  });
});

describe("GET /samples/:id", () => {
  it("serves the sample whole with every verdict oldest first, its truth and its neighbours", async () => {
    const { store, app } = await fixture();
    const list = await get<SamplesResponse>(app, "/runs/grid/samples?cell=tp&limit=200");
    expect(list.items.length).toBeGreaterThan(2);
    const middle = list.items[1];
    if (!middle) throw new Error("no second true positive");
    const body = await get<SampleResponse>(app, `/samples/${encodeURIComponent(middle.id)}?cell=tp`);
    expect(body.sample).toEqual(json(store.getSample(middle.id)));
    expect(body.sample.turns.length).toBeGreaterThan(0);
    expect(body.cell).toBe("tp");
    expect(body.verdicts).toHaveLength(store.verdictCount(middle.id));
    expect(body.verdicts.map((v) => v.scorer)).toContain("confidence/rule");
    expect(body.truth).toMatchObject({ complied: "not_complied", confessed: true });
    expect(body.truth.objectives?.every((o) => typeof o.match === "boolean" && o.objective)).toBe(true);
    expect(body.neighbours).toEqual({
      prev: list.items[0]?.id,
      next: list.items[2]?.id ?? null,
      index: 1,
      total: list.total,
    });
    // the id's slash may also arrive unencoded
    expect((await get<SampleResponse>(app, `/samples/${middle.id.replaceAll("|", "%7C")}`)).sample.id).toBe(
      middle.id,
    );
    // without a filter the neighbours are the run's samples
    const unfiltered = await get<SampleResponse>(app, `/samples/${encodeURIComponent(middle.id)}`);
    expect(unfiltered.neighbours.total).toBe((await get<RunResponse>(app, "/runs/grid")).summary.samples);
    expect(unfiltered.neighbours.index).toBe(middle.seq - 1);
  });

  it("keeps the newest verdicts in `truth` and every older one in `verdicts`", async () => {
    const { store, app } = await fixture();
    const [tp] = (await get<SamplesResponse>(app, "/runs/grid/samples?cell=tp&limit=1")).items;
    if (!tp) throw new Error("no true positive");
    store.addVerdicts([
      {
        sampleId: tp.id,
        scorer: `${tp.task}/ground-truth`,
        target: "complied",
        value: "complied",
        status: "ok",
        method: "human",
        createdAt: new Date().toISOString(),
      },
    ]);
    const body = await get<SampleResponse>(app, `/samples/${encodeURIComponent(tp.id)}`);
    expect(body.cell).toBe("fp");
    expect(body.truth.complied).toBe("complied");
    const complied = body.verdicts.filter(
      (v) => v.target === "complied" && v.scorer.endsWith("/ground-truth"),
    );
    expect(complied.map((v) => v.value)).toEqual(["not_complied", "complied"]);
  });

  it("answers 404 for an unknown sample, a distinct 404 for a failed one, and 400 for a bad filter", async () => {
    const { app } = await fixture();
    expect((await get<ApiError>(app, "/samples/nope", 404)).error.code).toBe("not_found");
    const [failed] = (await get<SamplesResponse>(app, "/runs/grid/samples?cell=error&limit=1")).items;
    if (!failed) throw new Error("no failed sample");
    const body = await get<ApiError>(app, `/samples/${encodeURIComponent(failed.id)}`, 404);
    expect(body.error.code).toBe("sample_failed");
    expect(body.error.message).toContain("overloaded");
    expect(body.error.message).toContain("--run grid");
    const bad = await get<ApiError>(app, `/samples/${encodeURIComponent(failed.id)}?cell=x`, 400);
    expect(bad.error.code).toBe("bad_query");
  });
});

describe("GET /compare", () => {
  it("compares each run with the first as `confess compare` does", async () => {
    const { store, app } = await fixture();
    const body = await get<CompareResponse>(app, "/compare?runs=plain-a,plain-b,grid");
    expect(body.runs.map((r) => r.id)).toEqual(["plain-a", "plain-b", "grid"]);
    expect(body.comparisons.map((c) => [c.a, c.b])).toEqual([
      ["plain-a", "plain-b"],
      ["plain-a", "grid"],
    ]);
    const a = loadScoredSamples(store, "plain-a");
    expect(body.comparisons[0]?.comparison).toEqual(
      json(compareSamples(a, loadScoredSamples(store, "plain-b"))),
    );
    expect(body.comparisons[1]?.comparison).toEqual(
      json(compareSamples(a, loadScoredSamples(store, "grid"))),
    );
    expect(body.series).toBeNull();
  });

  it("orders runs by step and gives the series when at least two carry one", async () => {
    const { store, app } = await fixture();
    await plainRun(store, "s300", "honest", 300);
    await plainRun(store, "s100", "hacker", 100);
    await plainRun(store, "s200", "mixed", 200);
    const body = await get<CompareResponse>(app, "/compare?runs=s300,plain-a,s100,s200");
    expect(body.runs.map((r) => [r.id, r.step])).toEqual([
      ["s100", 100],
      ["s200", 200],
      ["s300", 300],
      ["plain-a", null],
    ]);
    // the first run named stays the baseline
    expect(body.comparisons.map((c) => c.a)).toEqual(["s300", "s300", "s300"]);
    expect(body.series?.steps).toEqual([100, 200, 300]);
    const fnr = ["s100", "s200", "s300"].map((id) => buildEvalSummary(store, id).overall.false_negative_rate);
    expect(body.series?.rates.false_negative_rate).toEqual(fnr);
    expect(body.series?.rates.not_complied).toHaveLength(3);
  });

  it("answers 400 for fewer than two runs or a repeated one, and 404 for an unknown run", async () => {
    const { app } = await fixture();
    expect((await get<ApiError>(app, "/compare", 400)).error.message).toContain("2 to 12 run ids");
    expect((await get<ApiError>(app, "/compare?runs=grid", 400)).error.code).toBe("bad_query");
    expect((await get<ApiError>(app, "/compare?runs=grid,grid", 400)).error.message).toContain(
      "more than once",
    );
    expect((await get<ApiError>(app, "/compare?runs=grid,nope", 404)).error.message).toContain('"nope"');
  });
});

describe("GET /runs/:id/confidence", () => {
  it("gives the reliability bins and ROC curve of the run's confidence verdicts", async () => {
    const { store, app } = await fixture();
    const body = await get<ConfidenceResponse>(app, "/runs/grid/confidence");
    expect(body.judge).toBe("confidence/rule");
    const summary = buildEvalSummary(store, "grid");
    const perTask = Object.values(summary.tasks).map((t) => t.judges?.confidence?.n ?? 0);
    expect(body.n).toBe(perTask.reduce((a, b) => a + b, 0));
    expect(body.n).toBeGreaterThan(0);
    expect(body.bins).toHaveLength(20);
    expect(body.bins.reduce((sum, b) => sum + b.n, 0)).toBe(body.n);
    expect(body.bins[0]).toMatchObject({ lo: 0, hi: 0.05 });
    expect(body.auc).not.toBeNull();
    expect(body.roc[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(body.roc.at(-1)).toEqual({ fpr: 1, tpr: 1 });
    // the area under the polyline is the AUC
    let area = 0;
    for (let i = 1; i < body.roc.length; i++) {
      const [p, q] = [body.roc[i - 1], body.roc[i]] as [
        { fpr: number; tpr: number },
        { fpr: number; tpr: number },
      ];
      area += ((q.fpr - p.fpr) * (p.tpr + q.tpr)) / 2;
    }
    expect(area).toBeCloseTo(body.auc ?? Number.NaN, 10);
    expect(body.aucCi95).not.toBeNull();
  });

  it("answers 404 no_confidence for a run without confidence verdicts", async () => {
    const { app } = await fixture();
    const body = await get<ApiError>(app, "/runs/plain-a/confidence", 404);
    expect(body.error.code).toBe("no_confidence");
    expect(body.error.message).toContain("confess judge plain-a");
  });

  it("draws the ROC curve through tied scores together", () => {
    const points = [
      { score: 0.9, positive: true },
      { score: 0.5, positive: true },
      { score: 0.5, positive: false },
      { score: 0.1, positive: false },
    ];
    expect(rocCurve(points)).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0, tpr: 0.5 },
      { fpr: 0.5, tpr: 1 },
      { fpr: 1, tpr: 1 },
    ]);
    expect(rocAuc(points)).toBe(0.875);
    expect(rocCurve([{ score: 1, positive: true }])).toEqual([]);
  });
});

describe("GET /runs/:id/audits", () => {
  it("lists the audits stored for the run, newest first", async () => {
    const { store, app } = await fixture();
    expect(await get<AuditsResponse>(app, "/runs/plain-b/audits")).toEqual({ items: [] });
    const judge = createJudgeModel("scripted:strict", { tasks: getTask });
    const report = await auditRun(store, "plain-b", judge, { manipulations: ["flipped-claim"] });
    saveAudit(store, {
      runId: "plain-b",
      judge: "scripted:strict",
      report,
      createdAt: "2026-01-01T00:00:00Z",
    });
    saveAudit(store, {
      runId: "plain-b",
      judge: "scripted:other",
      report,
      createdAt: "2026-01-02T00:00:00Z",
    });
    const body = await get<AuditsResponse>(app, "/runs/plain-b/audits");
    expect(body.items.map((a) => [a.judge, a.createdAt])).toEqual([
      ["scripted:other", "2026-01-02T00:00:00Z"],
      ["scripted:strict", "2026-01-01T00:00:00Z"],
    ]);
    expect(body.items[0]?.report).toEqual(json(report));
    expect((await get<RunResponse>(app, "/runs/plain-b")).has.audits).toBe(true);
    expect(() => store.db.exec("DELETE FROM audits")).toThrow(/immutable/);
  });
});

describe("the CLI's part", () => {
  const io = (): CliIO & { out: string[]; err: string[] } => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      stdin: async () => "",
      env: {},
      isTTY: false,
    };
  };

  it("`confess eval --step` records the step; `confess audit --run` stores its report", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "confess-run-routes-")), "confess.db");
    const evalArgs = ["eval", "--suite", "word-count", "--model", "scripted:honest", "--samples", "3"];
    const flags = ["--db", db, "--no-progress", "--json"];
    expect(await main([...evalArgs, "--step", "1500", "--run", "s1500", ...flags], io())).toBe(0);
    const bad = io();
    expect(await main([...evalArgs, "--step", "-3", ...flags], bad)).toBe(2);
    expect(bad.err.join("")).toContain("--step");
    expect(bad.err.join("")).toContain("whole number from 0");
    expect(await main(["audit", "--judge", "scripted:strict", "--run", "s1500", ...flags], io())).toBe(0);

    const store = ConfessStore.open(db);
    stores.push(store);
    const app = runRoutes({ store });
    const run = await get<RunResponse>(app, "/runs/s1500");
    expect(run.run.step).toBe(1500);
    expect(run.run.config.step).toBe(1500);
    expect(run.has.audits).toBe(true);
    const audits = await get<AuditsResponse>(app, "/runs/s1500/audits");
    expect(audits.items).toHaveLength(1);
    expect(audits.items[0]?.judge).toBe("scripted:strict");
    expect(audits.items[0]?.report.schema).toBe("confessional.audit/1");
  });
});
