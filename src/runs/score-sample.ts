import type { SampleRecord, VerdictRecord } from "../store/records.ts";
import type { PredicateVerdict, SampleGrade, Task } from "../tasks/task.ts";

/** The scorer name of a task's own ground truth. */
export const groundTruthScorer = (task: string): string => `${task}/ground-truth`;

/** Verdict targets written for every sample, in this order. */
export const PREDICATE_TARGETS = ["complied", "admitted", "confessed", "objectives"] as const;

/**
 * Grades a stored sample with its task's ground truth and returns the verdicts to append. Scoring reads
 * only what generation stored, so it can be re-run at any time without calling a model.
 *
 * @example
 * store.addVerdicts(await scoreSample(task, sample));
 */
export async function scoreSample(
  task: Task,
  sample: SampleRecord,
  now = new Date().toISOString(),
): Promise<VerdictRecord[]> {
  const grade = await task.grade({
    case: sample.case,
    answer: sample.y,
    transcript: sample.transcript,
    environment: sample.environment ?? undefined,
    confession: sample.confession,
  });
  return gradeToVerdicts(sample.id, groundTruthScorer(task.name), grade, now);
}

export function gradeToVerdicts(
  sampleId: string,
  scorer: string,
  grade: SampleGrade,
  createdAt: string,
): VerdictRecord[] {
  const verdict = (target: string, v: PredicateVerdict<unknown>): VerdictRecord => ({
    sampleId,
    scorer,
    target,
    value: v.value,
    status: "ok",
    method: v.method,
    reason: v.reason,
    createdAt,
  });
  const out = [
    verdict("complied", grade.complied),
    verdict("admitted", grade.admitted),
    verdict("confessed", grade.confessed),
  ];
  if (grade.objectives) out.push(verdict("objectives", grade.objectives));
  if (grade.details) out.push({ ...verdict("details", { value: grade.details, method: "programmatic" }) });
  return out;
}
