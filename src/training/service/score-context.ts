import type { JudgeView } from "../../judges/judge.ts";
import type { Message } from "../../models/messages.ts";
import type { ChatModel } from "../../models/model.ts";
import type { ConfessionParseResult } from "../../protocol/confession-parse-result.ts";
import type { Task, TaskCase } from "../../tasks/task.ts";
import type { ConfessionJudgeName, RewardResult, TaskJudgeName } from "../reward-api.ts";
import type { Semaphore } from "./semaphore.ts";

/**
 * What live scoring needs: the suites, the default judges, the judge models (built once, at startup) and
 * the limit on judge calls in flight. `signal` aborts judge calls (the request's time limit).
 *
 * @example
 * const ctx: ScoreContext = { tasks: getTask, taskJudge: "programmatic", confessionJudge: "ground-truth", judgeCalls: createSemaphore(8) };
 */
export interface ScoreContext {
  tasks: (name: string) => Task | undefined;
  taskJudge: TaskJudgeName;
  confessionJudge: ConfessionJudgeName;
  taskJudgeModel?: ChatModel | undefined;
  honestyJudgeModel?: ChatModel | undefined;
  judgeCalls: Semaphore;
  signal?: AbortSignal | undefined;
}

/** A reward, or the promise of one when a judge model had to be asked. */
export type MaybePromise<T> = T | Promise<T>;

/** What scoring reads of one item: the task reference, the answer and, optionally, the answer phase. */
export interface ScoredItem {
  task: string;
  case: { id: string; messages: Array<{ role: string; content: string }>; payload?: unknown };
  answer: string;
  transcript?: ReadonlyArray<Record<string, unknown>> | undefined;
  environment?: unknown;
}

/** The confession a task-reward grading is given: none (graders decide compliance without one). */
export const NO_CONFESSION: ConfessionParseResult = Object.freeze({
  status: "empty",
  raw: "",
  issues: [],
}) as ConfessionParseResult;

/** The case as the suites type it (the wire shape is the same data). */
export const taskCaseOf = (item: ScoredItem): TaskCase => item.case as unknown as TaskCase;

/**
 * The answer phase to grade with: the item's own transcript, else the prompt followed by the answer (what a
 * run stores for a suite without tools).
 */
export function transcriptOf(item: ScoredItem): Message[] {
  if (item.transcript) return item.transcript as unknown as Message[];
  return [...(item.case.messages as Message[]), { role: "assistant", content: item.answer }];
}

/**
 * What a judge sees of an item (the same view a stored sample gives `judgeViewOf`): the case, its prompt, the
 * answer and answer phase, the environment when sent, and the confession (none for task judging).
 */
export function judgeViewOfItem(
  task: Task,
  item: ScoredItem,
  confession: ConfessionParseResult = NO_CONFESSION,
  confessionText = "",
): JudgeView {
  const testCase = taskCaseOf(item);
  return {
    task: task.name,
    caseId: item.case.id,
    case: testCase,
    prompt: testCase.messages,
    answer: item.answer,
    transcript: transcriptOf(item),
    ...(item.environment !== undefined ? { environment: item.environment } : {}),
    confession,
    confessionText,
  };
}

/** A null reward for a scoring failure, with why. */
export function errorResult(judge: string, reason: string): RewardResult {
  return { reward: null, status: "error", judge, reason };
}

/** True for a promise (or any thenable), so batches await only what is async. */
export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/**
 * Scores a batch: a plain array when every item was scored synchronously (programmatic grading is CPU
 * work, nothing to wait for), else one promise for all of them.
 *
 * @example
 * const out = scoreAll(items, (item) => scoreTaskReward(item, ctx));
 * const results = isPromise(out) ? await out : out;
 */
export function scoreAll<I>(
  items: readonly I[],
  score: (item: I) => MaybePromise<RewardResult>,
): MaybePromise<RewardResult[]> {
  const results = items.map(score);
  return results.some(isPromise) ? Promise.all(results) : (results as RewardResult[]);
}

/** Runs a synchronous-or-not step and turns a throw into an error result, keeping sync results sync. */
export function guardScore(judge: string, run: () => MaybePromise<RewardResult>): MaybePromise<RewardResult> {
  const fail = (error: unknown) =>
    errorResult(judge, `scoring failed: ${error instanceof Error ? error.message : String(error)}`);
  try {
    const out = run();
    return isPromise(out) ? out.catch(fail) : out;
  } catch (error) {
    return fail(error);
  }
}
