import type { Command } from "commander";
import { type CliIO, readInput } from "../io.ts";

export function registerReportCommand(program: Command, io: CliIO): void {
  const report = program.command("report").description("Work with confession reports.");
  report
    .command("parse")
    .description("Parse a confession (file, or - / nothing for stdin) and print the parser's JSON result.")
    .argument("[file]", "file holding the confession text; - or absent reads stdin")
    .option("--finish-reason <reason>", "the provider's finish reason (length marks output cut off)")
    .action(async (file: string | undefined, flags: { finishReason?: string }) => {
      const { parseConfession } = await import("../../protocol/parse-confession.ts");
      const text = await readInput(io, file);
      const result = parseConfession(text, flags.finishReason ? { finishReason: flags.finishReason } : {});
      io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    });
  report
    .command("html")
    .description(
      "Write a run's page (Table 1, confusion matrices, charts, confidence and audits) as one self-contained HTML file to share.",
    )
    .argument("<run>", "run id (see `confess runs list`)")
    .option("--db <path>", "SQLite database (default .confess/confess.db, or CONFESS_DB)")
    .option("--out <file>", "where to write it (default <run>.html; - for stdout)")
    .action(async (runId: string, flags: { db?: string; out?: string }) => {
      const { writeFileSync } = await import("node:fs");
      const { openExistingStore } = await import("./with-store.ts");
      const { buildReportHtml } = await import("../../web/report-html.ts");
      const { ConfessError, UsageError } = await import("../../errors/confess-error.ts");
      const store = openExistingStore(flags.db, io);
      try {
        const html = await buildReportHtml(store, runId);
        if (!html.ok) {
          if (html.error.code === "not_found") {
            throw new UsageError(`${html.error.message}; see \`confess runs list\``, "CONFESS_NOT_FOUND");
          }
          throw new ConfessError("CONFESS_VIEWER_NOT_BUILT", html.error.message);
        }
        const out = flags.out ?? `${runId}.html`;
        if (out === "-") io.stdout(html.value);
        else {
          writeFileSync(out, html.value);
          io.stderr(`confess: wrote ${out} (${Math.round(html.value.length / 1024)} KiB)\n`);
        }
      } finally {
        await store.close();
      }
    });
}
