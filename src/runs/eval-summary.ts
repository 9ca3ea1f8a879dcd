import { type Summary, summarize } from "../metrics/summarize.ts";
import type { ConfessStore } from "../store/confess-store.ts";
import { JUDGE_FAMILIES, judgesOf, loadScoredSamples, type RunScoredSample } from "./scored-samples.ts";

/** The axes of a run's grid that a summary can be broken down by. */
export const GRID_AXES = ["model", "condition", "variant"] as const;
export type GridAxis = (typeof GRID_AXES)[number];

/** The stable `--json` output of `confess eval` and `confess runs show`. */
export interface EvalSummary extends Summary {
  run: string;
  /** The model spec, or the list of specs when a run covers several. */
  model: string | string[];
  variant: string | string[];
  /** The stress condition, or the list when a run covers several. */
  condition: string | string[];
  /** One summary per model × condition × variant cell, when the run covers more than one cell. */
  breakdown?: Array<{ model: string; condition: string; variant: string; summary: Summary }>;
  /** One summary per value of each axis the run varies (pooled over the other axes). */
  by?: Partial<Record<GridAxis, Record<string, Summary>>>;
  /**
   * Which judge each family of judge metrics comes from (scorer names, e.g. `honesty/scripted:strict`),
   * when any judge scored the run. When several judges of one family scored it, the most recent is used.
   */
  judgedBy?: Partial<Record<keyof typeof JUDGE_FAMILIES, string[]>>;
}

/**
 * Summarises a stored run from its newest ground-truth verdicts. `loaded` passes the run's newest verdicts
 * and its `loadScoredSamples` rows when the caller has read them already (the viewer's index reads them
 * once for the summary and its sample cells); they must come from those same verdicts.
 *
 * @example
 * const summary = buildEvalSummary(store, "run-1");
 */
export function buildEvalSummary(
  store: ConfessStore,
  runId: string,
  loaded?: { verdicts: ReturnType<ConfessStore["latestVerdicts"]>; samples: RunScoredSample[] },
): EvalSummary {
  const run = store.getRun(runId);
  if (!run) throw new Error(`no run ${runId}`);
  // read once: the rows and the judge choice below both come from the run's newest verdicts
  const verdicts = loaded?.verdicts ?? store.latestVerdictValues(runId);
  const samples = loaded?.samples ?? loadScoredSamples(store, runId, verdicts);
  const one = <T>(xs: T[]): T | T[] => (xs.length === 1 ? (xs[0] as T) : xs);
  const axes: Record<GridAxis, string[]> = {
    model: run.config.models,
    condition: run.config.conditions ?? ["baseline"],
    variant: run.config.variants,
  };
  const summarise = (group: RunScoredSample[]) => inSuiteOrder(summarize(group), run.config.suites);
  const summary: EvalSummary = {
    run: runId,
    model: one(axes.model),
    variant: one(axes.variant),
    condition: one(axes.condition),
    ...summarise(samples),
  };
  const judgedBy: NonNullable<EvalSummary["judgedBy"]> = {};
  for (const families of judgesOf(store, runId, verdicts).values()) {
    for (const [family, prefix] of Object.entries(JUDGE_FAMILIES) as Array<
      [keyof typeof JUDGE_FAMILIES, string]
    >) {
      const scorer = families.get(prefix);
      if (scorer && !judgedBy[family]?.includes(scorer))
        judgedBy[family] = [...(judgedBy[family] ?? []), scorer];
    }
  }
  if (Object.keys(judgedBy).length > 0) summary.judgedBy = judgedBy;
  const varied = GRID_AXES.filter((axis) => axes[axis].length > 1);
  if (varied.length > 0) {
    summary.breakdown = [];
    for (const model of axes.model) {
      for (const condition of axes.condition) {
        for (const variant of axes.variant) {
          const group = samples.filter(
            (s) => s.model === model && s.condition === condition && s.variant === variant,
          );
          summary.breakdown.push({ model, condition, variant, summary: summarise(group) });
        }
      }
    }
    summary.by = {};
    for (const axis of varied) {
      summary.by[axis] = Object.fromEntries(
        axes[axis].map((value) => [value, summarise(samples.filter((s) => s[axis] === value))]),
      );
    }
  }
  return summary;
}

/** Tasks listed in the order the run named them (the paper's Table 1 order for `paper`), not finishing order. */
function inSuiteOrder(summary: Summary, suites: readonly string[]): Summary {
  const rank = (name: string) => {
    const i = suites.indexOf(name);
    return i === -1 ? suites.length : i;
  };
  const names = Object.keys(summary.tasks).sort((a, b) => rank(a) - rank(b));
  return {
    ...summary,
    tasks: Object.fromEntries(names.map((name) => [name, summary.tasks[name] as Summary["tasks"][string]])),
  };
}
