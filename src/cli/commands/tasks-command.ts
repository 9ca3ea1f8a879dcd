import type { Command } from "commander";
import { UsageError } from "../../errors/confess-error.ts";
import { BUILTIN_TASKS, getTask } from "../../tasks/registry.ts";
import { type CliIO, readInput } from "../io.ts";
import { formatSuiteListing, suiteListing } from "../suite-listing.ts";

function printSuites(io: CliIO, json: boolean | undefined): void {
  const list = BUILTIN_TASKS.map(suiteListing);
  io.stdout(json ? `${JSON.stringify(list, null, 2)}\n` : formatSuiteListing(list));
}

export function registerSuitesCommand(program: Command, io: CliIO): void {
  program
    .command("suites")
    .description("The built-in suites.")
    .command("list")
    .description("List each suite with its case count, tools, and how its predicates are decided.")
    .option("--json", "print JSON")
    .action((flags: { json?: boolean }) => printSuites(io, flags.json));
}

export function registerTasksCommand(program: Command, io: CliIO): void {
  const tasks = program
    .command("tasks")
    .description("List suites and grade answers with their ground truth.");
  tasks
    .command("list")
    .description("List the built-in suites (same as `confess suites list`).")
    .option("--json", "print JSON")
    .action((flags: { json?: boolean }) => printSuites(io, flags.json));
  tasks
    .command("grade")
    .description("Grade an answer text with a task's ground truth and print JSON (e.g. word-count).")
    .argument("<task>", "task name")
    .argument("[file]", "file holding the answer; - or absent reads stdin")
    .action(async (name: string, file: string | undefined) => {
      const task = getTask(name);
      const gradable = BUILTIN_TASKS.filter((t) => t.checkAnswer).map((t) => t.name);
      if (!task?.checkAnswer) {
        throw new UsageError(
          `cannot grade a bare answer for "${name}"; tasks that can: ${gradable.join(", ")}`,
        );
      }
      const text = await readInput(io, file);
      io.stdout(`${JSON.stringify(task.checkAnswer(text), null, 2)}\n`);
    });
}
