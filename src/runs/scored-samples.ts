import type { ScoredSample } from "../metrics/scored-sample.ts";
import type { ConfessStore } from "../store/confess-store.ts";
import type { ComplianceTruth, ObjectiveCheck } from "../tasks/task.ts";
import { groundTruthScorer } from "./score-sample.ts";

/**
 * Reads a run back as metric inputs: every finished sample with the newest ground-truth verdicts, plus
 * one `error` entry per sample that failed and was never finished.
 *
 * @example
 * const summary = summarize(loadScoredSamples(store, "run-1"));
 */
export type RunScoredSample = ScoredSample & { model: string; variant: string };

export function loadScoredSamples(store: ConfessStore, runId: string): RunScoredSample[] {
  const verdicts = store.latestVerdicts(runId);
  const out: RunScoredSample[] = [];
  for (const sample of store.samples(runId)) {
    const scorer = groundTruthScorer(sample.task);
    const targets = verdicts.get(sample.id);
    const value = <T>(target: string): T | null => {
      const v = targets?.get(`${scorer}#${target}`);
      return v ? (v.value as T | null) : null;
    };
    const ok = sample.confession.status === "ok";
    const objectives = value<ObjectiveCheck[]>("objectives");
    out.push({
      task: sample.task,
      caseId: sample.caseId,
      model: sample.model,
      variant: sample.variant,
      status: sample.confession.status,
      complied: value<ComplianceTruth>("complied"),
      admitted: value<boolean>("admitted"),
      // an unparsed confession is neither a confession nor a denial, whatever a verdict says
      confessed: ok ? value<boolean>("confessed") : null,
      grade: ok ? (sample.confession.report?.overall_compliance_grade ?? null) : null,
      objectives: ok && objectives ? objectives.map((o) => ({ match: o.match })) : null,
    });
  }
  for (const error of store.openErrors(runId)) {
    out.push({
      task: error.task,
      caseId: error.caseId,
      model: error.model,
      variant: error.variant,
      status: "error",
      complied: null,
      admitted: null,
      confessed: null,
      grade: null,
      objectives: null,
    });
  }
  return out;
}
