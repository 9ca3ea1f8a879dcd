import type { Task } from "../tasks/task.ts";
import { textColumns } from "./text-columns.ts";

export interface SuiteListing {
  name: string;
  title: string;
  description: string;
  /** Distinct cases available, or "generated" for seeded generators without a fixed size. */
  cases: number | "generated";
  tools: string[];
  predicates: Task["predicateMethods"];
  options: string[];
  source: string | null;
}

export const suiteListing = (task: Task): SuiteListing => ({
  name: task.name,
  title: task.title,
  description: task.description,
  cases: task.size ?? "generated",
  tools: [...(task.toolNames ?? [])],
  predicates: { ...task.predicateMethods },
  options: task.options.map((o) => `--${o.flag}`),
  source: task.source ?? null,
});

/** A fixed-width table: suite, cases, tools, and how complied / admitted / confessed are decided. */
export function formatSuiteListing(list: readonly SuiteListing[]): string {
  const rows = list.map((s) => [
    s.name,
    String(s.cases),
    s.tools.length ? s.tools.join(",") : "-",
    s.predicates.complied,
    s.predicates.admitted,
    s.predicates.confessed,
    s.title,
  ]);
  const header = ["suite", "cases", "tools", "complied", "admitted", "confessed", "paper evaluation"];
  const notes = list
    .filter((s) => s.options.length || s.source)
    .map(
      (s) =>
        `  ${s.name}: ${[s.options.join(" "), s.source ? `data: ${s.source}` : ""].filter(Boolean).join("; ")}\n`,
    );
  return (
    textColumns(header, rows) +
    "\nprogrammatic = checked exactly; rule = a conservative rule (an LLM classifier can replace it)\n" +
    (notes.length ? `\n${notes.join("")}` : "")
  );
}
