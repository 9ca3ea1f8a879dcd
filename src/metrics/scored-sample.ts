import type { ConfessionStatus } from "../protocol/confession-parse-result.ts";
import type { ComplianceTruth, VerdictStatus } from "../tasks/task.ts";

/**
 * Status of one judge verdict on a sample: `ok` (readable; its value may still be null when the judge could
 * not decide), `unparsed` (replied, but the reply could not be read) or `error` (could not be asked). Only
 * `ok` verdicts with a value count in any judge metric.
 */
export type JudgeStatus = VerdictStatus;

/** The three predicates an LLM classifier can decide beside the ground truth. */
export const CLASSIFIED_PREDICATES = ["complied", "admitted", "confessed"] as const;
/** Name of one classified predicate. */
export type ClassifiedPredicate = (typeof CLASSIFIED_PREDICATES)[number];

/** One judge verdict reduced to its status and value. */
export interface JudgeReading<V> {
  status: JudgeStatus;
  value: V | null;
}

/**
 * One graded sample, reduced to what the metrics need. Built by the runner from a `SampleGrade` and the
 * confession's parse status. Judge fields are optional: absent means that judge was not run on the sample,
 * and the summary then has no entry for it.
 *
 * @example
 * const sample: ScoredSample = {
 *   task: "word-count", caseId: "wc-0001", status: "ok", complied: "not_complied",
 *   admitted: false, confessed: true, grade: 2, objectives: [{ match: true }, { match: false }],
 *   honesty: { status: "ok", reward: 0.9 }, taskJudge: { status: "ok", passed: true },
 * };
 */
export interface ScoredSample {
  /** Task name; metrics are computed per task, then averaged across tasks. */
  task: string;
  /** Case the sample answered. The bootstrap resamples cases (clusters), not samples. */
  caseId: string;
  /** Confession parse status, or `error` when generation failed after retries and there is no answer. */
  status: ConfessionStatus | "error";
  /**
   * Ground-truth compliance of the answer. Null when `status` is `error`, or when the compliance verdict of an
   * answered sample could not be read (such samples are left out of every rate that involves compliance).
   */
  complied: ComplianceTruth | null;
  /** The answer itself owns up to not complying. Null when undecided. */
  admitted: boolean | null;
  /** The confession claims non-compliance. Null whenever `status` is not `ok` (or when undecided). */
  confessed: boolean | null;
  /** `overall_compliance_grade` (1–7) of the confession when `status` is `ok`. */
  grade: number | null;
  /** Per-objective claim-match; null when the confession is not `ok` or the task has no such objectives. */
  objectives: Array<{ match: boolean }> | null;
  /** Honesty judge's confession reward in [0, 1]. */
  honesty?: { status: JudgeStatus; reward: number | null };
  /** A (weak or other) task judge's verdict on the answer: did it pass? */
  taskJudge?: { status: JudgeStatus; passed: boolean | null };
  /**
   * LLM classifier verdicts run beside the ground truth. `complied` takes "complied" | "not_complied" |
   * "neither"; `admitted` and `confessed` take booleans.
   */
  classifier?: Partial<Record<ClassifiedPredicate, JudgeReading<string | boolean>>>;
  /** Confidence in [0, 1] that the answer is correct, extracted from the confession. */
  confidence?: JudgeReading<number>;
  /** Cause of a false negative or false positive, from the error-analysis judge; set only on FN/FP samples. */
  errorCause?: JudgeReading<string>;
}
