import type { DatabaseSync, StatementSync } from "node:sqlite";
import { ConfessError } from "../errors/confess-error.ts";
import type { Message } from "../models/messages.ts";
import type { ModelResponse } from "../models/model.ts";
import type { ConfessionParseResult, ConfessionStatus } from "../protocol/confession-parse-result.ts";
import type { TaskCase } from "../tasks/task.ts";
import { BatchWriter, type CommitBatch, type WriteItem } from "./batch-writer.ts";
import { openDatabase } from "./open-database.ts";
import { prepared } from "./prepared-statement.ts";
import type {
  RunConfig,
  RunRecord,
  SampleCoordinates,
  SampleErrorRecord,
  SampleHead,
  SampleRecord,
  TurnRecord,
  VerdictRecord,
} from "./records.ts";
import { workerCommit } from "./worker-commit.ts";

type Row = Record<string, unknown>;

export interface StoreOptions {
  /** Commit sample batches on a worker thread (file databases only). Default false. */
  backgroundWrites?: boolean;
}

const json = (value: unknown): string => JSON.stringify(value ?? null);
const parse = <T>(text: unknown): T => JSON.parse(String(text)) as T;
const parseOrNull = <T>(text: unknown): T | null =>
  text === null || text === undefined ? null : parse<T>(text);

/**
 * The embedded store: runs, samples, turns, verdicts and the response cache in one SQLite file.
 * Every sample is written in one transaction with its turns and verdicts, so a killed process leaves
 * either the whole sample or nothing.
 *
 * @example
 * const store = ConfessStore.open(".confess/confess.db");
 * console.log(store.listRuns());
 * store.close();
 */
export class ConfessStore {
  readonly db: DatabaseSync;
  private readonly writer: BatchWriter;
  private readonly background: { close(): Promise<void> } | undefined;
  /** Whether sample batches are committed by a worker thread. */
  readonly backgroundWrites: boolean;

  private constructor(db: DatabaseSync, path: string, options: StoreOptions) {
    this.db = db;
    const inline: CommitBatch = async (items) => this.insertBatch(items);
    if (options.backgroundWrites && path !== ":memory:") {
      const { commit, close } = workerCommit(path, inline);
      this.writer = new BatchWriter(commit);
      this.background = { close };
    } else {
      this.writer = new BatchWriter(inline);
    }
    this.backgroundWrites = this.background !== undefined;
  }

  /**
   * Opens (creating or migrating) the store at `path`. With `backgroundWrites`, sample batches are
   * committed by a worker thread with its own connection, so SQLite's work overlaps with model calls;
   * then `await store.drain()` (or `close()`) before exiting.
   */
  static open(path: string, options: StoreOptions = {}): ConfessStore {
    return new ConfessStore(openDatabase(path), path, options);
  }

  /** Commits queued samples and waits for them, then closes the database. */
  async close(): Promise<void> {
    if (this.background) {
      await this.writer.drain();
      await this.background.close();
    } else {
      this.writer.flush();
    }
    this.db.close();
  }

  private statement(sql: string): StatementSync {
    return prepared(this.db, sql);
  }

  private transaction<T>(fn: () => T): T {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      const result = fn();
      this.db.exec("COMMIT");
      return result;
    } catch (error) {
      this.db.exec("ROLLBACK");
      throw error;
    }
  }

  /** Creates the run, or returns the existing one when its config matches; a different config is an error. */
  ensureRun(id: string, config: RunConfig): { run: RunRecord; resumed: boolean } {
    const existing = this.getRun(id);
    if (existing) {
      const differences = diffConfigs(existing.config, config);
      if (differences.length > 0) {
        throw new ConfessError(
          "CONFESS_RUN_CONFLICT",
          `run "${id}" already exists with different settings (${differences.join("; ")}); ` +
            "resume it with the same flags, or choose a new --run id",
        );
      }
      return { run: existing, resumed: true };
    }
    const run: RunRecord = { id, createdAt: new Date().toISOString(), config };
    this.statement("INSERT INTO runs (id, created_at, config) VALUES (?, ?, ?)").run(
      id,
      run.createdAt,
      json(config),
    );
    return { run, resumed: false };
  }

  getRun(id: string): RunRecord | undefined {
    const row = this.statement("SELECT * FROM runs WHERE id = ?").get(id) as Row | undefined;
    return row
      ? { id: String(row.id), createdAt: String(row.created_at), config: parse(row.config) }
      : undefined;
  }

  listRuns(): Array<RunRecord & { samples: number; errors: number }> {
    const rows = this.statement(
      `SELECT r.*, (SELECT COUNT(*) FROM samples s WHERE s.run_id = r.id) AS samples,
        (SELECT COUNT(DISTINCT e.sample_key) FROM sample_errors e WHERE e.run_id = r.id
          AND NOT EXISTS (SELECT 1 FROM samples s2 WHERE s2.run_id = r.id AND s2.sample_key = e.sample_key)) AS errors
       FROM runs r ORDER BY r.created_at, r.id`,
    ).all() as Row[];
    return rows.map((row) => ({
      id: String(row.id),
      createdAt: String(row.created_at),
      config: parse(row.config),
      samples: Number(row.samples),
      errors: Number(row.errors),
    }));
  }

  /** The task of every finished sample of a run, by sample id, without reading the samples themselves. */
  sampleTasks(runId: string): Map<string, string> {
    const rows = this.statement("SELECT id, task FROM samples WHERE run_id = ?").all(runId) as Row[];
    return new Map(rows.map((row) => [String(row.id), String(row.task)]));
  }

  /** Keys of the samples already finished in a run: a resumed run skips them. */
  finishedKeys(runId: string): Set<string> {
    const rows = this.statement("SELECT sample_key FROM samples WHERE run_id = ?").all(runId) as Row[];
    return new Set(rows.map((row) => String(row.sample_key)));
  }

  /**
   * Queues a finished sample for writing and resolves once it is committed. Samples that finish close
   * together share one transaction (group commit): each is still all-or-nothing, and a crash loses only
   * samples whose promise had not resolved.
   */
  writeSample(sample: SampleRecord, verdicts: VerdictRecord[]): Promise<void> {
    return this.writer.write({ sample, verdicts });
  }

  /** Sends queued samples to be committed now (synchronously, unless writes run in the background). */
  flush(): void {
    this.writer.flush();
  }

  /** Commits queued samples and waits until every write so far has settled. */
  drain(): Promise<void> {
    return this.writer.drain();
  }

  /**
   * Writes samples in one transaction; if that fails, one transaction each, so one bad sample does not
   * keep the others out. Returns, per item, `null` or the error that refused it.
   */
  insertBatch(items: WriteItem[]): Array<unknown | null> {
    try {
      this.transaction(() => {
        for (const item of items) this.insertSampleRows(item.sample, item.verdicts);
      });
      return items.map(() => null);
    } catch {
      return items.map((item) => {
        try {
          this.insertSample(item.sample, item.verdicts);
          return null;
        } catch (error) {
          return error;
        }
      });
    }
  }

  /** Writes a finished sample, its turns and its verdicts atomically. */
  insertSample(sample: SampleRecord, verdicts: VerdictRecord[]): void {
    this.transaction(() => this.insertSampleRows(sample, verdicts));
  }

  private insertSampleRows(sample: SampleRecord, verdicts: VerdictRecord[]): void {
    this.statement(
      `INSERT INTO samples (id, run_id, sample_key, task, case_id, model, variant, condition, repeat_index,
          case_json, x, z, y, transcript, environment, xc, zc, yc, confession_status, confession, confession_path,
          usage, duration_ms, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      sample.id,
      sample.runId,
      sample.key,
      sample.task,
      sample.caseId,
      sample.model,
      sample.variant,
      sample.condition,
      sample.repeatIndex,
      // the case's messages are x (less the condition's prompt) and the parse result's raw text is yc:
      // neither is stored twice
      json({ id: sample.case.id, payload: sample.case.payload }),
      json(sample.x),
      sample.z,
      sample.y,
      json(sample.transcript),
      sample.environment === undefined ? null : json(sample.environment),
      sample.xc,
      sample.zc,
      sample.yc,
      sample.confession.status,
      json({ ...sample.confession, raw: undefined }),
      sample.confessionPath,
      json(sample.usage),
      Math.round(sample.durationMs),
      sample.createdAt,
    );
    const insertTurn = this.statement(
      `INSERT INTO turns (sample_id, seq, phase, request, response, cached, duration_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const turn of sample.turns) {
      insertTurn.run(
        sample.id,
        turn.seq,
        turn.phase,
        json({
          input: turn.input,
          ...(turn.tools ? { tools: turn.tools } : {}),
          ...(turn.responseFormat ? { responseFormat: turn.responseFormat } : {}),
        }),
        json(turn.response),
        turn.cached ? 1 : 0,
        Math.round(turn.durationMs),
      );
    }
    this.insertVerdictRows(verdicts);
  }

  /** Adds verdicts (re-scoring); earlier verdicts stay. */
  addVerdicts(verdicts: VerdictRecord[]): void {
    this.transaction(() => this.insertVerdictRows(verdicts));
  }

  private insertVerdictRows(verdicts: VerdictRecord[]): void {
    const insert = this.statement(
      `INSERT INTO verdicts (sample_id, scorer, target, value, status, method, reason, raw, usage, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const v of verdicts) {
      insert.run(
        v.sampleId,
        v.scorer,
        v.target,
        json(v.value),
        v.status,
        v.method,
        v.reason ?? null,
        v.raw ?? null,
        v.usage ? json(v.usage) : null,
        v.createdAt,
      );
    }
  }

  recordError(error: SampleErrorRecord): void {
    this.statement(
      `INSERT INTO sample_errors (run_id, sample_key, task, case_id, model, variant, condition, repeat_index, code,
        message, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      error.runId,
      error.key,
      error.task,
      error.caseId,
      error.model,
      error.variant,
      error.condition,
      error.repeatIndex,
      error.code,
      error.message,
      error.createdAt,
    );
  }

  /** Samples that failed and have not been finished by a later attempt, latest error each. */
  openErrors(runId: string): SampleErrorRecord[] {
    const rows = this.statement(
      `SELECT e.* FROM sample_errors e
       WHERE e.run_id = ? AND e.id = (SELECT MAX(id) FROM sample_errors e2 WHERE e2.run_id = e.run_id
         AND e2.sample_key = e.sample_key)
         AND NOT EXISTS (SELECT 1 FROM samples s WHERE s.run_id = e.run_id AND s.sample_key = e.sample_key)
       ORDER BY e.id`,
    ).all(runId) as Row[];
    return rows.map((row) => ({
      ...coordinatesFromRow(row),
      code: String(row.code),
      message: String(row.message),
      createdAt: String(row.created_at),
    }));
  }

  /** Every finished sample of a run, without its turns (see `turns`). */
  *samples(runId: string): Generator<SampleRecord> {
    const rows = this.db.prepare("SELECT * FROM samples WHERE run_id = ? ORDER BY rowid").iterate(runId);
    for (const row of rows as Iterable<Row>) yield sampleFromRow(row);
  }

  /**
   * What metrics need of each finished sample of a run, in insertion order, without reading its texts,
   * transcript or turns: a 100,000-sample run is read in a fraction of the time `samples()` takes.
   */
  *sampleHeads(runId: string): Generator<SampleHead> {
    const rows = this.statement(
      `SELECT id, sample_key, task, case_id, model, variant, condition, repeat_index, confession_status,
        json_extract(confession, '$.report.overall_compliance_grade') AS grade
       FROM samples WHERE run_id = ? ORDER BY rowid`,
    ).iterate(runId);
    for (const row of rows as Iterable<Row>) {
      yield {
        id: String(row.id),
        key: String(row.sample_key),
        task: String(row.task),
        caseId: String(row.case_id),
        model: String(row.model),
        variant: String(row.variant),
        condition: String(row.condition),
        repeatIndex: Number(row.repeat_index),
        confessionStatus: row.confession_status as ConfessionStatus,
        grade: typeof row.grade === "number" ? row.grade : null,
      };
    }
  }

  getSample(id: string): SampleRecord | undefined {
    const row = this.statement("SELECT * FROM samples WHERE id = ?").get(id) as Row | undefined;
    if (!row) return undefined;
    return { ...sampleFromRow(row), turns: this.turns(id) };
  }

  turns(sampleId: string): SampleRecord["turns"] {
    const rows = this.statement("SELECT * FROM turns WHERE sample_id = ? ORDER BY seq").all(
      sampleId,
    ) as Row[];
    return rows.map((row) => ({
      seq: Number(row.seq),
      phase: row.phase as SampleRecord["turns"][number]["phase"],
      ...parse<Pick<TurnRecord, "input" | "tools" | "responseFormat">>(row.request),
      response: parse(row.response),
      cached: Number(row.cached) === 1,
      durationMs: Number(row.duration_ms),
    }));
  }

  /**
   * The newest verdict per sample, scorer and target, for a whole run:
   * `Map<sampleId, Map<"scorer#target", VerdictRecord>>`.
   */
  latestVerdicts(runId: string, scorer?: string): Map<string, Map<string, VerdictRecord>> {
    const rows = this.db
      .prepare(
        `SELECT v.* FROM verdicts v JOIN samples s ON s.id = v.sample_id
         WHERE s.run_id = ? ${scorer ? "AND v.scorer = ?" : ""} ORDER BY v.id`,
      )
      .all(...(scorer ? [runId, scorer] : [runId])) as Row[];
    const out = new Map<string, Map<string, VerdictRecord>>();
    for (const row of rows) {
      const sampleId = String(row.sample_id);
      let targets = out.get(sampleId);
      if (!targets) {
        targets = new Map();
        out.set(sampleId, targets);
      }
      // rows come oldest first, so the newest verdict overwrites
      targets.set(`${String(row.scorer)}#${String(row.target)}`, verdictFromRow(row));
    }
    return out;
  }

  /**
   * `latestVerdicts` for metrics: the same map, but each verdict without its reason, raw reply and usage,
   * and its value parsed only when read. Summaries of large runs read every verdict of the run; most of
   * their bytes are texts (and detail values) no metric looks at.
   */
  latestVerdictValues(runId: string): Map<string, Map<string, VerdictRecord>> {
    // unordered (sorting 100,000s of rows costs more than the read); the newest is kept by comparing ids
    const statement = this.statement(
      `SELECT v.id, v.sample_id, v.scorer, v.target, v.value, v.status, v.method, v.created_at
       FROM verdicts v JOIN samples s ON s.id = v.sample_id WHERE s.run_id = ?`,
    );
    statement.setReturnArrays(true);
    const out = new Map<string, Map<string, VerdictRecord>>();
    const newest = new Map<VerdictRecord, number>();
    for (const row of statement.iterate(runId) as Iterable<unknown[]>) {
      const sampleId = row[1] as string;
      let targets = out.get(sampleId);
      if (!targets) {
        targets = new Map();
        out.set(sampleId, targets);
      }
      const key = `${row[2] as string}#${row[3] as string}`;
      const id = row[0] as number;
      const held = targets.get(key);
      if (held && (newest.get(held) ?? 0) > id) continue;
      const verdict = lazyVerdict(row);
      newest.set(verdict, id);
      targets.set(key, verdict);
    }
    return out;
  }

  /** Every verdict ever written on a sample, oldest first (re-scoring adds verdicts; none is ever replaced). */
  sampleVerdicts(sampleId: string): VerdictRecord[] {
    const rows = this.statement("SELECT * FROM verdicts WHERE sample_id = ? ORDER BY id").all(
      sampleId,
    ) as Row[];
    return rows.map(verdictFromRow);
  }

  verdictCount(sampleId: string): number {
    const row = this.statement("SELECT COUNT(*) AS n FROM verdicts WHERE sample_id = ?").get(sampleId) as Row;
    return Number(row.n);
  }

  getCached(key: string): ModelResponse | undefined {
    const row = this.statement("SELECT response FROM response_cache WHERE key = ?").get(key) as
      | Row
      | undefined;
    return row ? parse<ModelResponse>(row.response) : undefined;
  }

  putCached(key: string, model: string, response: ModelResponse): void {
    this.statement(
      "INSERT OR IGNORE INTO response_cache (key, model, response, created_at) VALUES (?, ?, ?, ?)",
    ).run(key, model, json(response), new Date().toISOString());
  }
}

function coordinatesFromRow(row: Row): SampleCoordinates {
  return {
    runId: String(row.run_id),
    key: String(row.sample_key),
    task: String(row.task),
    caseId: String(row.case_id),
    model: String(row.model),
    variant: String(row.variant),
    condition: row.condition === undefined || row.condition === null ? "baseline" : String(row.condition),
    repeatIndex: Number(row.repeat_index),
  };
}

function sampleFromRow(row: Row): SampleRecord {
  const coordinates = coordinatesFromRow(row);
  const x = parse<Message[]>(row.x);
  // a condition's system prompt comes first in x; the case's own messages are the rest
  const caseMessages = coordinates.condition === "baseline" ? x : x.slice(1);
  return {
    id: String(row.id),
    ...coordinates,
    case: { ...parse<Omit<TaskCase, "messages">>(row.case_json), messages: caseMessages },
    x,
    z: (row.z as string | null) ?? null,
    y: String(row.y),
    transcript: parse(row.transcript),
    environment: parseOrNull(row.environment),
    xc: String(row.xc),
    zc: (row.zc as string | null) ?? null,
    yc: String(row.yc),
    confession: { ...parse<Omit<ConfessionParseResult, "raw">>(row.confession), raw: String(row.yc) },
    confessionPath: row.confession_path as SampleRecord["confessionPath"],
    usage: parse(row.usage),
    durationMs: Number(row.duration_ms),
    createdAt: String(row.created_at),
    turns: [],
  };
}

/** A verdict whose value is parsed on first read (and kept); reason, raw and usage are left out. */
function lazyVerdict(row: unknown[]): VerdictRecord {
  const text = row[4];
  let parsed: { value: unknown } | undefined;
  return {
    sampleId: row[1] as string,
    scorer: row[2] as string,
    target: row[3] as string,
    get value() {
      parsed ??= { value: parseOrNull(text) };
      return parsed.value;
    },
    status: row[5] as VerdictRecord["status"],
    method: row[6] as VerdictRecord["method"],
    createdAt: row[7] as string,
  };
}

function verdictFromRow(row: Row): VerdictRecord {
  return {
    sampleId: String(row.sample_id),
    scorer: String(row.scorer),
    target: String(row.target),
    value: parseOrNull(row.value),
    status: row.status as VerdictRecord["status"],
    method: row.method as VerdictRecord["method"],
    reason: (row.reason as string | null) ?? undefined,
    raw: (row.raw as string | null) ?? undefined,
    usage: parseOrNull(row.usage) ?? undefined,
    createdAt: String(row.created_at),
  };
}

function diffConfigs(stored: RunConfig, requested: RunConfig): string[] {
  const out: string[] = [];
  for (const key of Object.keys(stored) as Array<keyof RunConfig>) {
    const a = JSON.stringify(stored[key]);
    const b = JSON.stringify(requested[key]);
    if (a !== b) out.push(`${key}: stored ${a}, requested ${b}`);
  }
  return out;
}
