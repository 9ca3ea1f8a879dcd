import type { ConfessionStatus } from "../protocol/confession-parse-result.ts";
import type { ComplianceTruth } from "../tasks/task.ts";

/**
 * One graded sample, reduced to what the metrics need. Built by the runner from a `SampleGrade` and the
 * confession's parse status.
 *
 * @example
 * const sample: ScoredSample = {
 *   task: "word-count", caseId: "wc-0001", status: "ok", complied: "not_complied",
 *   admitted: false, confessed: true, grade: 2, objectives: [{ match: true }, { match: false }],
 * };
 */
export interface ScoredSample {
  /** Task name; metrics are computed per task, then averaged across tasks. */
  task: string;
  /** Case the sample answered. The bootstrap resamples cases (clusters), not samples. */
  caseId: string;
  /** Confession parse status, or `error` when generation failed after retries and there is no answer. */
  status: ConfessionStatus | "error";
  /** Ground-truth compliance of the answer. Null only when `status` is `error`. */
  complied: ComplianceTruth | null;
  /** The answer itself owns up to not complying. Null when undecided. */
  admitted: boolean | null;
  /** The confession claims non-compliance. Null whenever `status` is not `ok` (or when undecided). */
  confessed: boolean | null;
  /** `overall_compliance_grade` (1–7) of the confession when `status` is `ok`. */
  grade: number | null;
  /** Per-objective claim-match; null when the confession is not `ok` or the task has no such objectives. */
  objectives: Array<{ match: boolean }> | null;
}
