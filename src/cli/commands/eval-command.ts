import type { Command } from "commander";
import { BUILTIN_TASKS } from "../../tasks/registry.ts";
import type { CliIO } from "../io.ts";
import { addJudgeOptions, type JudgeFlags } from "../judge-flags.ts";
import { choiceFlag, intFlag, listFlag, numberFlag } from "../parse-flags.ts";

const camel = (flag: string): string => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export interface EvalFlags extends JudgeFlags {
  /** Required unless `frozenAnswers` names the run the suites come from. */
  suite?: string[];
  /** `--frozen-answers <run>`: reuse that run's answers; only the confessions are new. */
  frozenAnswers?: string;
  /** Flags given on the command line (not defaults), for the checks `--frozen-answers` makes. */
  given?: string[];
  model: string[];
  samples: number;
  repeat: number;
  variant: string[];
  condition?: string[];
  concurrency: number;
  seed: number;
  step?: number;
  run?: string;
  db?: string;
  json?: boolean;
  out?: string;
  baseUrl?: string;
  temperature?: number;
  maxTokens?: number;
  stream?: boolean;
  timeout: number;
  retries: number;
  cache: boolean;
  structured: "auto" | "prompt";
  progress: boolean;
  [taskFlag: string]: unknown;
}

export function registerEvalCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const command = program
    .command("eval")
    .description("Run models through suites, ask for a confession after each answer, score and summarise.")
    .option(
      "--suite <names>",
      "suites to run, comma-separated (see `confess tasks list`); required unless --frozen-answers",
      listFlag,
    )
    .option(
      "--frozen-answers <run>",
      "reuse the answers of this stored run and ask --model only for new confessions (checkpoints compared on the same answers); suites, cases, conditions and repeats come from that run",
    )
    .requiredOption(
      "--model <spec>",
      "model spec, comma-separated for several: openai:<model>, anthropic:<model>, " +
        "openai-compatible:<model>, scripted:<honest|hacker|liar|mixed>, lab:<checkpoint.json> (confess lab)",
      listFlag,
    )
    .option("--samples <n>", "cases per suite, drawn deterministically from the seed", intFlag(1), 64)
    .option("--repeat <k>", "samples per case", intFlag(1, 10_000), 1)
    .option("--variant <names>", "confession request: paper, per-objective, forced-verification", listFlag)
    .option(
      "--condition <names>",
      "stress conditions put before the task: baseline, awareness, soft, hard, jailbreak (default baseline)",
      listFlag,
    )
    .option("--concurrency <n>", "samples in flight at once", intFlag(1, 1024), 16)
    .option("--seed <s>", "seed for case selection and scripted models", intFlag(0), 1)
    .option(
      "--step <n>",
      "training step of the checkpoint evaluated; the viewer charts runs across steps",
      intFlag(0),
    )
    .option("--run <id>", "run id; an existing id resumes that run, skipping finished samples")
    .option("--db <path>", "SQLite database (default .confess/confess.db, or CONFESS_DB)")
    .option("--json", "print the summary as JSON on stdout instead of the table")
    .option("--out <file>", "also write the JSON summary to this file")
    .option(
      "--base-url <url>",
      "API base URL (required for openai-compatible:, optional for openai:/anthropic:)",
    )
    .option("--temperature <t>", "sampling temperature", numberFlag(0, 2))
    .option("--max-tokens <n>", "output token limit per call", intFlag(1))
    .option("--stream", "use the provider's streaming endpoint")
    .option("--timeout <seconds>", "per-call timeout", intFlag(1, 3600), 120)
    .option("--retries <n>", "retries per call on 429, 5xx and timeouts", intFlag(0, 20), 5)
    .option("--no-cache", "call the model even when an identical call is stored")
    .option(
      "--structured <mode>",
      "auto: use the provider's JSON-schema mode where the variant allows; prompt: never",
      choiceFlag(["auto", "prompt"]),
      "auto",
    )
    .option("--no-progress", "no progress output");
  addJudgeOptions(command);
  for (const task of BUILTIN_TASKS) {
    for (const option of task.options) {
      const description = `[${task.name}] ${option.description}`;
      if (option.type === "boolean") command.option(`--${option.flag}`, description);
      else command.option(`--${option.flag} <value>`, description);
    }
  }
  command.action(async (flags: EvalFlags) => {
    const { runEvalCommand } = await import("./eval-action.ts");
    const taskOptions: Record<string, Record<string, unknown>> = {};
    for (const task of BUILTIN_TASKS) {
      for (const option of task.options) {
        const value = flags[camel(option.flag)];
        if (value === undefined) continue;
        const typed = option.type === "number" ? Number(value) : value;
        taskOptions[task.name] = { ...taskOptions[task.name], [camel(option.flag)]: typed };
      }
    }
    const given = ["samples", "repeat", "seed", "condition"].filter(
      (name) => command.getOptionValueSource(name) === "cli",
    );
    setExit(await runEvalCommand({ ...flags, given }, taskOptions, io));
  });
}
