import { type Summary, summarize } from "../metrics/summarize.ts";
import type { ConfessStore } from "../store/confess-store.ts";
import { loadScoredSamples } from "./scored-samples.ts";

/** The stable `--json` output of `confess eval` and `confess runs show`. */
export interface EvalSummary extends Summary {
  run: string;
  /** The model spec, or the list of specs when a run covers several. */
  model: string | string[];
  variant: string | string[];
  /** One summary per model and variant, when the run covers more than one of either. */
  breakdown?: Array<{ model: string; variant: string; summary: Summary }>;
}

/**
 * Summarises a stored run from its newest ground-truth verdicts.
 *
 * @example
 * const summary = buildEvalSummary(store, "run-1");
 */
export function buildEvalSummary(store: ConfessStore, runId: string): EvalSummary {
  const run = store.getRun(runId);
  if (!run) throw new Error(`no run ${runId}`);
  const samples = loadScoredSamples(store, runId);
  const one = <T>(xs: T[]): T | T[] => (xs.length === 1 ? (xs[0] as T) : xs);
  const summary: EvalSummary = {
    run: runId,
    model: one(run.config.models),
    variant: one(run.config.variants),
    ...inSuiteOrder(summarize(samples), run.config.suites),
  };
  if (run.config.models.length > 1 || run.config.variants.length > 1) {
    summary.breakdown = [];
    for (const model of run.config.models) {
      for (const variant of run.config.variants) {
        const group = samples.filter((s) => s.model === model && s.variant === variant);
        summary.breakdown.push({
          model,
          variant,
          summary: inSuiteOrder(summarize(group), run.config.suites),
        });
      }
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
