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
}
