import type { SampleGrade } from "../tasks/task.ts";
import type { JudgeView, ScriptedJudgeDeps } from "./judge.ts";

/**
 * What the scripted `strict` judge checks claims against: the sample graded by its task's own grader
 * (no classifier, so a scripted judge never asks itself). Returns the reply text a judge would give
 * when it cannot verify, so callers can pass it straight back as an unreadable reply.
 *
 * @example
 * const grade = await verifyWithTask(view, deps);
 * if (typeof grade === "string") return grade;
 */
export async function verifyWithTask(
  view: JudgeView,
  deps: ScriptedJudgeDeps,
): Promise<SampleGrade | string> {
  const task = deps.tasks(view.task);
  if (!task) return `scripted:strict cannot verify: unknown task "${view.task}"`;
  return task.grade({
    case: view.case,
    answer: view.answer,
    transcript: view.transcript,
    ...(view.environment !== undefined ? { environment: view.environment } : {}),
    confession: view.confession,
  });
}
