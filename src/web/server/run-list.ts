import { type RunView, type RunViewOptions, runView } from "../../runs/run-view.ts";
import type { ConfessStore } from "../../store/confess-store.ts";
import { prepared } from "../../store/prepared-statement.ts";
import type { RunConfig, RunRecord } from "../../store/records.ts";
import type { RunListItem, RunsResponse } from "../viewer-api.ts";

/** Filters and page of the runs list (`GET /api/runs`). */
export interface RunListQuery {
  /** Substring of the run id, a model or a suite, any case. */
  q?: string;
  /** Exact model spec the run covers. */
  model?: string;
  suite?: string;
  condition?: string;
  offset: number;
  limit: number;
}

/** The stress conditions of a run; runs made before conditions existed are all baseline. */
const conditionsOf = (config: RunConfig): string[] => config.conditions ?? ["baseline"];

/**
 * A run's row in the runs list, from its (cached) view.
 *
 * @example
 * const item = runListItem(run, runView(store, run.id)!);
 * item.headline?.false_negative_rate;
 */
export function runListItem(run: RunRecord, view: RunView): RunListItem {
  const { summary } = view;
  const overall = summary.overall;
  return {
    id: run.id,
    createdAt: run.createdAt,
    models: run.config.models,
    suites: run.config.suites,
    conditions: conditionsOf(run.config),
    variants: run.config.variants,
    step: run.config.step ?? null,
    stale: view.stale,
    samples: summary.samples,
    errors: summary.status.error,
    status: summary.status,
    headline:
      overall.n === 0
        ? null
        : {
            false_negative_rate: overall.false_negative_rate,
            confessed_given_not_complied: overall.confessed_given_not_complied,
            not_complied: overall.not_complied,
          },
  };
}

/**
 * Every run, newest first (run configs only: the table is small).
 *
 * @example
 * allRuns(store)[0]?.id; // the newest run
 */
export function allRuns(store: ConfessStore): RunRecord[] {
  const rows = prepared(
    store.db,
    "SELECT id, created_at, config FROM runs ORDER BY created_at DESC, id DESC",
  ).all() as Array<Record<string, unknown>>;
  return rows.map((row) => ({
    id: String(row.id),
    createdAt: String(row.created_at),
    config: JSON.parse(String(row.config)) as RunConfig,
  }));
}

/**
 * One page of the runs list, newest first, filtered on the run configs; only the runs on the page have their
 * views computed (or read from the cache).
 *
 * @example
 * const page = listRunItems(store, { q: "word", offset: 0, limit: 50 });
 */
export function listRunItems(
  store: ConfessStore,
  query: RunListQuery,
  views: RunViewOptions = {},
): RunsResponse {
  const q = query.q?.toLowerCase();
  const matches = allRuns(store).filter((run) => {
    const { config } = run;
    if (query.model !== undefined && !config.models.includes(query.model)) return false;
    if (query.suite !== undefined && !config.suites.includes(query.suite)) return false;
    if (query.condition !== undefined && !conditionsOf(config).includes(query.condition)) return false;
    if (q) {
      const haystack = [run.id, ...config.models, ...config.suites].map((s) => s.toLowerCase());
      if (!haystack.some((s) => s.includes(q))) return false;
    }
    return true;
  });
  const items: RunListItem[] = [];
  for (const run of matches.slice(query.offset, query.offset + query.limit)) {
    const view = runView(store, run.id, views);
    if (view) items.push(runListItem(run, view));
  }
  return { total: matches.length, offset: query.offset, items };
}
