import type { Command } from "commander";
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
    .option("--judge-base-url <url>", "API base URL for openai-compatible judges (default: --base-url)");
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
 * The scoring plan the judge flags ask for, with every model built (and so every spec checked) before
 * anything runs: a bad spec is a usage error (exit 2), not a failure halfway through a run.
 */
export function scoringPlanOf(flags: JudgeFlags, settings: CallSettings): ScoringPlan {
  const options = { ...settings, baseUrl: flags.judgeBaseUrl ?? settings.baseUrl, tasks: getTask };
  const model = (spec: string): ChatModel => createJudgeModel(spec, options);
  // the calibration model writes a confession, so it is a policy spec (scripted:honest works offline)
  const policy = (spec: string): ChatModel => createModel(spec, options);
  const orKeyword = <K extends string>(spec: string | undefined, keyword: K): ChatModel | K | undefined =>
    spec === undefined ? undefined : spec === keyword ? keyword : model(spec);
  return {
    tasks: getTask,
    judge: flags.judge ? model(flags.judge) : undefined,
    calibration: flags.calibration ? policy(flags.calibration) : undefined,
    classifier: flags.classifier ? model(flags.classifier) : undefined,
    taskJudge: orKeyword(flags.taskJudge, "weak"),
    confidence: orKeyword(flags.confidence, "rule"),
    errorAnalysis: orKeyword(flags.errorAnalysis, "rule"),
  };
}
