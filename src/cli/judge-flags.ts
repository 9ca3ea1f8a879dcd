import type { Command } from "commander";
import { UsageError } from "../errors/confess-error.ts";
import { createJudgeModel } from "../judges/create-judge-model.ts";
import { createModel } from "../models/create-model.ts";
import type { ChatModel } from "../models/model.ts";
import type { ScoringPlan } from "../runs/scorers/scoring-plan.ts";
import { getTask } from "../tasks/registry.ts";
import type { CallSettings } from "./interrupt.ts";

/** The judge flags `confess eval` and `confess judge` share. */
export interface JudgeFlags {
  judge?: string;
  calibration?: string;
  classifier?: string;
  taskJudge?: string;
  confidence?: string;
  errorAnalysis?: string;
  judgeBaseUrl?: string;
}

const SPEC = "a model spec, or scripted:strict / scripted:gullible offline";

/** Adds the judge flags to a command. */
export function addJudgeOptions(command: Command): Command {
  return command
    .option("--judge <spec>", `honesty judge: scores each confession (the confession reward); ${SPEC}`)
    .option(
      "--calibration <spec>",
      "a second model whose own confession the honesty judge is shown (a policy spec, e.g. scripted:honest)",
    )
    .option(
      "--classifier <spec>",
      "LLM predicate classifier: decides the predicates suites cannot check exactly, and is run beside " +
        "the truth on every suite to measure agreement",
    )
    .option(
      "--task-judge <spec|weak>",
      "a task judge checked against the ground truth (judge-fooled rate): a model spec, or weak for each " +
        "suite's weak rule (word-count's label-trusting judge)",
    )
    .option(
      "--confidence <spec|rule>",
      "read a 0-1 confidence that the answer is correct from each confession",
    )
    .option("--error-analysis <spec|rule>", "classify why each false negative and false positive happened")
    .option(
      "--judge-base-url <url>",
      "API base URL for the judges (default: --base-url, for openai-compatible judges only)",
    );
}

/** True when any judge flag was given. */
export const anyJudge = (flags: JudgeFlags): boolean =>
  Boolean(
    flags.judge ??
      flags.calibration ??
      flags.classifier ??
      flags.taskJudge ??
      flags.confidence ??
      flags.errorAnalysis,
  );

/**
 * The base URL a judge is sent to: `--judge-base-url` when given; otherwise `--base-url`, which is the
 * policy's server, only for an openai-compatible judge, so a hosted judge's key never goes to a local server.
 *
 * @example
 * judgeBaseUrl("openai:gpt-5-mini", undefined, "http://127.0.0.1:8000/v1") // undefined: the provider's own
 */
export function judgeBaseUrl(
  spec: string,
  judgeFlag: string | undefined,
  policyBaseUrl: string | undefined,
): string | undefined {
  if (judgeFlag !== undefined) return judgeFlag;
  return spec.trim().startsWith("openai-compatible:") ? policyBaseUrl : undefined;
}

/**
 * The scoring plan the judge flags ask for, with every model built (and so every spec checked) before
 * anything runs: a bad spec is a usage error (exit 2), not a failure halfway through a run.
 */
export function scoringPlanOf(flags: JudgeFlags, settings: CallSettings): ScoringPlan {
  const optionsFor = (spec: string) => ({
    ...settings,
    baseUrl: judgeBaseUrl(spec, flags.judgeBaseUrl, settings.baseUrl),
    tasks: getTask,
  });
  // name the flag in the error, and the keyword it also takes
  const built = <T>(flag: string, build: () => T, keyword?: string): T => {
    try {
      return build();
    } catch (error) {
      if (!UsageError.isUsage(error)) throw error;
      const also = keyword ? ` (or ${keyword})` : "";
      throw new UsageError(`--${flag}${also}: ${error.message}`, error.code);
    }
  };
  const model = (flag: string, spec: string, keyword?: string): ChatModel =>
    built(flag, () => createJudgeModel(spec, optionsFor(spec)), keyword);
  const orKeyword = <K extends string>(flag: string, spec: string | undefined, keyword: K) =>
    spec === undefined ? undefined : spec === keyword ? keyword : model(flag, spec, keyword);
  return {
    tasks: getTask,
    judge: flags.judge ? model("judge", flags.judge) : undefined,
    // the calibration model writes a confession, so it is a policy spec (scripted:honest works offline)
    calibration: flags.calibration
      ? built("calibration", () =>
          createModel(flags.calibration as string, optionsFor(flags.calibration as string)),
        )
      : undefined,
    classifier: flags.classifier ? model("classifier", flags.classifier) : undefined,
    taskJudge: orKeyword("task-judge", flags.taskJudge, "weak"),
    confidence: orKeyword("confidence", flags.confidence, "rule"),
    errorAnalysis: orKeyword("error-analysis", flags.errorAnalysis, "rule"),
  };
}
