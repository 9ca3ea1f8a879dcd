import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, describe, expect, it } from "vitest";
import { ConfessError } from "../errors/confess-error.ts";
import type { ModelResponse } from "../models/model.ts";
import { ConfessStore } from "./confess-store.ts";
import type { RunConfig, SampleErrorRecord, SampleRecord, VerdictRecord } from "./records.ts";
import { MIGRATIONS } from "./schema.ts";

const config = (overrides: Partial<RunConfig> = {}): RunConfig => ({
  suites: ["word-count"],
  models: ["scripted:honest"],
  variants: ["paper"],
  samples: 3,
  repeat: 1,
  seed: 1,
  taskOptions: { "word-count": {} },
  ...overrides,
});

const response = (text: string): ModelResponse => ({
  text,
  toolCalls: [],
  finishReason: "stop",
  usage: { inputTokens: 3, outputTokens: 4 },
});

function sample(runId: string, key: string, overrides: Partial<SampleRecord> = {}): SampleRecord {
  return {
    id: `${runId}/${key}`,
    runId,
    key,
    task: "word-count",
    caseId: "wc-0001",
    model: "scripted:honest",
    variant: "paper",
    condition: "baseline",
    repeatIndex: 0,
    case: { id: "wc-0001", messages: [{ role: "user", content: "Write." }], payload: { topic: "tea" } },
    x: [{ role: "user", content: "Write." }],
    z: null,
    y: `answer for ${key}`,
    transcript: [
      { role: "user", content: "Write." },
      { role: "assistant", content: `answer for ${key}` },
    ],
    environment: undefined,
    xc: "Confess.",
    zc: "thinking about it",
    yc: "{}",
    confession: { status: "unparsed", raw: "{}", issues: ["report: missing"] },
    confessionPath: "prompt",
    usage: { inputTokens: 6, outputTokens: 8 },
    durationMs: 12.4,
    createdAt: "2026-01-01T00:00:00.000Z",
    turns: [
      {
        seq: 0,
        phase: "answer",
        input: [{ role: "user", content: "Write." }],
        response: response(`answer for ${key}`),
        cached: false,
        durationMs: 5,
      },
      {
        seq: 1,
        phase: "confession",
        input: [{ role: "system", content: "Confess." }],
        response: response("{}"),
        cached: true,
        durationMs: 1,
      },
    ],
    ...overrides,
  };
}

const verdict = (sampleId: string, target: string, value: unknown, createdAt: string): VerdictRecord => ({
  sampleId,
  scorer: "word-count/ground-truth",
  target,
  value,
  status: "ok",
  method: "rule",
  reason: `because ${String(value)}`,
  createdAt,
});

const errorRecord = (runId: string, key: string, message: string): SampleErrorRecord => ({
  runId,
  key,
  task: "word-count",
  caseId: "wc-0001",
  model: "scripted:honest",
  condition: "baseline",
  variant: "paper",
  repeatIndex: 0,
  code: "CONFESS_PROVIDER_ERROR",
  message,
  createdAt: "2026-01-01T00:00:00.000Z",
});

const count = (store: ConfessStore, table: string): number =>
  Number((store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);

const tempDirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), "confess-store-"));
  tempDirs.push(dir);
  return join(dir, "nested", "confess.db");
}

const stores: ConfessStore[] = [];
function memoryStore(): ConfessStore {
  const store = ConfessStore.open(":memory:");
  stores.push(store);
  return store;
}

afterEach(() => {
  for (const store of stores.splice(0)) {
    if (store.db.isOpen) store.close();
  }
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("migrations", () => {
  it("sets user_version to the number of migrations, and reopening does not re-run them", () => {
    const path = tempDb();
    const first = ConfessStore.open(path);
    first.ensureRun("r1", config());
    expect(first.db.prepare("PRAGMA user_version").get()).toEqual({ user_version: MIGRATIONS.length });
    first.close();

    const again = ConfessStore.open(path);
    expect(again.db.prepare("PRAGMA user_version").get()).toEqual({ user_version: MIGRATIONS.length });
    expect(again.getRun("r1")?.config).toEqual(config());
    again.close();
  });

  it("migrates a database at schema 1 forward, keeping its data", () => {
    const path = tempDb();
    mkdirSync(dirname(path), { recursive: true });
    const raw = new DatabaseSync(path);
    raw.exec(MIGRATIONS[0] as string);
    raw.exec("PRAGMA user_version = 1");
    raw
      .prepare("INSERT INTO runs (id, created_at, config) VALUES (?, ?, ?)")
      .run("old", "2025-01-01T00:00:00.000Z", JSON.stringify(config()));
    raw.close();

    const store = ConfessStore.open(path);
    stores.push(store);
    expect(store.db.prepare("PRAGMA user_version").get()).toEqual({ user_version: MIGRATIONS.length });
    expect(store.getRun("old")?.config).toEqual(config());
    store.insertSample(sample("old", "k1"), []);
    expect(() => store.db.exec("DELETE FROM turns")).toThrow(/turns are immutable/);
  });

  it("fills run_marks for runs that existed before migration 5, and triggers keep it moving", () => {
    const path = tempDb();
    mkdirSync(dirname(path), { recursive: true });
    const raw = new DatabaseSync(path);
    for (const migration of MIGRATIONS.slice(0, 4)) raw.exec(migration);
    raw.exec("PRAGMA user_version = 4");
    raw.close();
    const old = ConfessStore.open(path);
    old.db.exec(
      "PRAGMA user_version = 4; DROP TABLE run_marks; DROP TABLE run_views; DROP TABLE sample_outcomes;",
    );
    old.db.exec("DROP TABLE audits; DROP TABLE lab_records; DROP TABLE lab_runs;");
    for (const name of ["run_marks_run", "run_marks_sample", "run_marks_error", "run_marks_verdict"])
      old.db.exec(`DROP TRIGGER IF EXISTS ${name}`);
    old.ensureRun("r1", config());
    old.insertSample(sample("r1", "k1"), [
      verdict("r1/k1", "complied", "complied", "2026-01-01T00:00:00.000Z"),
    ]);
    old.insertSample(sample("r1", "k2"), []);
    void old.close();

    const store = ConfessStore.open(path);
    stores.push(store);
    const mark = () =>
      store.db.prepare("SELECT samples, errors, verdict FROM run_marks WHERE run_id = 'r1'").get();
    const maxVerdict = () =>
      (store.db.prepare("SELECT MAX(id) AS id FROM verdicts").get() as { id: number }).id;
    expect(mark()).toEqual({ samples: 2, errors: 0, verdict: maxVerdict() });
    store.addVerdicts([verdict("r1/k2", "complied", "not_complied", "2026-01-02T00:00:00.000Z")]);
    expect(mark()).toEqual({ samples: 2, errors: 0, verdict: maxVerdict() });
    store.recordError(errorRecord("r1", "k3", "boom"));
    store.insertSample(sample("r1", "k4"), []);
    expect(mark()).toEqual({ samples: 3, errors: 1, verdict: maxVerdict() });
    store.ensureRun("r2", config());
    expect(
      store.db.prepare("SELECT samples, errors, verdict FROM run_marks WHERE run_id = 'r2'").get(),
    ).toEqual({
      samples: 0,
      errors: 0,
      verdict: 0,
    });
  });

  it("refuses a database written by a newer schema", () => {
    const path = tempDb();
    ConfessStore.open(path).close();
    const raw = new DatabaseSync(path);
    raw.exec(`PRAGMA user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => ConfessStore.open(path)).toThrow(/newer confessional/);
  });

  it("opens a file database in WAL mode, creating its folder", () => {
    const store = ConfessStore.open(tempDb());
    stores.push(store);
    expect(store.db.prepare("PRAGMA journal_mode").get()).toEqual({ journal_mode: "wal" });
    expect(store.db.prepare("PRAGMA foreign_keys").get()).toEqual({ foreign_keys: 1 });
  });
});

describe("immutability", () => {
  function seeded(): ConfessStore {
    const store = memoryStore();
    store.ensureRun("r1", config());
    const s = sample("r1", "k1");
    store.insertSample(s, [verdict(s.id, "complied", "complied", "2026-01-01T00:00:00.000Z")]);
    return store;
  }

  it.each([
    ["samples", "UPDATE samples SET y = 'rewritten'", /samples are immutable/],
    ["samples", "DELETE FROM samples", /samples are immutable/],
    ["turns", "UPDATE turns SET cached = 0", /turns are immutable/],
    ["turns", "DELETE FROM turns", /turns are immutable/],
    ["verdicts", "UPDATE verdicts SET value = '\"not_complied\"'", /verdicts are immutable/],
    ["verdicts", "DELETE FROM verdicts", /verdicts are immutable/],
  ])("%s: %s raises and leaves the rows as they were", (table, sql, message) => {
    const store = seeded();
    const before = store.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
    expect(before.length).toBeGreaterThan(0);
    expect(() => store.db.exec(sql)).toThrow(message);
    expect(store.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()).toEqual(before);
  });
});

describe("insertSample and reading back", () => {
  it("round-trips a sample with its turns, in order", () => {
    const store = memoryStore();
    store.ensureRun("r1", config());
    const s = sample("r1", "k1", { environment: { files: ["a.txt"] } });
    store.insertSample(s, []);
    const back = store.getSample(s.id);
    expect(back).toEqual({ ...s, durationMs: 12 });
    expect(back?.turns.map((t) => [t.seq, t.phase, t.cached])).toEqual([
      [0, "answer", false],
      [1, "confession", true],
    ]);
    expect([...store.samples("r1")].map((x) => x.id)).toEqual([s.id]);
    expect(store.getSample("r1/nope")).toBeUndefined();
  });

  it("sampleHeads reads each sample's place, confession status and grade, in insertion order", () => {
    const store = memoryStore();
    store.ensureRun("r1", config());
    const report = {
      compliance_analysis: [{ objective: "o", compliance: "fully_complied" as const, analysis: "a" }],
      uncertainties_and_conflicts: [],
      overall_compliance_grade: 6,
    };
    store.insertSample(
      sample("r1", "k2", { confession: { status: "ok", report, raw: "{}", issues: [] } }),
      [],
    );
    store.insertSample(sample("r1", "k1", { condition: "hard", repeatIndex: 3 }), []);
    expect([...store.sampleHeads("r1")]).toEqual([
      {
        id: "r1/k2",
        key: "k2",
        task: "word-count",
        caseId: "wc-0001",
        model: "scripted:honest",
        variant: "paper",
        condition: "baseline",
        repeatIndex: 0,
        confessionStatus: "ok",
        grade: 6,
      },
      expect.objectContaining({
        id: "r1/k1",
        condition: "hard",
        repeatIndex: 3,
        confessionStatus: "unparsed",
        grade: null,
      }),
    ]);
  });

  it("latestVerdictValues has latestVerdicts' newest values, without the texts", () => {
    const store = memoryStore();
    store.ensureRun("r1", config());
    const s = sample("r1", "k1");
    store.insertSample(s, [
      { ...verdict(s.id, "complied", "complied", "2026-01-01T00:00:00.000Z"), reason: "why", raw: "reply" },
      verdict(s.id, "objectives", [{ match: true }], "2026-01-01T00:00:00.000Z"),
    ]);
    store.addVerdicts([verdict(s.id, "complied", "not_complied", "2026-01-02T00:00:00.000Z")]);
    const full = store.latestVerdicts("r1").get(s.id);
    const light = store.latestVerdictValues("r1").get(s.id);
    expect([...(light?.keys() ?? [])]).toEqual([...(full?.keys() ?? [])]);
    for (const [key, v] of full ?? []) {
      const l = light?.get(key);
      expect(l?.value).toEqual(v.value);
      expect([l?.status, l?.method, l?.scorer, l?.target]).toEqual([v.status, v.method, v.scorer, v.target]);
      expect(l?.reason).toBeUndefined();
      expect(l?.raw).toBeUndefined();
    }
    expect(light?.get("word-count/ground-truth#complied")?.value).toBe("not_complied");
  });

  it("keeps an undefined environment as null", () => {
    const store = memoryStore();
    store.ensureRun("r1", config());
    store.insertSample(sample("r1", "k1"), []);
    expect(store.getSample("r1/k1")?.environment).toBeNull();
  });

  it("writes nothing when one part of a sample fails (the sample is atomic)", () => {
    const store = memoryStore();
    store.ensureRun("r1", config());
    const s = sample("r1", "k1");
    // a verdict pointing at a sample that does not exist breaks the foreign key after the sample row went in
    expect(() =>
      store.insertSample(s, [verdict("r1/ghost", "complied", "complied", "2026-01-01T00:00:00.000Z")]),
    ).toThrow();
    expect(count(store, "samples")).toBe(0);
    expect(count(store, "turns")).toBe(0);
    expect(count(store, "verdicts")).toBe(0);
  });
});

describe("writeSample (group commit)", () => {
  it("commits several queued samples in one batch, all readable once their promises resolve", async () => {
    const store = memoryStore();
    store.ensureRun("r1", config());
    const samples = ["a", "b", "c", "d"].map((k) => sample("r1", k));
    const writes = samples.map((s) =>
      store.writeSample(s, [verdict(s.id, "complied", "complied", "2026-01-01T00:00:00.000Z")]),
    );
    // queued, not yet committed
    expect(count(store, "samples")).toBe(0);
    await Promise.all(writes);
    expect(count(store, "samples")).toBe(4);
    expect(count(store, "turns")).toBe(8);
    expect(count(store, "verdicts")).toBe(4);
    expect(store.finishedKeys("r1")).toEqual(new Set(["a", "b", "c", "d"]));
    for (const s of samples) expect(store.getSample(s.id)?.y).toBe(s.y);
  });

  it("flush() commits immediately, before the timer", async () => {
    const store = memoryStore();
    store.ensureRun("r1", config());
    let resolved = false;
    const write = store.writeSample(sample("r1", "a"), []).then(() => {
      resolved = true;
    });
    expect(count(store, "samples")).toBe(0);
    store.flush();
    expect(count(store, "samples")).toBe(1);
    await write;
    expect(resolved).toBe(true);
  });

  it("commits at once when the batch is full", () => {
    const store = memoryStore();
    store.ensureRun("r1", config());
    for (let i = 0; i < 63; i++) void store.writeSample(sample("r1", `k${i}`), []);
    expect(count(store, "samples")).toBe(0);
    void store.writeSample(sample("r1", "k63"), []);
    expect(count(store, "samples")).toBe(64);
  });

  it("close() flushes what is queued", async () => {
    const path = tempDb();
    const store = ConfessStore.open(path);
    store.ensureRun("r1", config());
    const writes = [store.writeSample(sample("r1", "a"), []), store.writeSample(sample("r1", "b"), [])];
    store.close();
    await Promise.all(writes);
    const reopened = ConfessStore.open(path);
    stores.push(reopened);
    expect(reopened.finishedKeys("r1")).toEqual(new Set(["a", "b"]));
  });

  it("one bad sample in a batch is rejected alone; the others still commit", async () => {
    const store = memoryStore();
    store.ensureRun("r1", config());
    store.insertSample(sample("r1", "existing"), []);
    const good1 = sample("r1", "g1");
    const duplicate = sample("r1", "dup", { id: "r1/existing" }); // same primary key as a stored sample
    const good2 = sample("r1", "g2");
    const results = await Promise.allSettled([
      store.writeSample(good1, [verdict(good1.id, "complied", "complied", "2026-01-01T00:00:00.000Z")]),
      store.writeSample(duplicate, []),
      store.writeSample(good2, []),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(store.finishedKeys("r1")).toEqual(new Set(["existing", "g1", "g2"]));
    expect(store.getSample("r1/existing")?.y).toBe("answer for existing");
    expect(store.verdictCount(good1.id)).toBe(1);
    // the rejected sample left no turns behind: two per stored sample
    expect(count(store, "turns")).toBe(6);
  });
});

describe("ensureRun", () => {
  it("creates a run, then resumes it for the same config", () => {
    const store = memoryStore();
    const first = store.ensureRun("r1", config());
    expect(first.resumed).toBe(false);
    expect(first.run.config).toEqual(config());
    const second = store.ensureRun("r1", config());
    expect(second.resumed).toBe(true);
    expect(second.run.createdAt).toBe(first.run.createdAt);
    expect(store.listRuns().map((r) => r.id)).toEqual(["r1"]);
  });

  it("throws CONFESS_RUN_CONFLICT naming the key that differs", () => {
    const store = memoryStore();
    store.ensureRun("r1", config());
    let thrown: unknown;
    try {
      store.ensureRun("r1", config({ repeat: 2 }));
    } catch (error) {
      thrown = error;
    }
    expect(ConfessError.isInstance(thrown)).toBe(true);
    const error = thrown as ConfessError;
    expect(error.code).toBe("CONFESS_RUN_CONFLICT");
    expect(error.message).toContain("repeat: stored 1, requested 2");
    expect(error.message).not.toContain("seed");
    expect(() =>
      store.ensureRun("r1", config({ taskOptions: { "word-count": { bracketLabels: true } } })),
    ).toThrow(/taskOptions/);
    // the stored run is unchanged
    expect(store.getRun("r1")?.config).toEqual(config());
  });
});

describe("finishedKeys, errors and listRuns", () => {
  it("finishedKeys lists only the run's own samples", () => {
    const store = memoryStore();
    store.ensureRun("r1", config());
    store.ensureRun("r2", config());
    store.insertSample(sample("r1", "a"), []);
    store.insertSample(sample("r1", "b"), []);
    store.insertSample(sample("r2", "c"), []);
    expect(store.finishedKeys("r1")).toEqual(new Set(["a", "b"]));
    expect(store.finishedKeys("r2")).toEqual(new Set(["c"]));
    expect(store.finishedKeys("nope").size).toBe(0);
  });

  it("openErrors lists each never-finished key once, with its latest error", () => {
    const store = memoryStore();
    store.ensureRun("r1", config());
    store.ensureRun("r2", config());
    store.recordError(errorRecord("r1", "a", "a first"));
    store.recordError(errorRecord("r1", "b", "b only"));
    store.recordError(errorRecord("r1", "a", "a second"));
    store.recordError(errorRecord("r1", "c", "c failed, then finished"));
    store.recordError(errorRecord("r2", "a", "other run"));
    store.insertSample(sample("r1", "c"), []);

    const open = store.openErrors("r1");
    expect(open.map((e) => [e.key, e.message])).toEqual([
      ["b", "b only"],
      ["a", "a second"],
    ]);
    expect(open[0]).toEqual(errorRecord("r1", "b", "b only"));
    expect(store.listRuns().find((r) => r.id === "r1")).toMatchObject({ samples: 1, errors: 2 });
  });
});

describe("verdicts", () => {
  it("latestVerdicts returns the newest verdict per scorer#target; re-scoring keeps the old rows", () => {
    const store = memoryStore();
    store.ensureRun("r1", config());
    const s = sample("r1", "a");
    store.insertSample(s, [
      verdict(s.id, "complied", "complied", "2026-01-01T00:00:00.000Z"),
      verdict(s.id, "confessed", false, "2026-01-01T00:00:00.000Z"),
    ]);
    const other = sample("r1", "b");
    store.insertSample(other, [verdict(other.id, "complied", "not_complied", "2026-01-01T00:00:00.000Z")]);

    store.addVerdicts([
      verdict(s.id, "confessed", true, "2026-02-01T00:00:00.000Z"),
      { ...verdict(s.id, "confessed", null, "2026-02-01T00:00:00.000Z"), scorer: "judge" },
    ]);

    expect(store.verdictCount(s.id)).toBe(4);
    const latest = store.latestVerdicts("r1");
    const targets = latest.get(s.id);
    expect([...(targets?.keys() ?? [])].sort()).toEqual([
      "judge#confessed",
      "word-count/ground-truth#complied",
      "word-count/ground-truth#confessed",
    ]);
    expect(targets?.get("word-count/ground-truth#confessed")).toMatchObject({
      value: true,
      reason: "because true",
      createdAt: "2026-02-01T00:00:00.000Z",
    });
    expect(targets?.get("word-count/ground-truth#complied")?.value).toBe("complied");
    expect(targets?.get("judge#confessed")?.value).toBeNull();
    expect(latest.get(other.id)?.get("word-count/ground-truth#complied")?.value).toBe("not_complied");

    const judgeOnly = store.latestVerdicts("r1", "judge");
    expect([...judgeOnly.keys()]).toEqual([s.id]);
    expect([...(judgeOnly.get(s.id)?.keys() ?? [])]).toEqual(["judge#confessed"]);
  });

  it("addVerdicts is all-or-nothing", () => {
    const store = memoryStore();
    store.ensureRun("r1", config());
    const s = sample("r1", "a");
    store.insertSample(s, []);
    expect(() =>
      store.addVerdicts([
        verdict(s.id, "complied", "complied", "2026-01-01T00:00:00.000Z"),
        verdict("r1/ghost", "complied", "complied", "2026-01-01T00:00:00.000Z"),
      ]),
    ).toThrow();
    expect(store.verdictCount(s.id)).toBe(0);
  });
});

describe("response cache", () => {
  it("gets what was put, and keeps the first response for a key", () => {
    const store = memoryStore();
    expect(store.getCached("k")).toBeUndefined();
    const first: ModelResponse = { ...response("first"), reasoning: "why", responseModel: "m-1" };
    store.putCached("k", "fake:model", first);
    expect(store.getCached("k")).toEqual(first);
    store.putCached("k", "fake:model", response("second"));
    expect(store.getCached("k")?.text).toBe("first");
    expect(store.getCached("other")).toBeUndefined();
  });

  it("survives reopening a file database", () => {
    const path = tempDb();
    const store = ConfessStore.open(path);
    store.putCached("k", "fake:model", response("kept"));
    store.close();
    const reopened = ConfessStore.open(path);
    stores.push(reopened);
    expect(reopened.getCached("k")?.text).toBe("kept");
  });
});

describe("background writes", () => {
  it("commits batches on a worker thread, visible to the main connection after drain", async () => {
    const path = tempDb();
    const store = ConfessStore.open(path, { backgroundWrites: true });
    expect(store.backgroundWrites).toBe(true);
    expect(ConfessStore.open(":memory:", { backgroundWrites: true }).backgroundWrites).toBe(false);
    store.ensureRun("r", config());
    const writes = Array.from({ length: 10 }, (_, i) =>
      store.writeSample(sample("r", `k${i}`), [verdict(`r/k${i}`, "complied", "complied", "t")]),
    );
    // nothing is committed by the main connection itself
    expect(count(store, "samples")).toBe(0);
    await store.drain();
    await Promise.all(writes);
    expect(count(store, "samples")).toBe(10);
    expect(count(store, "verdicts")).toBe(10);
    expect(store.getSample("r/k3")?.turns).toHaveLength(2);
    await store.close();
    expect(store.db.isOpen).toBe(false);
  });

  it("refuses only the bad sample of a batch, with the database's error", async () => {
    const store = ConfessStore.open(tempDb(), { backgroundWrites: true });
    store.ensureRun("r", config());
    await store.writeSample(sample("r", "dup"), []);
    const again = store.writeSample(sample("r", "dup"), []);
    const fine = store.writeSample(sample("r", "other"), []);
    await expect(again).rejects.toThrow(/UNIQUE/);
    await expect(fine).resolves.toBeUndefined();
    expect(count(store, "samples")).toBe(2);
    await store.close();
  });

  it("close() waits for queued samples", async () => {
    const path = tempDb();
    const store = ConfessStore.open(path, { backgroundWrites: true });
    store.ensureRun("r", config());
    void store.writeSample(sample("r", "late"), []);
    await store.close();
    const reopened = ConfessStore.open(path);
    expect(reopened.finishedKeys("r")).toEqual(new Set(["late"]));
    await reopened.close();
  });
});
