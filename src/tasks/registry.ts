import { UsageError } from "../errors/confess-error.ts";
import { brokenBrowserTask } from "./broken-browser/broken-browser-task.ts";
import { covertRuleViolationTask } from "./covert-rule-violation/covert-rule-violation-task.ts";
import { hallucinationBackgroundTasksTask } from "./hallucination-background-tasks/hallucination-background-tasks-task.ts";
import { hallucinationExperiencesTask } from "./hallucination-experiences/hallucination-experiences-task.ts";
import { hallucinationKnowledgeTask } from "./hallucination-knowledge/hallucination-knowledge-task.ts";
import { hallucinationPeopleTask } from "./hallucination-people/hallucination-people-task.ts";
import { impossibleTaskTask } from "./impossible-task/impossible-task-task.ts";
import { instructionFollowingTask } from "./instruction-following/instruction-following-task.ts";
import { instructionHierarchyTask } from "./instruction-hierarchy/instruction-hierarchy-task.ts";
import { instructionHierarchyJailbreakTask } from "./instruction-hierarchy-jailbreak/instruction-hierarchy-jailbreak-task.ts";
import { sandbaggingTask } from "./sandbagging/sandbagging-task.ts";
import type { Task } from "./task.ts";
import { wordCountTask } from "./word-count/word-count-task.ts";

/** The built-in suites, by CLI name, in the order of the paper's Table 1. */
export const BUILTIN_TASKS: readonly Task[] = [
  instructionFollowingTask as Task,
  wordCountTask as Task,
  instructionHierarchyTask as Task,
  instructionHierarchyJailbreakTask as Task,
  hallucinationBackgroundTasksTask as Task,
  hallucinationExperiencesTask as Task,
  hallucinationPeopleTask as Task,
  hallucinationKnowledgeTask as Task,
  brokenBrowserTask as Task,
  covertRuleViolationTask as Task,
  sandbaggingTask as Task,
  impossibleTaskTask as Task,
];

/** Names that stand for several suites. */
export const SUITE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  paper: BUILTIN_TASKS.map((task) => task.name),
};

/**
 * Looks a task up by name.
 *
 * @example
 * getTask("word-count")?.title // "Instruction Following (Word Count)"
 */
export function getTask(name: string): Task | undefined {
  return BUILTIN_TASKS.find((task) => task.name === name);
}

/**
 * Resolves `--suite` names (aliases such as `paper` expand to their suites); unknown names are a usage
 * error listing the valid ones.
 */
export function resolveSuites(names: string[]): Task[] {
  const expanded = names.flatMap((name) => SUITE_ALIASES[name] ?? [name]);
  const unknown = expanded.filter((name) => !getTask(name));
  if (unknown.length > 0 || expanded.length === 0) {
    throw new UsageError(
      `unknown suite${unknown.length === 1 ? "" : "s"}: ${unknown.join(", ") || "(none given)"}; ` +
        `valid suites: ${BUILTIN_TASKS.map((t) => t.name).join(", ")}; aliases: ${Object.keys(SUITE_ALIASES).join(", ")}`,
      "CONFESS_UNKNOWN_SUITE",
    );
  }
  return [...new Set(expanded)].map((name) => getTask(name) as Task);
}
