import type { SQLInputValue } from "node:sqlite";
import type { ConfessStore } from "../../store/confess-store.ts";
import { prepared } from "../../store/prepared-statement.ts";
import type { SampleCell, SampleFilter, SampleListItem, SamplesResponse } from "../viewer-api.ts";

// Reads of the `sample_outcomes` index that `runView` keeps. Call `runView` first so it is fresh. Every
// query is an index range with LIMIT (keyset pagination by seq), or a COUNT over one.

/** The filter columns, in a fixed order so each combination is one cached statement. */
const FILTER_COLUMNS: ReadonlyArray<[keyof SampleFilter, string]> = [
  ["task", "task"],
  ["cell", "cell"],
  ["model", "model"],
  ["condition", "condition"],
  ["variant", "variant"],
];

function whereOf(runId: string, filter: SampleFilter): { sql: string; params: SQLInputValue[] } {
  const clauses = ["run_id = ?"];
  const params: SQLInputValue[] = [runId];
  for (const [key, column] of FILTER_COLUMNS) {
    const value = filter[key];
    if (value === undefined) continue;
    clauses.push(`${column} = ?`);
    params.push(value);
  }
  return { sql: clauses.join(" AND "), params };
}

type Row = Record<string, unknown>;

function itemOf(row: Row): SampleListItem {
  return {
    id: String(row.sample_id),
    seq: Number(row.seq),
    task: String(row.task),
    caseId: String(row.case_id),
    model: String(row.model),
    condition: String(row.condition),
    variant: String(row.variant),
    repeatIndex: Number(row.repeat_index),
    status: String(row.status),
    cell: row.cell as SampleCell,
    grade: row.grade === null || row.grade === undefined ? null : Number(row.grade),
  };
}

function countWhere(
  store: ConfessStore,
  where: { sql: string; params: SQLInputValue[] },
  extra = "",
): number {
  const row = prepared(store.db, `SELECT COUNT(*) AS n FROM sample_outcomes WHERE ${where.sql}${extra}`).get(
    ...where.params,
  ) as Row;
  return Number(row.n);
}

/**
 * One page of a run's samples within a filter, in run order: those with seq above `after`, at most `limit`,
 * with the filter's total and the `after` of the next page (null on the last).
 *
 * @example
 * const page = listSamples(store, "run-1", { cell: "fn" }, { after: 0, limit: 50 });
 * const more = page.next === null ? [] : listSamples(store, "run-1", { cell: "fn" }, { after: page.next, limit: 50 });
 */
export function listSamples(
  store: ConfessStore,
  runId: string,
  filter: SampleFilter,
  page: { after: number; limit: number },
): SamplesResponse {
  const where = whereOf(runId, filter);
  // one row more than asked says whether a next page exists
  const rows = prepared(
    store.db,
    `SELECT * FROM sample_outcomes WHERE ${where.sql} AND seq > ? ORDER BY seq LIMIT ?`,
  ).all(...where.params, page.after, page.limit + 1) as Row[];
  const items = rows.slice(0, page.limit).map(itemOf);
  const last = items[items.length - 1];
  return {
    total: countWhere(store, where),
    items,
    next: rows.length > page.limit && last ? last.seq : null,
  };
}

/** Where a sample sits in its run's index. */
export interface SampleOutcome {
  runId: string;
  seq: number;
  cell: SampleCell;
}

/**
 * A sample's row in the index (by sample id), or undefined when the index has none.
 *
 * @example
 * sampleOutcome(store, "run-1/word-count|wc-0001|scripted:mixed|paper|0")?.cell; // "tp"
 */
export function sampleOutcome(store: ConfessStore, sampleId: string): SampleOutcome | undefined {
  const row = prepared(
    store.db,
    "SELECT run_id, seq, cell FROM sample_outcomes WHERE sample_id = ? LIMIT 1",
  ).get(sampleId) as Row | undefined;
  return row ? { runId: String(row.run_id), seq: Number(row.seq), cell: row.cell as SampleCell } : undefined;
}

/**
 * The samples before and after `seq` within a filter, the position of `seq` in it (0-based: how many of the
 * filter's samples come before it) and the filter's total, for keyboard navigation on a sample page.
 *
 * @example
 * sampleNeighbours(store, "run-1", 17, { cell: "fn" }); // { prev: "run-1/...", next: null, index: 3, total: 4 }
 */
export function sampleNeighbours(
  store: ConfessStore,
  runId: string,
  seq: number,
  filter: SampleFilter,
): { prev: string | null; next: string | null; index: number; total: number } {
  const where = whereOf(runId, filter);
  const step = (direction: "<" | ">") => {
    const order = direction === "<" ? "DESC" : "ASC";
    const row = prepared(
      store.db,
      `SELECT sample_id FROM sample_outcomes WHERE ${where.sql} AND seq ${direction} ? ORDER BY seq ${order} LIMIT 1`,
    ).get(...where.params, seq) as Row | undefined;
    return row ? String(row.sample_id) : null;
  };
  return {
    prev: step("<"),
    next: step(">"),
    index: countWhere(store, { sql: `${where.sql} AND seq < ?`, params: [...where.params, seq] }),
    total: countWhere(store, where),
  };
}
