import { type RunViewOptions, runView } from "../../runs/run-view.ts";
import { groundTruthScorer } from "../../runs/score-sample.ts";
import type { ConfessStore } from "../../store/confess-store.ts";
import { prepared } from "../../store/prepared-statement.ts";
import type { VerdictRecord } from "../../store/records.ts";
import type { ComplianceTruth, ObjectiveCheck } from "../../tasks/task.ts";
import type { SampleFilter, SampleResponse } from "../viewer-api.ts";
import { sampleNeighbours, sampleOutcome } from "./sample-index.ts";

type Row = Record<string, unknown>;

/**
 * Every verdict ever written on a sample, oldest first (re-scoring adds verdicts; none is ever replaced).
 *
 * @example
 * sampleVerdicts(store, "run-1/word-count|wc-0001|scripted:mixed|paper|0")[0]?.scorer; // "word-count/ground-truth"
 */
export function sampleVerdicts(store: ConfessStore, sampleId: string): VerdictRecord[] {
  return store.sampleVerdicts(sampleId);
}

/**
 * The newest ground-truth verdicts of a sample, decoded as `loadScoredSamples` decodes them: an `unparsed`
 * or `error` verdict decides nothing, and an unreadable confession has no `confessed` and no objective
 * claims to check.
 *
 * @example
 * truthOf("word-count", true, sampleVerdicts(store, id)).complied; // "not_complied"
 */
export function truthOf(
  task: string,
  confessionOk: boolean,
  verdicts: readonly VerdictRecord[],
): SampleResponse["truth"] {
  const scorer = groundTruthScorer(task);
  const newest = new Map<string, VerdictRecord>();
  // oldest first, so the newest of each target wins
  for (const v of verdicts) if (v.scorer === scorer) newest.set(v.target, v);
  const value = <T>(target: string): T | null => {
    const v = newest.get(target);
    return v && v.status === "ok" ? ((v.value as T | null) ?? null) : null;
  };
  const complied = value<ComplianceTruth>("complied");
  const objectives = confessionOk ? value<ObjectiveCheck[]>("objectives") : null;
  return {
    // `neither` is a decided truth with no side to check a confession against
    complied: complied === "complied" || complied === "not_complied" ? complied : null,
    admitted: value<boolean>("admitted"),
    confessed: confessionOk ? value<boolean>("confessed") : null,
    objectives: objectives ? objectives.map((o) => ({ ...o, objective: o.description })) : null,
  };
}

/** Why a sample page cannot be shown: no such id, or the sample failed to generate (and has no record). */
export type SamplePageMiss =
  | { kind: "unknown" }
  | { kind: "failed"; runId: string; code: string | null; message: string | null };

/**
 * A sample page: the sample whole (turns included), every verdict on it oldest first, its cell, the decoded
 * ground truth and its neighbours within `filter`. The run's index is refreshed first, so the cell and the
 * neighbours follow the newest verdicts.
 *
 * @example
 * const page = samplePage(store, id, { cell: "fn" });
 * if ("sample" in page) console.log(page.neighbours.next);
 */
export function samplePage(
  store: ConfessStore,
  sampleId: string,
  filter: SampleFilter,
  views: RunViewOptions = {},
): SampleResponse | SamplePageMiss {
  const sample = store.getSample(sampleId);
  if (!sample) {
    // a failed sample is listed under the id it will have once finished
    const indexed = sampleOutcome(store, sampleId);
    if (indexed?.cell !== "error") return { kind: "unknown" };
    const error = prepared(
      store.db,
      "SELECT code, message FROM sample_errors WHERE run_id = ? AND sample_key = ? ORDER BY id DESC LIMIT 1",
    ).get(indexed.runId, sampleId.slice(indexed.runId.length + 1)) as Row | undefined;
    return {
      kind: "failed",
      runId: indexed.runId,
      code: error ? String(error.code) : null,
      message: error ? String(error.message) : null,
    };
  }
  runView(store, sample.runId, views);
  const outcome = sampleOutcome(store, sampleId);
  if (!outcome) return { kind: "unknown" };
  const verdicts = sampleVerdicts(store, sampleId);
  return {
    sample,
    verdicts,
    cell: outcome.cell,
    truth: truthOf(sample.task, sample.confession.status === "ok", verdicts),
    neighbours: sampleNeighbours(store, outcome.runId, outcome.seq, filter),
  };
}
