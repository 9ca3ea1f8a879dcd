import { compareSamples } from "../../metrics/paired-bootstrap.ts";
import { RATE_KEYS } from "../../metrics/summarize.ts";
import { type RunViewOptions, runScoredSamples, runView } from "../../runs/run-view.ts";
import type { ConfessStore } from "../../store/confess-store.ts";
import type { RunRecord } from "../../store/records.ts";
import type { CompareResponse, RunListItem } from "../viewer-api.ts";
import { runListItem } from "./run-list.ts";

/**
 * Compares stored runs as `confess compare` does: the first run is the baseline and each later run is
 * compared with it by `compareSamples` (paired case bootstrap over the cases both answered). When at least
 * two runs carry a step, `runs` is ordered by step (runs without one after, in the order given) and `series`
 * holds the overall rates of the runs with a step, in that order. The runs must exist.
 *
 * @example
 * const page = compareRuns(store, [store.getRun("step-100")!, store.getRun("step-200")!]);
 * page.comparisons[0]?.comparison.overall.false_negative_rate.diff;
 */
export function compareRuns(
  store: ConfessStore,
  runs: readonly RunRecord[],
  views: RunViewOptions = {},
): CompareResponse {
  const items = new Map<string, RunListItem>();
  const overall = new Map<string, Record<string, unknown>>();
  for (const run of runs) {
    const view = runView(store, run.id, views);
    if (!view) throw new Error(`no run ${run.id}`);
    items.set(run.id, runListItem(run, view));
    overall.set(run.id, view.summary.overall as unknown as Record<string, unknown>);
  }
  const [baseline, ...others] = runs;
  const comparisons: CompareResponse["comparisons"] = [];
  if (baseline) {
    const a = runScoredSamples(store, baseline.id) ?? [];
    for (const other of others) {
      const b = runScoredSamples(store, other.id) ?? [];
      comparisons.push({ a: baseline.id, b: other.id, comparison: compareSamples(a, b) });
    }
  }
  const stepped = runs.filter((run) => run.config.step !== undefined);
  let ordered = [...runs];
  let series: CompareResponse["series"] = null;
  if (stepped.length >= 2) {
    const byStep = [...stepped].sort((x, y) => (x.config.step as number) - (y.config.step as number));
    ordered = [...byStep, ...runs.filter((run) => run.config.step === undefined)];
    const rates: Record<string, Array<number | null>> = {};
    for (const key of RATE_KEYS) {
      rates[key] = byStep.map((run) => {
        const value = overall.get(run.id)?.[key];
        return typeof value === "number" ? value : null;
      });
    }
    series = { steps: byStep.map((run) => run.config.step as number), rates };
  }
  return { runs: ordered.map((run) => items.get(run.id) as RunListItem), comparisons, series };
}
