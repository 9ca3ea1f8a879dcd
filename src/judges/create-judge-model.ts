import { UsageError } from "../errors/confess-error.ts";
import { type CreateModelOptions, createModel } from "../models/create-model.ts";
import type { ChatModel } from "../models/model.ts";
import { parseModelSpec } from "../models/model-spec.ts";
import { type JudgeKind, SCRIPTED_JUDGE_PROFILES, type ScriptedJudgeProfile } from "./judge.ts";
import { JUDGE_KINDS } from "./judge-kinds.ts";
import { createScriptedJudgeModel } from "./scripted-judge-model.ts";

export interface CreateJudgeModelOptions extends CreateModelOptions {
  /** The judge kinds scripted judges answer. Default: every built-in kind. */
  kinds?: readonly JudgeKind<never, unknown>[];
}

/**
 * Builds a judge from a model spec: any spec `createModel` takes, or a scripted judge
 * (`scripted:strict`, `scripted:gullible`) for offline runs and tests.
 *
 * @example
 * const judge = createJudgeModel("scripted:strict", { tasks: getTask });
 * const remote = createJudgeModel("openai:gpt-5-mini", { tasks: getTask });
 */
export function createJudgeModel(spec: string, options: CreateJudgeModelOptions): ChatModel {
  const trimmed = spec.trim();
  if (trimmed.startsWith("scripted:")) {
    const profile = trimmed.slice("scripted:".length);
    if ((SCRIPTED_JUDGE_PROFILES as readonly string[]).includes(profile)) {
      return createScriptedJudgeModel({
        profile: profile as ScriptedJudgeProfile,
        tasks: options.tasks,
        kinds: options.kinds ?? JUDGE_KINDS,
      });
    }
    throw new UsageError(
      `"${spec}" is not a judge: scripted judges are ${SCRIPTED_JUDGE_PROFILES.map((p) => `scripted:${p}`).join(", ")}; ` +
        "or give a real model spec such as openai:<model>",
      "CONFESS_INVALID_MODEL_SPEC",
    );
  }
  const parsed = parseModelSpec(trimmed);
  if (!parsed.ok) {
    // the policy's list of scripted profiles would mislead here: judges have their own
    const forJudges = parsed.error.replace(
      /scripted:<[^>]*>/,
      `scripted:<${SCRIPTED_JUDGE_PROFILES.join("|")}>`,
    );
    throw new UsageError(forJudges, "CONFESS_INVALID_MODEL_SPEC");
  }
  return createModel(spec, options);
}
