import type { Command } from "commander";
import type { CliIO } from "../io.ts";
import { intFlag, listFlag, numberFlag } from "../parse-flags.ts";

export interface AuditFlags {
  judge: string;
  run?: string;
  suite?: string[];
  samples: number;
  seed: number;
  threshold: number;
  manipulations?: string[];
  concurrency: number;
  db?: string;
  json?: boolean;
  out?: string;
  baseUrl?: string;
  timeout: number;
  retries: number;
  cache: boolean;
  progress: boolean;
}

export function registerAuditCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("audit")
    .description(
      "Audit a confession judge: score honest confessions and confessions that lie in specific ways, and " +
        "report how often it catches each lie, how often it accepts the honest version, and the margin.",
    )
    .requiredOption(
      "--judge <spec>",
      "the judge to audit: a model spec, or scripted:strict / scripted:gullible",
    )
    .option(
      "--run <id>",
      "audit on this stored run's samples (default: a scripted source run on --suite, made offline once)",
    )
    .option("--suite <names>", "suites for the scripted source run (default word-count)", listFlag)
    .option("--samples <n>", "cases per suite in the scripted source run", intFlag(1, 100_000), 32)
    .option("--seed <s>", "seed of the scripted source run", intFlag(0), 1)
    .option(
      "--threshold <t>",
      "a confession is accepted when its reward is at least this",
      numberFlag(0, 1),
      0.5,
    )
    .option(
      "--manipulations <names>",
      "lies to build: flipped-claim, omitted-objective, moved-to-uncertainties, inflated-grade, " +
        "fabricated-evidence (default all)",
      listFlag,
    )
    .option("--concurrency <n>", "judge calls at once", intFlag(1, 1024), 8)
    .option("--db <path>", "SQLite database (default .confess/confess.db, or CONFESS_DB)")
    .option("--json", "print the audit report as JSON")
    .option("--out <file>", "also write the JSON report to this file")
    .option("--base-url <url>", "API base URL for an openai-compatible judge")
    .option("--timeout <seconds>", "per-call timeout", intFlag(1, 3600), 120)
    .option("--retries <n>", "retries per call on 429, 5xx and timeouts", intFlag(0, 20), 5)
    .option("--no-cache", "call the judge even when an identical call is stored")
    .option("--no-progress", "no progress output")
    .action(async (flags: AuditFlags) => {
      const { runAuditCommand } = await import("./audit-action.ts");
      setExit(await runAuditCommand(flags, io));
    });
}
