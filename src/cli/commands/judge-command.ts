import type { Command } from "commander";
import type { CliIO } from "../io.ts";
import { addJudgeOptions, type JudgeFlags } from "../judge-flags.ts";
import { choiceFlag, intFlag } from "../parse-flags.ts";

export interface JudgeCommandFlags extends JudgeFlags {
  db?: string;
  concurrency: number;
  force?: boolean;
  cache: boolean;
  json?: boolean;
  baseUrl?: string;
  timeout: number;
  retries: number;
  progress: boolean;
  groundTruth?: boolean;
  structured: "auto" | "prompt";
}

export function registerJudgeCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const command = program
    .command("judge")
    .description(
      "Score a stored run again with judges, without regenerating: new verdicts are added, old ones kept.",
    )
    .argument("<run>", "run id (see `confess runs list`)")
    .option("--db <path>", "SQLite database (default .confess/confess.db, or CONFESS_DB)")
    .option("--ground-truth", "also grade every sample with its task's ground truth again")
    .option("--concurrency <n>", "samples judged at once", intFlag(1, 1024), 8)
    .option("--force", "judge samples these judges already judged, too (default: finish what is missing)")
    .option("--no-cache", "call the judge even when an identical call is stored")
    .option("--base-url <url>", "API base URL for openai-compatible judges")
    .option("--timeout <seconds>", "per-call timeout", intFlag(1, 3600), 120)
    .option("--retries <n>", "retries per call on 429, 5xx and timeouts", intFlag(0, 20), 5)
    .option(
      "--structured <mode>",
      "auto: use the provider's JSON-schema mode for judge replies where it has one; prompt: never",
      choiceFlag(["auto", "prompt"]),
      "auto",
    )
    .option("--json", "print the run's JSON summary (as `confess runs show --json`) after judging")
    .option("--no-progress", "no progress output");
  addJudgeOptions(command);
  command.action(async (runId: string, flags: JudgeCommandFlags) => {
    const { runJudgeCommand } = await import("./judge-action.ts");
    setExit(await runJudgeCommand(runId, flags, io));
  });
}
