// A lab run's log mirrored into the project's database (`lab_runs`, `lab_records`), so the viewer can draw
// its curves while it trains. The log file in the run directory stays the source of truth: every start or
// resume first rewrites the database's copy from it, so a kill between the two writes heals on the next run.
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import type { ConfessStore } from "../../store/confess-store.ts";
import { prepared } from "../../store/prepared-statement.ts";
import { configHash, type LabTrainConfig } from "./lab-train-config.ts";
import type { LabLogRecord } from "./train-lab.ts";

/** A stored lab run, without its records. */
export interface LabRunHead {
  id: string;
  name: string;
  /** The run directory (checkpoints and metrics.jsonl), as an absolute path. */
  dir: string;
  config: LabTrainConfig;
  configHash: string;
  totalSteps: number;
  /** The last GRPO step recorded (0: only the warm start so far). */
  lastStep: number;
  /** The newest record: the final evaluation of a finished run, the latest step's metrics of one under way. */
  latest: LabLogRecord | null;
  createdAt: string;
  updatedAt: string;
}

/** Appends a run's records as training writes them. */
export interface LabRunWriter {
  readonly id: string;
  append(record: LabLogRecord): void;
}

// a counter, not the clock, orders the list: two runs can be updated in the same millisecond
const NEXT_TOUCH = "(SELECT COALESCE(MAX(touched), 0) + 1 FROM lab_runs)";

/**
 * The id of the lab run kept in `dir`: a hash of its absolute path, so re-running (resuming) the same
 * directory updates the same stored run.
 *
 * @example
 * labRunId(".confess/lab/separate-seed1-ab12cd34"); // "lab-3f9a0c1e2b4d"
 */
export function labRunId(dir: string): string {
  return `lab-${createHash("sha256").update(resolve(dir)).digest("hex").slice(0, 12)}`;
}

/**
 * Stores (or re-stores) a lab run and the records its log holds now, replacing what the database had for
 * it, and returns a writer for the records that follow.
 *
 * @example
 * const writer = syncLabRun(store, { dir, name, config, records: result.records });
 * writer.append(nextRecord);
 */
export function syncLabRun(
  store: ConfessStore,
  run: {
    dir: string;
    name: string;
    config: LabTrainConfig;
    records: readonly LabLogRecord[];
  },
): LabRunWriter {
  const id = labRunId(run.dir);
  const now = new Date().toISOString();
  const db = store.db;
  let seq = 0;
  const insert = (record: LabLogRecord) =>
    prepared(db, "INSERT INTO lab_records (lab_run_id, seq, kind, step, record) VALUES (?, ?, ?, ?, ?)").run(
      id,
      seq++,
      record.kind,
      record.step,
      JSON.stringify(record),
    );
  db.exec("BEGIN IMMEDIATE");
  try {
    prepared(
      db,
      `INSERT INTO lab_runs (id, name, dir, config, config_hash, total_steps, created_at, updated_at, touched)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ${NEXT_TOUCH})
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, config = excluded.config,
         config_hash = excluded.config_hash, total_steps = excluded.total_steps, updated_at = excluded.updated_at,
         touched = excluded.touched`,
    ).run(
      id,
      run.name,
      resolve(run.dir),
      JSON.stringify(run.config),
      configHash(run.config),
      run.config.steps,
      now,
      now,
    );
    prepared(db, "DELETE FROM lab_records WHERE lab_run_id = ?").run(id);
    for (const record of run.records) insert(record);
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
  return {
    id,
    append(record) {
      insert(record);
      prepared(db, `UPDATE lab_runs SET updated_at = ?, touched = ${NEXT_TOUCH} WHERE id = ?`).run(
        new Date().toISOString(),
        id,
      );
    },
  };
}

// records are logged in step order, so the newest one also carries the last step
const HEAD_SQL = `SELECT r.*,
    (SELECT record FROM lab_records WHERE lab_run_id = r.id ORDER BY seq DESC LIMIT 1) AS latest
  FROM lab_runs r`;

function headOf(row: Record<string, unknown>): LabRunHead {
  const latest = row.latest === null ? null : (JSON.parse(String(row.latest)) as LabLogRecord);
  return {
    id: String(row.id),
    name: String(row.name),
    dir: String(row.dir),
    config: JSON.parse(String(row.config)) as LabTrainConfig,
    configHash: String(row.config_hash),
    totalSteps: Number(row.total_steps),
    lastStep: latest?.step ?? 0,
    latest,
    createdAt: String(row.created_at),
    updatedAt: String(row.updated_at),
  };
}

/**
 * The stored lab runs, most recently updated first.
 *
 * @example
 * listLabRuns(store).map((r) => `${r.name}: ${r.lastStep}/${r.totalSteps}`);
 */
export function listLabRuns(store: ConfessStore): LabRunHead[] {
  const rows = prepared(store.db, `${HEAD_SQL} ORDER BY r.touched DESC`).all() as Array<
    Record<string, unknown>
  >;
  return rows.map(headOf);
}

/**
 * One stored lab run with its records in log order, or undefined.
 *
 * @example
 * getLabRun(store, id)?.records.filter((r) => r.kind === "eval");
 */
export function getLabRun(
  store: ConfessStore,
  id: string,
): { head: LabRunHead; records: LabLogRecord[] } | undefined {
  const row = prepared(store.db, `${HEAD_SQL} WHERE r.id = ?`).get(id) as Record<string, unknown> | undefined;
  if (row === undefined) return undefined;
  const records = (
    prepared(store.db, "SELECT record FROM lab_records WHERE lab_run_id = ? ORDER BY seq").all(id) as Array<{
      record: string;
    }>
  ).map((r) => JSON.parse(r.record) as LabLogRecord);
  return { head: headOf(row), records };
}
