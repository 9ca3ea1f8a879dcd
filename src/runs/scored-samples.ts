import type { ScoredSample } from "../metrics/scored-sample.ts";
import type { ConfessStore } from "../store/confess-store.ts";
import type { VerdictRecord } from "../store/records.ts";
import type { ComplianceTruth, ObjectiveCheck } from "../tasks/task.ts";
import { groundTruthScorer } from "./score-sample.ts";
import { CLASSIFIER_SCORER } from "./scorers/classifier-scorer.ts";
import { CONFIDENCE_SCORER } from "./scorers/confidence-scorer.ts";
import { ERROR_CAUSE_SCORER } from "./scorers/error-cause-scorer.ts";
import { HONESTY_SCORER } from "./scorers/honesty-scorer.ts";
import { TASK_JUDGE_SCORER } from "./scorers/task-judge-scorer.ts";

/** A scored sample with the grid cell it belongs to. */
export type RunScoredSample = ScoredSample & { model: string; variant: string; condition: string };

/**
 * Reads a run back as metric inputs: every finished sample with the newest ground-truth verdicts and the
 * newest verdict of each judge that scored it, plus one `error` entry per sample that failed and was
 * never finished. A verdict that is `unparsed` or `error` is carried with its status and no value, so the
 * metrics can count it and leave it out of every rate.
 *
 * @example
 * const summary = summarize(loadScoredSamples(store, "run-1"));
 */
export function loadScoredSamples(
  store: ConfessStore,
  runId: string,
  verdicts = store.latestVerdictValues(runId),
): RunScoredSample[] {
  return loadIdentifiedScoredSamples(store, runId, verdicts).map((entry) => entry.scored);
}

/** A scored sample with the sample it was read from: its id (null for a failed sample) and its key. */
export interface IdentifiedScoredSample {
  scored: RunScoredSample;
  /** The finished sample's id; null for a sample that failed and was never finished. */
  id: string | null;
  /** The sample's key within its run (`SampleCoordinates.key`). */
  key: string;
  repeatIndex: number;
}

/**
 * `loadScoredSamples` with each row's sample id and key beside it, in the same order (finished samples in
 * insertion order, then failed ones), for callers that link metrics back to samples (the viewer's index).
 *
 * @example
 * const rows = loadIdentifiedScoredSamples(store, "run-1");
 * rows[0].id; // "run-1/word-count|wc-0001|scripted:mixed|paper|0"
 */
export function loadIdentifiedScoredSamples(
  store: ConfessStore,
  runId: string,
  verdicts = store.latestVerdictValues(runId),
): IdentifiedScoredSample[] {
  const chosen = judgesOf(store, runId, verdicts);
  const out: IdentifiedScoredSample[] = [];
  for (const sample of store.sampleHeads(runId)) {
    const scorer = groundTruthScorer(sample.task);
    const targets = verdicts.get(sample.id);
    const truth = <T>(target: string): T | null => {
      const v = targets?.get(`${scorer}#${target}`);
      return v && v.status === "ok" ? (v.value as T | null) : null;
    };
    // one judge per family and task, so a summary never blends two judges' verdicts
    const judged = (prefix: string, target: string) => {
      const scorer = chosen.get(sample.task)?.get(prefix);
      return scorer ? targets?.get(`${scorer}#${target}`) : undefined;
    };
    const ok = sample.confessionStatus === "ok";
    const objectives = truth<ObjectiveCheck[]>("objectives");
    const row: RunScoredSample = {
      task: sample.task,
      caseId: sample.caseId,
      model: sample.model,
      variant: sample.variant,
      condition: sample.condition,
      status: sample.confessionStatus,
      complied: truth<ComplianceTruth>("complied"),
      admitted: truth<boolean>("admitted"),
      // an unparsed confession is neither a confession nor a denial, whatever a verdict says
      confessed: ok ? truth<boolean>("confessed") : null,
      grade: ok ? sample.grade : null,
      objectives: ok && objectives ? objectives.map((o) => ({ match: o.match })) : null,
    };
    const honesty = judged(HONESTY_SCORER, "honesty");
    if (honesty) {
      const reward = (honesty.value as { reward?: unknown } | null)?.reward;
      row.honesty = { status: honesty.status, reward: typeof reward === "number" ? reward : null };
    }
    const passed = judged(TASK_JUDGE_SCORER, "passed");
    if (passed) row.taskJudge = { status: passed.status, passed: passed.value as boolean | null };
    for (const predicate of ["complied", "admitted", "confessed"] as const) {
      const v = judged(CLASSIFIER_SCORER, predicate);
      if (!v) continue;
      row.classifier = {
        ...row.classifier,
        [predicate]: { status: v.status, value: v.value as string | boolean | null },
      };
    }
    const confidence = judged(CONFIDENCE_SCORER, "confidence");
    if (confidence) row.confidence = { status: confidence.status, value: confidence.value as number | null };
    const cause = judged(ERROR_CAUSE_SCORER, "error-cause");
    if (cause) row.errorCause = { status: cause.status, value: cause.value as string | null };
    out.push({ scored: row, id: sample.id, key: sample.key, repeatIndex: sample.repeatIndex });
  }
  for (const error of store.openErrors(runId)) {
    out.push({
      scored: {
        task: error.task,
        caseId: error.caseId,
        model: error.model,
        variant: error.variant,
        condition: error.condition,
        status: "error",
        complied: null,
        admitted: null,
        confessed: null,
        grade: null,
        objectives: null,
      },
      id: null,
      key: error.key,
      repeatIndex: error.repeatIndex,
    });
  }
  return out;
}

/** The judge families a summary reads, by scorer-name prefix. */
export const JUDGE_FAMILIES = {
  honesty: HONESTY_SCORER,
  taskJudge: TASK_JUDGE_SCORER,
  classifier: CLASSIFIER_SCORER,
  confidence: CONFIDENCE_SCORER,
  errorCause: ERROR_CAUSE_SCORER,
} as const;

/**
 * Which scorer each judge family's metrics come from, per task: the one that judged most recently (the
 * newest verdict of the family). A run judged by two honesty judges is summarised by the later one only;
 * its samples that judge has not scored yet are left out of its metrics rather than filled in by the other.
 *
 * @example
 * judgesOf(store, "run-1").get("word-count")?.get("honesty/") // "honesty/scripted:strict"
 */
export function judgesOf(
  store: ConfessStore,
  runId: string,
  verdicts = store.latestVerdictValues(runId),
): Map<string, Map<string, string>> {
  const taskOf = store.sampleTasks(runId);
  const latest = new Map<string, Map<string, VerdictRecord>>();
  for (const [sampleId, targets] of verdicts) {
    const task = taskOf.get(sampleId);
    if (task === undefined) continue;
    let families = latest.get(task);
    if (!families) {
      families = new Map();
      latest.set(task, families);
    }
    for (const v of targets.values()) {
      for (const prefix of Object.values(JUDGE_FAMILIES)) {
        if (!v.scorer.startsWith(prefix)) continue;
        const best = families.get(prefix);
        if (!best || v.createdAt > best.createdAt) families.set(prefix, v);
      }
    }
  }
  return new Map(
    [...latest].map(([task, families]) => [
      task,
      new Map([...families].map(([prefix, v]) => [prefix, v.scorer])),
    ]),
  );
}
