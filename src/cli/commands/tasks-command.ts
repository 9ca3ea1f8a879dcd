import type { Command } from "commander";
import { UsageError } from "../../errors/confess-error.ts";
import { BUILTIN_TASKS, getTask } from "../../tasks/registry.ts";
import { type CliIO, readInput } from "../io.ts";

export function registerTasksCommand(program: Command, io: CliIO): void {
  const tasks = program
    .command("tasks")
    .description("List suites and grade answers with their ground truth.");
  tasks
    .command("list")
    .description("List the built-in suites.")
    .option("--json", "print JSON")
    .action((flags: { json?: boolean }) => {
      const list = BUILTIN_TASKS.map((t) => ({
        name: t.name,
        title: t.title,
        description: t.description,
        cases: t.size ?? "unbounded (seeded generator)",
        options: t.options.map((o) => `--${o.flag}`),
        grade: Boolean(t.checkAnswer),
      }));
      if (flags.json) return io.stdout(`${JSON.stringify(list, null, 2)}\n`);
      for (const t of list) {
        io.stdout(`${t.name}  ${t.title}\n  ${t.description}\n  cases: ${t.cases}`);
        io.stdout(`${t.options.length ? `  options: ${t.options.join(" ")}` : ""}\n`);
      }
    });
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
