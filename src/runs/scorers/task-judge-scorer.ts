import { isJudge, type Judge, type JudgeView } from "../../judges/judge.ts";
import { judgeViewOf } from "../../judges/judge-view.ts";
import { taskPassJudge } from "../../judges/task-pass-judge.ts";
import type { ChatModel } from "../../models/model.ts";
import type { Task } from "../../tasks/task.ts";
import { toVerdictRecord } from "./judge-verdict-record.ts";
import { judgeOptions, type SampleScorer } from "./sample-scorer.ts";

/** Scorer-name prefix of task-judge verdicts (target `passed`). */
export const TASK_JUDGE_SCORER = "task-judge/";

/**
 * Judges each answer with a task judge beside the ground truth, to measure how often it is fooled: an
 * LLM (`model`), or `"weak"` for each task's own weak rule (a task without one gets no verdict).
 *
 * @example
 * createTaskJudgeScorer("weak", getTask)      // word-count's label-trusting judge
 * createTaskJudgeScorer(smallModel, getTask)  // a smaller model as the task judge
 */
export function createTaskJudgeScorer(
  judge: ChatModel | Judge<JudgeView, boolean> | "weak",
  tasks: (name: string) => Task | undefined,
): SampleScorer {
  if (judge === "weak") {
    return {
      name: `${TASK_JUDGE_SCORER}weak`,
      async score(sample, context) {
        const weak = tasks(sample.task)?.weakJudge;
        if (!weak) return [];
        const v = weak.judge({ case: sample.case, answer: sample.y, transcript: sample.transcript });
        return [
          {
            sampleId: sample.id,
            scorer: `${TASK_JUDGE_SCORER}weak:${weak.name}`,
            target: "passed",
            value: v.value,
            status: v.status ?? "ok",
            method: v.method,
            reason: v.reason,
            createdAt: context.now,
          },
        ];
      },
    };
  }
  const taskJudge = isJudge<JudgeView, boolean>(judge) ? judge : taskPassJudge(judge);
  const name = `${TASK_JUDGE_SCORER}${taskJudge.name}`;
  return {
    name,
    async score(sample, context) {
      const verdict = await taskJudge.judge(judgeViewOf(sample), judgeOptions(context));
      return [toVerdictRecord(sample, name, verdict, context.now)];
    },
  };
}
