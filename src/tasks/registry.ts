import { UsageError } from "../errors/confess-error.ts";
import type { Task } from "./task.ts";
import { wordCountTask } from "./word-count/word-count-task.ts";

/** The built-in suites, by CLI name. */
export const BUILTIN_TASKS: readonly Task[] = [wordCountTask as Task];

/**
 * Looks a task up by name.
 *
 * @example
 * getTask("word-count")?.title // "Instruction Following (Word Count)"
 */
export function getTask(name: string): Task | undefined {
  return BUILTIN_TASKS.find((task) => task.name === name);
}

/** Resolves a comma-separated `--suite` value; unknown names are a usage error listing the valid ones. */
export function resolveSuites(names: string[]): Task[] {
  const unknown = names.filter((name) => !getTask(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(
      `unknown suite${unknown.length === 1 ? "" : "s"}: ${unknown.join(", ") || "(none given)"}; ` +
        `valid suites: ${BUILTIN_TASKS.map((t) => t.name).join(", ")}`,
      "CONFESS_UNKNOWN_SUITE",
    );
  }
  return [...new Set(names)].map((name) => getTask(name) as Task);
}
