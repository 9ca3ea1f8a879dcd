import { Command, CommanderError } from "commander";
import { ConfessError, UsageError } from "../errors/confess-error.ts";
import { registerAuditCommand } from "./commands/audit-command.ts";
import { registerCompareCommand } from "./commands/compare-command.ts";
import { registerEvalCommand } from "./commands/eval-command.ts";
import { registerJudgeCommand } from "./commands/judge-command.ts";
import { registerKeysCommand } from "./commands/keys-command.ts";
import { registerLabCommand } from "./commands/lab-command.ts";
import { registerMonitorCommand } from "./commands/monitor-command.ts";
import { registerReportCommand } from "./commands/report-command.ts";
import { registerRewardsCommand } from "./commands/rewards-command.ts";
import { registerRewardsServe } from "./commands/rewards-serve-command.ts";
import { registerRunsCommand } from "./commands/runs-command.ts";
import { registerServeCommand } from "./commands/serve-command.ts";
import { registerSuitesCommand, registerTasksCommand } from "./commands/tasks-command.ts";
import { registerViewCommand } from "./commands/view-command.ts";
import { type CliIO, processIO } from "./io.ts";

/** Exit codes: 0 success, 1 failure while working, 2 bad input (flags, config, spec), 130 interrupted. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command("confess")
    .description("Make language models confess: elicit, score and measure confession reports.")
    .version("0.1.0")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerEvalCommand(program, io, setExit);
  registerJudgeCommand(program, io, setExit);
  registerAuditCommand(program, io, setExit);
  registerCompareCommand(program, io);
  registerServeCommand(program, io, setExit);
  registerKeysCommand(program, io);
  registerLabCommand(program, io, setExit);
  registerMonitorCommand(program, io);
  registerRunsCommand(program, io);
  registerViewCommand(program, io, setExit);
  registerReportCommand(program, io);
  registerRewardsServe(registerRewardsCommand(program, io, setExit), io, setExit);
  registerSuitesCommand(program, io);
  registerTasksCommand(program, io);
  for (const command of program.commands)
    command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
}

/**
 * Runs the CLI and returns its exit code instead of exiting, so it can be tested in-process.
 *
 * @example
 * process.exitCode = await main(["tasks", "list"]);
 */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.exitCode === 0
      ) {
        return EXIT.ok;
      }
      // commander has already printed the message
      return EXIT.usage;
    }
    if (UsageError.isUsage(error) || (ConfessError.isInstance(error) && isUsageCode(error.code))) {
      io.stderr(`confess: ${error.message}\n`);
      return EXIT.usage;
    }
    if (ConfessError.isInstance(error)) {
      io.stderr(`confess: ${error.message} [${error.code}]\n`);
      return EXIT.failure;
    }
    io.stderr(
      `confess: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.failure;
  }
}

const isUsageCode = (code: string): boolean =>
  [
    "CONFESS_INVALID_ARGUMENT",
    "CONFESS_UNKNOWN_SUITE",
    "CONFESS_INVALID_MODEL_SPEC",
    "CONFESS_MISSING_API_KEY",
    "CONFESS_RUN_CONFLICT",
    "CONFESS_NOT_FOUND",
    "CONFESS_LAB_RUN_DIR",
  ].includes(code);
