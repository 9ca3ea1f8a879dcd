import type { Command } from "commander";
import { CONFESSION_JUDGES, TASK_JUDGES } from "../../training/reward-api.ts";
import { REWARD_SERVICE_DEFAULTS } from "../../training/service/reward-service-options.ts";
import type { CliIO } from "../io.ts";
import { choiceFlag, intFlag, numberFlag } from "../parse-flags.ts";

export interface RewardsServeFlags {
  port: number;
  host: string;
  token?: string;
  /** False with `--no-auth`. */
  auth: boolean;
  taskJudge: string;
  taskJudgeModel?: string;
  judge?: string;
  confessionJudge: string;
  nullReward: number;
  maxItems: number;
  bodyLimit: number;
  /** Seconds. */
  timeout: number;
  concurrency: number;
  judgeBaseUrl?: string;
}

const SPEC = "a model spec, or scripted:strict / scripted:gullible offline";

/**
 * `confess rewards serve`: the HTTP reward service RL engines call (our own endpoints, OpenRLHF's remote
 * reward model, slime's remote reward, a NeMo-Gym resources server).
 *
 * @example
 * registerRewardsServe(rewards, io, setExit); // confess rewards serve --token s3cret --port 8788
 */
export function registerRewardsServe(rewards: Command, io: CliIO, setExit: (code: number) => void): void {
  const d = REWARD_SERVICE_DEFAULTS;
  rewards
    .command("serve")
    .description(
      "Serve task and confession rewards over HTTP: /v1/rewards/{task,confession}, /v1/episodes, and the " +
        "routes OpenRLHF (/openrlhf/reward), slime (/slime/reward) and NeMo-Gym (/nemo-gym/{seed_session,verify}) call.",
    )
    .option("--port <n>", "port to listen on (0 picks a free one)", intFlag(0, 65_535), d.port)
    .option(
      "--host <host>",
      "address to bind; anything but loopback lets the network ask for rewards",
      d.host,
    )
    .option(
      "--token <token>",
      "bearer token clients must send (default CONFESS_REWARDS_TOKEN); also accepted as ?token= for engines that cannot set headers",
    )
    .option("--no-auth", "accept requests without a token (only on a trusted loopback)")
    .option(
      "--task-judge <judge>",
      `default task judge: ${TASK_JUDGES.join(", ")} (programmatic: the suite's ground truth; weak: its hackable judge; llm: --task-judge-model)`,
      choiceFlag(TASK_JUDGES),
      d.taskJudge,
    )
    .option("--task-judge-model <spec>", `the llm task judge's model: ${SPEC}`)
    .option("--judge <spec>", `the honesty judge's model (confession reward): ${SPEC}`)
    .option(
      "--confession-judge <judge>",
      `default confession judge: ${CONFESSION_JUDGES.join(", ")} (ground-truth: per-objective claim match; honesty: --judge)`,
      choiceFlag(CONFESSION_JUDGES),
      d.confessionJudge,
    )
    .option(
      "--null-reward <x>",
      "what engine routes send when a reward cannot be decided (flagged as reward_null)",
      numberFlag(-1_000_000, 1_000_000),
      d.nullReward,
    )
    .option("--max-items <n>", "most items per request", intFlag(1, 1_000_000), d.maxItems)
    .option("--body-limit <bytes>", "largest request body in bytes", intFlag(1024), d.bodyLimitBytes)
    .option(
      "--timeout <s>",
      "per-request time limit in seconds (504 past it)",
      numberFlag(0.001, 86_400),
      d.timeoutMs / 1000,
    )
    .option(
      "--concurrency <n>",
      "most judge-model calls in flight at once",
      intFlag(1, 10_000),
      d.concurrency,
    )
    .option("--judge-base-url <url>", "API base URL for openai-compatible judges")
    .action(async (flags: RewardsServeFlags) => {
      const { runRewardsServe } = await import("./rewards-serve-action.ts");
      setExit(await runRewardsServe(flags, io));
    });
}
