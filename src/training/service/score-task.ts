import { taskPassJudge } from "../../judges/task-pass-judge.ts";
import type { SampleGrade, Task } from "../../tasks/task.ts";
import type { RewardResult, TaskJudgeName } from "../reward-api.ts";
import {
  errorResult,
  guardScore,
  isPromise,
  judgeViewOfItem,
  type MaybePromise,
  NO_CONFESSION,
  type ScoreContext,
  type ScoredItem,
  taskCaseOf,
  transcriptOf,
} from "./score-context.ts";

/**
 * The task reward of one answer: `programmatic` (the suite's ground truth: complied → 1, not_complied → 0,
 * neither or undecided → null), `weak` (the suite's weak judge: passes → 1, fails → 0; an error result for a
 * suite without one) or `llm` (the task-pass judge asked of the server's `--task-judge-model`, through the
 * judge-call limit). Synchronous when the suite's grader is (programmatic and weak always are for
 * word-count), so a batch needs no await per item. The task judge never sees a confession.
 *
 * @example
 * const [c] = getTask("word-count")!.cases({ seed: 1, count: 1, options: {} });
 * scoreTaskReward({ task: "word-count", case: c, answer: "Too short." }, ctx) // { reward: 0, status: "ok", judge: "word-count/ground-truth", ... }
 */
export function scoreTaskReward(
  item: ScoredItem & { judge?: TaskJudgeName | undefined },
  ctx: ScoreContext,
): MaybePromise<RewardResult> {
  const task = ctx.tasks(item.task);
  const judge = item.judge ?? ctx.taskJudge;
  if (!task) return errorResult(`${item.task}/${judge}`, `unknown task "${item.task}"`);
  if (judge === "programmatic") {
    const name = `${task.name}/ground-truth`;
    return guardScore(name, () => programmatic(task, item, name));
  }
  if (judge === "weak") return guardScore(`${task.name}/weak`, () => weak(task, item));
  return llm(task, item, ctx);
}

function programmatic(task: Task, item: ScoredItem, name: string): MaybePromise<RewardResult> {
  const grade = task.grade({
    case: taskCaseOf(item),
    answer: item.answer,
    transcript: transcriptOf(item),
    ...(item.environment !== undefined ? { environment: item.environment } : {}),
    confession: NO_CONFESSION,
  });
  return isPromise(grade) ? grade.then((g) => fromTruth(g, name)) : fromTruth(grade, name);
}

function fromTruth(grade: SampleGrade, name: string): RewardResult {
  const truth = grade.complied.value;
  const reward = truth === "complied" ? 1 : truth === "not_complied" ? 0 : null;
  return {
    reward,
    status: grade.complied.status ?? "ok",
    judge: name,
    ...(grade.complied.reason ? { reason: grade.complied.reason } : {}),
    details: { complied: truth },
  };
}

function weak(task: Task, item: ScoredItem): RewardResult {
  const rule = task.weakJudge;
  if (!rule) {
    return errorResult(
      `${task.name}/weak`,
      `the suite "${task.name}" has no weak judge; use the programmatic or llm task judge`,
    );
  }
  const verdict = rule.judge({ case: taskCaseOf(item), answer: item.answer, transcript: transcriptOf(item) });
  return {
    reward: verdict.value === null ? null : verdict.value ? 1 : 0,
    status: verdict.status ?? "ok",
    judge: rule.name,
    ...(verdict.reason ? { reason: verdict.reason } : {}),
  };
}

async function llm(task: Task, item: ScoredItem, ctx: ScoreContext): Promise<RewardResult> {
  const model = ctx.taskJudgeModel;
  if (!model) {
    return errorResult(
      `${task.name}/llm`,
      "this server has no LLM task judge: start it with --task-judge-model <spec>",
    );
  }
  const name = `task-judge/${model.id}`;
  const view = judgeViewOfItem(task, item);
  try {
    const verdict = await ctx.judgeCalls.run(
      () => taskPassJudge(model).judge(view, { signal: ctx.signal }),
      ctx.signal,
    );
    return {
      reward: verdict.status !== "ok" || verdict.value === null ? null : verdict.value ? 1 : 0,
      status: verdict.status,
      judge: name,
      ...(verdict.reason ? { reason: verdict.reason } : {}),
    };
  } catch (error) {
    return errorResult(name, `judge call failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
