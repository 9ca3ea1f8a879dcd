import type { Command } from "commander";
import { EPISODE_DESIGNS, type EpisodeDesign } from "../../training/episode-record.ts";
import { EXPORT_FORMATS, type ExportFormat } from "../../training/export-formats.ts";
import { ADVANTAGE_ESTIMATORS, type AdvantageEstimator } from "../../training/group-advantages.ts";
import {
  CONFESSION_JUDGES,
  type ConfessionJudgeName,
  TASK_JUDGES,
  type TaskJudgeName,
} from "../../training/reward-api.ts";
import type { CliIO } from "../io.ts";
import { choiceFlag, intFlag, numberFlag } from "../parse-flags.ts";

export interface RewardsExportFlags {
  db?: string;
  format: ExportFormat;
  design: EpisodeDesign;
  p: number;
  seed: number;
  taskJudge: TaskJudgeName;
  confessionJudge: ConfessionJudgeName;
  taskScorer?: string;
  honestyScorer?: string;
  estimator: AdvantageEstimator;
  out: string;
  progress: boolean;
}

/**
 * `confess rewards`: confession-training rewards for RL engines. `export` writes a stored run's episodes;
 * further subcommands (`serve`) register on the group this returns.
 *
 * @example
 * const rewards = registerRewardsCommand(program, io, setExit);
 * // confess rewards export run-1 --format verl --out train.jsonl
 */
export function registerRewardsCommand(
  program: Command,
  io: CliIO,
  setExit: (code: number) => void,
): Command {
  const rewards = program
    .command("rewards")
    .description(
      "Rewards for confession training: export a run's episodes for an RL engine, or serve rewards to one.",
    );
  rewards
    .command("export")
    .description(
      "Write a stored run's training episodes, one JSON line each: per prompt a task or a confession episode " +
        "(the paper's mixing), or dual-span rollouts, with each stream's reward and group advantage.",
    )
    .argument("<run>", "run id (see `confess runs list`)")
    .requiredOption(
      "--format <format>",
      `row shape: ${EXPORT_FORMATS.join(", ")} (jsonl = confessional.episode/1 records)`,
      choiceFlag(EXPORT_FORMATS),
    )
    .option(
      "--design <design>",
      "separate: each prompt is a task or a confession episode (the paper's); dual-span: both spans per rollout",
      choiceFlag(EPISODE_DESIGNS),
      "separate",
    )
    .option("--p <p>", "share of prompts made confession episodes (separate design)", numberFlag(0, 1), 0.25)
    .option("--seed <n>", "seeds the per-prompt choice of mode", intFlag(0), 1)
    .option(
      "--task-judge <judge>",
      "task reward: programmatic (the suite's ground truth), weak (the suite's weak rule's stored verdicts) " +
        "or llm (a stored LLM task judge's verdicts)",
      choiceFlag(TASK_JUDGES),
      "programmatic",
    )
    .option(
      "--confession-judge <judge>",
      "confession reward: ground-truth (per-objective claim match) or honesty (the stored honesty verdicts)",
      choiceFlag(CONFESSION_JUDGES),
      "ground-truth",
    )
    .option("--task-scorer <name>", "which stored task judge to read when the run has several")
    .option("--honesty-scorer <name>", "which stored honesty judge to read when the run has several")
    .option(
      "--estimator <name>",
      "advantages per reward stream within each prompt group: grpo (mean/std), dr-grpo (mean only), loo (leave-one-out)",
      choiceFlag(ADVANTAGE_ESTIMATORS),
      "grpo",
    )
    .option("--out <file>", "output file, or - for standard output", "-")
    .option("--db <path>", "SQLite database (default .confess/confess.db, or CONFESS_DB)")
    .option("--no-progress", "no progress output")
    .action(async (runId: string, flags: RewardsExportFlags) => {
      const { runRewardsExport } = await import("./rewards-export-action.ts");
      setExit(await runRewardsExport(runId, flags, io));
    });
  return rewards;
}
