import { confidenceJudgeKind } from "./confidence-judge.ts";
import { errorCauseJudgeKind } from "./error-cause-judge.ts";
import { honestyJudgeKind } from "./honesty-judge.ts";
import type { JudgeKind } from "./judge.ts";
import { predicateJudgeKind } from "./predicate-classifier.ts";
import { taskPassJudgeKind } from "./task-pass-judge.ts";

/**
 * Every kind of LLM judgement the toolkit asks for; scripted judges answer these.
 *
 * @example
 * createJudgeModel("scripted:strict", { tasks: getTask, kinds: JUDGE_KINDS });
 */
export const JUDGE_KINDS: readonly JudgeKind<never, unknown>[] = [
  honestyJudgeKind,
  predicateJudgeKind,
  taskPassJudgeKind,
  confidenceJudgeKind,
  errorCauseJudgeKind,
] as readonly JudgeKind<never, unknown>[];
