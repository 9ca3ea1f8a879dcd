import type { Task } from "../../tasks/task.ts";
import { type EngineLabel, engineLabelSchema, type RewardResult } from "../reward-api.ts";
import { invalidRequest, RewardHttpError } from "./reward-http-error.ts";
import { scoreConfessionReward } from "./score-confession.ts";
import type { MaybePromise, ScoreContext } from "./score-context.ts";
import { scoreTaskReward } from "./score-task.ts";

/**
 * A 400 naming the valid suites when `name` is not one.
 *
 * @example
 * requireTask("wordcount", getTask, "items.0.task"); // throws: unknown_task at items.0.task
 */
export function requireTask(name: string, tasks: (name: string) => Task | undefined, path: string): Task {
  const task = tasks(name);
  if (!task) {
    throw new RewardHttpError(
      400,
      "unknown_task",
      `${path}: no suite "${name}"; use a suite name as \`confess tasks list\` shows it (e.g. word-count)`,
      path,
    );
  }
  return task;
}

/**
 * Reads an engine row's label (OpenRLHF and slime send it as a JSON string; slime and NeMo-Gym may send the
 * object) and checks what scoring needs: a known suite, and an `answer` for a confession episode. Every
 * failure is a 400 whose path starts at `path`.
 *
 * @example
 * const label = readEngineLabel(body.labels[0], "labels.0", getTask);
 */
export function readEngineLabel(
  raw: unknown,
  path: string,
  tasks: (name: string) => Task | undefined,
): EngineLabel {
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new RewardHttpError(
        400,
        "invalid_request",
        `${path}: the label is not JSON; send an EngineLabel ({ task, case, mode, answer? }) as a JSON string`,
        path,
      );
    }
  }
  const parsed = engineLabelSchema.safeParse(value);
  if (!parsed.success) throw invalidRequest(parsed.error, path);
  const label = parsed.data;
  requireTask(label.task, tasks, `${path}.task`);
  if (label.mode === "confession" && label.answer === undefined) {
    throw new RewardHttpError(
      400,
      "invalid_request",
      `${path}.answer: a confession-mode label needs the answer the confession is about`,
      `${path}.answer`,
    );
  }
  return label;
}

/**
 * The reward of an engine's response under its label: the response is the answer (task mode, the server's
 * task judge) or the confession (confession mode, about `label.answer`, the server's confession judge).
 *
 * @example
 * const result = await scoreEngineLabel(label, response, ctx);
 */
export function scoreEngineLabel(
  label: EngineLabel,
  response: string,
  ctx: ScoreContext,
): MaybePromise<RewardResult> {
  const ref = { task: label.task, case: label.case };
  return label.mode === "task"
    ? scoreTaskReward({ ...ref, answer: response }, ctx)
    : scoreConfessionReward({ ...ref, answer: label.answer ?? "", confession: response }, ctx);
}

/** End-of-turn and padding tokens decoders leave at the end of a response (kept by OpenRLHF's `query`). */
const TRAILING_SPECIAL = /(?:\s*(?:<\|[A-Za-z0-9_]+\|>|<\/s>|<eos>|<end_of_turn>|<pad>))+\s*$/;

/**
 * The response without the special tokens after it (`<|im_end|>`, `<|endoftext|>`, `</s>`, ...): they are not
 * part of the answer, and a grader counting words would count them.
 *
 * @example
 * stripTrailingSpecialTokens("Done.<|im_end|><|endoftext|>") // "Done."
 */
export function stripTrailingSpecialTokens(text: string): string {
  return text.replace(TRAILING_SPECIAL, "");
}

/**
 * OpenRLHF's response: the query minus its prompt prefix. When the query does not start with the prompt (a
 * re-tokenised prompt, say), the query's tail after the last occurrence of the prompt's last 200 characters;
 * null when even that is not found.
 *
 * @example
 * responseOfQuery("<user>hi</user>Hello.", "<user>hi</user>") // "Hello."
 */
export function responseOfQuery(query: string, prompt: string): string | null {
  if (query.startsWith(prompt)) return query.slice(prompt.length);
  const tail = prompt.slice(-200);
  const at = query.lastIndexOf(tail);
  return at < 0 ? null : query.slice(at + tail.length);
}

/** The null-reward policy of the engine routes: a number every engine can train on, and the flag. */
export function engineReward(result: RewardResult, nullReward: number): { reward: number; isNull: boolean } {
  return result.reward === null
    ? { reward: nullReward, isNull: true }
    : { reward: result.reward, isNull: false };
}
