import type { ChatModel } from "../../models/model.ts";
import type { Task } from "../../tasks/task.ts";
import type { ConfessionJudgeName, TaskJudgeName } from "../reward-api.ts";

/**
 * How `confess rewards serve` scores and what it accepts. Models are built before the app (so a bad spec
 * fails at startup, not on the first request).
 *
 * @example
 * const options: RewardServiceOptions = { token: "s3cret", taskJudge: "programmatic", confessionJudge: "ground-truth" };
 */
export interface RewardServiceOptions {
  /** Bearer token every request except `GET /healthz` must carry; null turns auth off (`--no-auth`). */
  token: string | null;
  /** Default task judge of requests that name none, and of the engine routes. Default `programmatic`. */
  taskJudge?: TaskJudgeName;
  /** Default confession judge. Default `ground-truth`. */
  confessionJudge?: ConfessionJudgeName;
  /** The model behind the `llm` task judge (`--task-judge-model`). */
  taskJudgeModel?: ChatModel;
  /** The honesty judge's model (`--judge`). */
  honestyJudgeModel?: ChatModel;
  /** What engine routes send in place of a null reward (flagged as `reward_null`). Default 0. */
  nullReward?: number;
  /** Most items in one batch (and queries in one OpenRLHF request). Default 256. */
  maxItems?: number;
  /** Largest request body in bytes. Default 8 MiB. */
  bodyLimitBytes?: number;
  /** Per-request time limit in milliseconds; past it the request is answered 504. Default 120 000. */
  timeoutMs?: number;
  /** Most judge-model calls in flight at once, over all requests. Default 8. */
  concurrency?: number;
  /** Looks a suite up by name. Default: the built-in registry. */
  tasks?: (name: string) => Task | undefined;
}

/** The defaults of {@link RewardServiceOptions}, also the CLI's. */
export const REWARD_SERVICE_DEFAULTS = Object.freeze({
  port: 8788,
  host: "127.0.0.1",
  taskJudge: "programmatic" as TaskJudgeName,
  confessionJudge: "ground-truth" as ConfessionJudgeName,
  nullReward: 0,
  maxItems: 256,
  bodyLimitBytes: 8 * 1024 * 1024,
  timeoutMs: 120_000,
  concurrency: 8,
});

/** The environment variable the token is read from when `--token` is not given. */
export const REWARDS_TOKEN_ENV = "CONFESS_REWARDS_TOKEN";
