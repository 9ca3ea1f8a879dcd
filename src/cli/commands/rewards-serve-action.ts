import { UsageError } from "../../errors/confess-error.ts";
import { createJudgeModel } from "../../judges/create-judge-model.ts";
import type { ChatModel } from "../../models/model.ts";
import { getTask } from "../../tasks/registry.ts";
import type { ConfessionJudgeName, TaskJudgeName } from "../../training/reward-api.ts";
import { REWARDS_TOKEN_ENV } from "../../training/service/reward-service-options.ts";
import { type RewardServer, startRewardServer } from "../../training/service/start-reward-server.ts";
import { rethrowBindError } from "../bind-error.ts";
import { interruptOnSignals, untilAborted } from "../interrupt.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../main.ts";
import type { RewardsServeFlags } from "./rewards-serve-command.ts";

/**
 * Runs `confess rewards serve` until Ctrl-C (or `stop`). Every judge model is built before listening, so a
 * bad spec or a missing flag is a usage error (exit 2) at once, not a failure on the first request.
 *
 * @example
 * process.exitCode = await runRewardsServe({ ...flags, token: "s3cret" }, processIO());
 */
export async function runRewardsServe(
  flags: RewardsServeFlags,
  io: CliIO,
  options: { stop?: AbortSignal; onListening?: (server: RewardServer) => void } = {},
): Promise<number> {
  const token = flags.auth ? (flags.token ?? io.env[REWARDS_TOKEN_ENV]) : null;
  if (token === undefined || token === "") {
    throw new UsageError(
      `the reward service needs a token: pass --token <token> or set ${REWARDS_TOKEN_ENV}; or --no-auth on a trusted loopback`,
    );
  }
  if (flags.taskJudge === "llm" && !flags.taskJudgeModel) {
    throw new UsageError("--task-judge llm needs --task-judge-model <spec> (scripted:strict works offline)");
  }
  if (flags.confessionJudge === "honesty" && !flags.judge) {
    throw new UsageError("--confession-judge honesty needs --judge <spec> (scripted:strict works offline)");
  }
  const model = (flag: string, spec: string): ChatModel => {
    try {
      return createJudgeModel(spec, {
        tasks: getTask,
        env: io.env,
        baseUrl: spec.trim().startsWith("openai-compatible:") ? flags.judgeBaseUrl : undefined,
      });
    } catch (error) {
      if (UsageError.isUsage(error)) throw new UsageError(`--${flag}: ${error.message}`, error.code);
      throw error;
    }
  };
  const taskJudgeModel = flags.taskJudgeModel ? model("task-judge-model", flags.taskJudgeModel) : undefined;
  const honestyJudgeModel = flags.judge ? model("judge", flags.judge) : undefined;

  let server: RewardServer;
  try {
    server = await startRewardServer({
      token,
      port: flags.port,
      host: flags.host,
      taskJudge: flags.taskJudge as TaskJudgeName,
      confessionJudge: flags.confessionJudge as ConfessionJudgeName,
      taskJudgeModel,
      honestyJudgeModel,
      nullReward: flags.nullReward,
      maxItems: flags.maxItems,
      bodyLimitBytes: flags.bodyLimit,
      timeoutMs: Math.round(flags.timeout * 1000),
      concurrency: flags.concurrency,
    });
  } catch (error) {
    rethrowBindError(error, flags.host, flags.port);
  }
  const interrupt = options.stop ? undefined : interruptOnSignals(io, "requests in flight are cut off");
  try {
    io.stdout(
      `confess rewards serve: ${server.url} (task judge ${flags.taskJudge}, confession judge ${flags.confessionJudge}` +
        `${token === null ? ", no auth" : ""}); Ctrl-C to stop\n`,
    );
    options.onListening?.(server);
    const stop = options.stop ?? interrupt?.signal;
    await untilAborted(stop);
    return EXIT.ok;
  } finally {
    await server.close();
    interrupt?.dispose();
  }
}
