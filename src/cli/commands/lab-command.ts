import type { Command } from "commander";
import type { CliIO } from "../io.ts";
import { choiceFlag, intFlag, numberFlag } from "../parse-flags.ts";

export interface LabFlags {
  design: "separate" | "dual-span";
  p?: number;
  steps?: number;
  group?: number;
  prompts?: number;
  seed: number;
  control: boolean;
  quick: boolean;
  out?: string;
  db?: string;
  evalSamples?: number;
  json: boolean;
}

/**
 * `confess lab`: train the lab's small policy with GRPO against a weak judge while its confession is
 * rewarded for honesty; resumable, with a summary table of the metrics over training.
 *
 * @example
 * registerLabCommand(program, io, setExit); // confess lab --seed 2 --control
 */
export function registerLabCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("lab")
    .description(
      "Train a small policy on the word-count micro-world with GRPO against a hackable judge, its confession rewarded for honesty; prints how reward, hacking and confession honesty move over training. Re-running resumes.",
    )
    .option(
      "--design <design>",
      "separate (confession episodes with probability --p) or dual-span",
      choiceFlag(["separate", "dual-span"]),
      "separate",
    )
    .option(
      "--p <p>",
      "separate design: share of prompts that are confession episodes (default 0.25)",
      numberFlag(0, 1),
    )
    .option("--steps <n>", "GRPO steps (default 200; 8 with --quick)", intFlag(1, 100_000))
    .option("--group <g>", "rollouts per prompt (default 8; 4 with --quick)", intFlag(2, 4096))
    .option("--prompts <n>", "prompts per step (default 16; 4 with --quick)", intFlag(1, 4096))
    .option(
      "--seed <s>",
      "one seed for prompts, sampling, initialisation and warm-start data",
      intFlag(0, 2 ** 31 - 1),
      1,
    )
    .option("--control", "train the task only; the confession is measured but never trained", false)
    .option("--quick", "a tiny configuration that finishes in seconds (for tests and a first look)", false)
    .option("--out <dir>", "run directory for checkpoints and metrics.jsonl (default .confess/lab/<name>)")
    .option(
      "--db <path>",
      "SQLite database the run's metrics are mirrored to for `confess view` (default .confess/confess.db, or CONFESS_DB)",
    )
    .option(
      "--eval-samples <n>",
      "after training, evaluate each summary checkpoint on the word-count suite (n cases) into runs <name>-step-NNNN with their step, for `confess compare` and the viewer",
      intFlag(1, 100_000),
    )
    .option("--json", "print the run's summary and per-step metrics as JSON instead of a table", false)
    .action(async (flags: LabFlags) => {
      const { runLabCommand } = await import("./lab-action.ts");
      setExit(await runLabCommand(flags, io));
    });
}
