import type { DatabaseSync } from "node:sqlite";
import type { ConfessStore } from "../store/confess-store.ts";
import { prepared } from "../store/prepared-statement.ts";
import { buildEvalSummary, type EvalSummary } from "./eval-summary.ts";
import { emptyCellCounts, type SampleCell, sampleCellOf } from "./sample-cell.ts";
import {
  type IdentifiedScoredSample,
  loadIdentifiedScoredSamples,
  loadScoredSamples,
  type RunScoredSample,
} from "./scored-samples.ts";

/** Sample counts per task and cell, every cell present. */
export type RunCells = Record<string, Record<SampleCell, number>>;

/** A run's summary and cell counts, as served, with the watermark they were computed at. */
export interface RunView {
  /** Exactly `buildEvalSummary(store, runId)` (what `confess runs show <id> --json` prints). */
  summary: EvalSummary;
  cells: RunCells;
  /** The run's watermark, as text: equal texts mean the same samples, errors and verdicts. */
  watermark: string;
  /** When it was computed (ISO). */
  computedAt: string;
  /**
   * True when the run changed after this view was computed and the caller allowed a stale view
   * (`onStale`): its numbers are those of `computedAt`.
   */
  stale: boolean;
}

/** How `runView` treats a cached view the run has moved past. */
export interface RunViewOptions {
  /**
   * Given: the stale view is returned at once (`stale: true`) and this is called with the run id, for the
   * caller to recompute it elsewhere (the viewer does it on a worker thread). Absent: recomputed here.
   */
  onStale?: (runId: string) => void;
}

/** What changes when a run changes: its samples, its failures and the newest verdict on its samples. */
interface RunMark {
  samples: number;
  errors: number;
  verdict: number;
}

type Row = Record<string, unknown>;

/** O(1): the newest rowid of each table a run view is derived from. Unchanged means no run changed. */
function globalMark(db: DatabaseSync): string {
  const row = prepared(
    db,
    `SELECT (SELECT MAX(rowid) FROM samples) AS s, (SELECT MAX(id) FROM sample_errors) AS e,
      (SELECT MAX(id) FROM verdicts) AS v`,
  ).get() as Row;
  return `${Number(row.s ?? 0)}:${Number(row.e ?? 0)}:${Number(row.v ?? 0)}`;
}

/**
 * The run's own watermark, one lookup in `run_marks` (kept by triggers on every insert): samples and
 * failures ever inserted, and the newest verdict id on its samples. Any change to the run moves it.
 */
function runMark(db: DatabaseSync, runId: string): RunMark {
  const row = prepared(db, "SELECT samples, errors, verdict FROM run_marks WHERE run_id = ?").get(runId) as
    | Row
    | undefined;
  return {
    samples: Number(row?.samples ?? 0),
    errors: Number(row?.errors ?? 0),
    verdict: Number(row?.verdict ?? 0),
  };
}

const markText = (mark: RunMark): string => `${mark.samples}:${mark.errors}:${mark.verdict}`;

/** The loaded rows of the latest recompute, per store, so confidence and compare reuse them while fresh. */
const loadedRows = new WeakMap<ConfessStore, Map<string, { watermark: string; rows: RunScoredSample[] }>>();
const LOADED_RUNS_KEPT = 4;

function remember(store: ConfessStore, runId: string, watermark: string, rows: RunScoredSample[]): void {
  let runs = loadedRows.get(store);
  if (!runs) {
    runs = new Map();
    loadedRows.set(store, runs);
  }
  runs.delete(runId);
  runs.set(runId, { watermark, rows });
  // keep the few most recent: a 100,000-sample run's rows are tens of megabytes
  for (const oldest of runs.keys()) {
    if (runs.size <= LOADED_RUNS_KEPT) break;
    runs.delete(oldest);
  }
}

/**
 * A run's summary and per-task cell counts, from the `run_views` cache while the run's watermark (sample
 * count, error count, newest verdict id) is unchanged; otherwise recomputed with `buildEvalSummary` and
 * written back together with the run's `sample_outcomes` rows (one per sample, in run order) in one
 * transaction. Checking the cache costs O(1) while nothing in the database changed and a few index reads
 * otherwise; only a changed run is read whole. Undefined for an unknown run.
 *
 * @example
 * const view = runView(store, "run-1");
 * view?.summary.overall.false_negative_rate;
 * view?.cells["word-count"]?.fn; // false negatives of word-count
 */
export function runView(
  store: ConfessStore,
  runId: string,
  options: RunViewOptions = {},
): RunView | undefined {
  const { db } = store;
  const cached = prepared(
    db,
    "SELECT watermark, summary, cells, created_at FROM run_views WHERE run_id = ?",
  ).get(runId) as Row | undefined;
  const global = globalMark(db);
  if (cached) {
    const stored = JSON.parse(String(cached.watermark)) as RunMark & { global: string };
    const view = (stale = false): RunView => ({
      summary: JSON.parse(String(cached.summary)) as EvalSummary,
      cells: JSON.parse(String(cached.cells)) as RunCells,
      watermark: markText(stored),
      computedAt: String(cached.created_at),
      stale,
    });
    if (stored.global === global) return view();
    const mark = runMark(db, runId);
    if (markText(mark) === markText(stored)) {
      // something else changed: note the newer global mark so the next check is O(1) again
      prepared(db, "UPDATE run_views SET watermark = ? WHERE run_id = ?").run(
        JSON.stringify({ ...mark, global }),
        runId,
      );
      return view();
    }
    if (options.onStale) {
      options.onStale(runId);
      return view(true);
    }
  }
  if (!store.getRun(runId)) return undefined;
  return recompute(store, runId);
}

function recompute(store: ConfessStore, runId: string): RunView {
  const { db } = store;
  // one read snapshot, so the watermark, the summary and the cells describe the same rows even while
  // `confess eval` writes to the database from another process
  const own = !db.isTransaction;
  if (own) db.exec("BEGIN");
  let global: string;
  let mark: RunMark;
  let rows: IdentifiedScoredSample[];
  let summary: EvalSummary;
  try {
    global = globalMark(db);
    mark = runMark(db, runId);
    const verdicts = store.latestVerdictValues(runId);
    rows = loadIdentifiedScoredSamples(store, runId, verdicts);
    summary = buildEvalSummary(store, runId, { verdicts, samples: rows.map((row) => row.scored) });
  } finally {
    if (own) db.exec("COMMIT");
  }
  const cells: RunCells = {};
  for (const task of Object.keys(summary.tasks)) cells[task] = emptyCellCounts();
  const cellOf = rows.map((row) => sampleCellOf(row.scored));
  rows.forEach((row, i) => {
    const counts = cells[row.scored.task] ?? emptyCellCounts();
    cells[row.scored.task] = counts;
    counts[cellOf[i] as SampleCell]++;
  });
  const now = new Date().toISOString();
  const write = () => {
    prepared(db, "DELETE FROM sample_outcomes WHERE run_id = ?").run(runId);
    const insert = prepared(
      db,
      `INSERT INTO sample_outcomes (run_id, seq, sample_id, task, case_id, model, condition, variant,
        repeat_index, status, cell, grade) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    rows.forEach((row, i) => {
      const s = row.scored;
      insert.run(
        runId,
        i + 1,
        // a failed sample gets the id it will have once finished, so its link survives a resume
        row.id ?? `${runId}/${row.key}`,
        s.task,
        s.caseId,
        s.model,
        s.condition,
        s.variant,
        row.repeatIndex,
        s.status,
        cellOf[i] as SampleCell,
        s.grade,
      );
    });
    prepared(
      db,
      `INSERT INTO run_views (run_id, watermark, summary, cells, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (run_id) DO UPDATE SET watermark = excluded.watermark, summary = excluded.summary,
         cells = excluded.cells, created_at = excluded.created_at`,
    ).run(runId, JSON.stringify({ ...mark, global }), JSON.stringify(summary), JSON.stringify(cells), now);
  };
  if (own) {
    db.exec("BEGIN IMMEDIATE");
    try {
      write();
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  } else {
    write();
  }
  const watermark = markText(mark);
  remember(
    store,
    runId,
    watermark,
    rows.map((row) => row.scored),
  );
  // served as it was stored, so a fresh view and a cached one are the same JSON
  return {
    summary: JSON.parse(JSON.stringify(summary)) as EvalSummary,
    cells,
    watermark,
    computedAt: now,
    stale: false,
  };
}

/**
 * A run's `loadScoredSamples` rows, reused from the latest recompute while the run is unchanged (the
 * confidence and compare routes need every row; a changed run is read again). Undefined for an unknown run.
 *
 * @example
 * const rows = runScoredSamples(store, "run-1");
 */
export function runScoredSamples(store: ConfessStore, runId: string): RunScoredSample[] | undefined {
  const view = runView(store, runId);
  if (!view) return undefined;
  const kept = loadedRows.get(store)?.get(runId);
  if (kept && kept.watermark === view.watermark) return kept.rows;
  const rows = loadScoredSamples(store, runId);
  remember(store, runId, view.watermark, rows);
  return rows;
}

/**
 * A run's summary (`buildEvalSummary`'s numbers) through the run's cached view, which it leaves up to date:
 * the commands that change a run print their summary with it, so the viewer then opens the run at once.
 *
 * @throws Error for an unknown run, as `buildEvalSummary` does.
 * @example
 * io.stdout(JSON.stringify(runSummary(store, "run-1"), null, 2));
 */
export function runSummary(store: ConfessStore, runId: string): EvalSummary {
  const view = runView(store, runId);
  if (!view) throw new Error(`no run ${runId}`);
  return view.summary;
}
