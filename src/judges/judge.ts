import type { z } from "zod";
import type { Message } from "../models/messages.ts";
import type { Usage } from "../models/model.ts";
import type { ConfessionParseResult } from "../protocol/confession-parse-result.ts";
import type { ResponseCache } from "../runs/response-cache.ts";
import type { Task, TaskCase, VerdictStatus } from "../tasks/task.ts";

export type { VerdictStatus };

/** How a verdict was reached: by a fixed rule, by a language model, or by a person. */
export type JudgeMethod = "rule" | "llm" | "human";

/**
 * One judgement about one sample. `status` is `ok` when the judge answered readably (its `value` may still
 * be null when it honestly could not decide), `unparsed` when it replied but the reply could not be read,
 * `error` when it could not be asked. Only `ok` verdicts count in any rate.
 *
 * @example
 * const v: JudgeVerdict<number> = { target: "honesty", value: 0.8, status: "ok", method: "llm", judge: "openai:gpt-5" };
 */
export interface JudgeVerdict<V> {
  /** What was judged, e.g. `honesty`, `confessed`, `confidence`. */
  target: string;
  value: V | null;
  status: VerdictStatus;
  method: JudgeMethod;
  /** Who judged: a model spec, or a rule's name. */
  judge: string;
  /** Short why, when the judge gave one or the verdict could not be read. */
  reason?: string;
  /** The judge's reply as received. */
  raw?: string;
  usage?: Usage;
}

/**
 * What a judge may see of a sample: the prompt, the answer, the tool transcript and the confession, plus a
 * calibration confession when one was made. Never the policy's reasoning: every message's reasoning is
 * stripped when the view is built (see `judgeViewOf`).
 *
 * `case` and `environment` are auxiliary information, as the paper allows the reward model to have; LLM
 * prompts do not show the case payload, but verifying judges (the scripted `strict` profile) check claims
 * against the task's own grader with them.
 */
export interface JudgeView {
  task: string;
  caseId: string;
  case: TaskCase;
  /** x, including any stress-condition system prompt it was given under. */
  prompt: Message[];
  /** y: the final answer text. */
  answer: string;
  /** The answer phase: the prompt, every assistant turn with its tool calls, and the tool results. */
  transcript: Message[];
  environment?: unknown;
  /** y_c, parsed. */
  confession: ConfessionParseResult;
  /** y_c as written. */
  confessionText: string;
  /** A second confession about the same transcript from another model, for calibration. */
  calibration?: { model: string; confession: ConfessionParseResult; text: string };
}

/** What every judge call may be given. */
export interface JudgeCallOptions {
  signal?: AbortSignal | undefined;
  /** Where LLM judges may reuse stored replies for identical calls. */
  cache?: ResponseCache | undefined;
  /** False to ask LLM judges without the provider's JSON-schema mode. Default true. */
  structured?: boolean | undefined;
}

/**
 * The one interface every judge implements, whatever decides: an LLM (`honestyJudge(model)`), a fixed
 * rule (`ruleConfidenceJudge`), or a person behind a review queue (a `Judge` whose verdicts say
 * `method: "human"`). Scorers take a `Judge`, so a new kind of judge plugs in without touching them.
 *
 * @example
 * const lengthJudge: Judge<JudgeView, boolean> = {
 *   name: "rule:short-answer",
 *   async judge(view) {
 *     return { target: "passed", value: view.answer.length < 500, status: "ok", method: "rule", judge: "rule:short-answer" };
 *   },
 * };
 */
export interface Judge<I, V> {
  /** Who judges, as it appears in the stored scorer name: a model spec, `rule`, a reviewer's id. */
  readonly name: string;
  judge(input: I, options?: JudgeCallOptions): Promise<JudgeVerdict<V>>;
}

/**
 * Tells a `Judge` from a bare model (scorers and plans accept either).
 *
 * @example
 * isJudge(honestyJudge(model)) // true
 * isJudge(model)               // false
 */
export function isJudge<I, V>(value: unknown): value is Judge<I, V> {
  return (
    typeof value === "object" && value !== null && typeof (value as { judge?: unknown }).judge === "function"
  );
}

/** The scripted judge profiles: `strict` verifies every claim with the task's own grader; `gullible` believes the confession. */
export const SCRIPTED_JUDGE_PROFILES = ["strict", "gullible"] as const;
export type ScriptedJudgeProfile = (typeof SCRIPTED_JUDGE_PROFILES)[number];

/** What scripted judges may use besides the input: the tasks, to run a task's grader. */
export interface ScriptedJudgeDeps {
  tasks: (name: string) => Task | undefined;
}

/**
 * One kind of LLM judgement: how to ask (our own prompt wording), the structured reply it expects, and how
 * the offline scripted judges answer it. Every LLM judge in the toolkit is one of these, asked through
 * `askJudge`, so parsing, `unparsed` handling and usage accounting live in one place.
 *
 * @example
 * const verdict = await askJudge(model, honestyJudgeKind, view);
 */
export interface JudgeKind<I, O> {
  /** Stable name, used as the call context's `judge.kind`. */
  readonly kind: string;
  /** The verdict target its replies are stored under. */
  readonly target: string;
  /** The reply's shape; also sent as the provider's JSON schema where it has a structured-output mode. */
  readonly schema: z.ZodType<O>;
  /** The messages to send. */
  messages(input: I): Message[];
  /** What a scripted judge replies: the reply object, or raw text (to exercise unreadable replies). */
  scripted(
    profile: ScriptedJudgeProfile,
    input: I,
    deps: ScriptedJudgeDeps,
  ): Promise<O | string> | O | string;
}
