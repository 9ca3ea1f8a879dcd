import type { HttpBindings } from "@hono/node-server";
import { type Context, Hono } from "hono";
import { readLimitedBody } from "../../monitor/proxy/read-limited-body.ts";
import { getTask } from "../../tasks/registry.ts";
import {
  type EpisodesResponse,
  nemoSeedRequestSchema,
  nemoVerifyRequestSchema,
  type OpenrlhfResponse,
  openrlhfRequestSchema,
  type RewardResponse,
  type SlimeResponse,
  slimeRequestSchema,
} from "../reward-api.ts";
import { presentedToken, tokenMatches } from "./check-token.ts";
import {
  engineReward,
  readEngineLabel,
  requireTask,
  responseOfQuery,
  scoreEngineLabel,
  stripTrailingSpecialTokens,
} from "./engine-label.ts";
import { planEpisodes } from "./plan-episodes.ts";
import { responsesOutputText } from "./responses-output-text.ts";
import { invalidRequest, RewardHttpError } from "./reward-http-error.ts";
import { REWARD_SERVICE_DEFAULTS, type RewardServiceOptions } from "./reward-service-options.ts";
import { scoreConfessionReward } from "./score-confession.ts";
import { type ScoreContext, scoreAll } from "./score-context.ts";
import { scoreTaskReward } from "./score-task.ts";
import { createSemaphore } from "./semaphore.ts";
import {
  serviceConfessionRequestSchema,
  serviceEpisodesRequestSchema,
  serviceTaskRequestSchema,
} from "./service-schemas.ts";

type Env = { Bindings: Partial<HttpBindings> };
type Handler = (json: unknown, ctx: ScoreContext) => unknown;

const ROUTES =
  "POST /v1/rewards/task, POST /v1/rewards/confession, POST /v1/episodes, POST /openrlhf/reward, " +
  "POST /slime/reward, POST /nemo-gym/seed_session, POST /nemo-gym/verify, GET /healthz";

/**
 * The reward service (`confess rewards serve`) as a Hono app. Wire shapes: src/training/reward-api.ts.
 *
 * Routes:
 * - `POST /v1/rewards/task`, `POST /v1/rewards/confession`: `{ items }` → `{ items: RewardResult[] }`; a
 *   reward that could not be decided is `null` with its status (a confession that did not parse: its parse
 *   status).
 * - `POST /v1/episodes`: the per-prompt plan (task / confession / dual) for some cases.
 * - `POST /openrlhf/reward` (OpenRLHF `--reward.remote_url`), `POST /slime/reward` (slime `--rm-type
 *   remote_rm`), `POST /nemo-gym/seed_session` and `POST /nemo-gym/verify` (a NeMo-Gym resources server
 *   at base URL `<origin>/nemo-gym`). The label's `mode` says whether the response is an answer (task
 *   reward) or a confession (confession reward, about `label.answer`). A null reward is sent as the
 *   server's `nullReward` and flagged: OpenRLHF `extra_logs.reward_null`, slime `reward_null: true`,
 *   NeMo-Gym a top-level `reward_null` (1), which NeMo-Gym logs as a metric (not in
 *   `reward_components`: GDPO would normalise and add it as a reward).
 * - `GET /healthz`: `{ status: "ok", ... }`, without a token.
 *
 * Limits: a bearer token on every route but `/healthz` (`Authorization: Bearer <token>`, or `?token=` for
 * engines that cannot set headers: it then shows in access logs, so prefer the header), compared in
 * constant time; 413 over the body limit or the item limit; 504 past the time limit; judge-model calls
 * share one concurrency limit. Programmatic scoring of a batch is synchronous per item.
 *
 * Errors: `{ error: { message, code, path? } }`: 400 invalid JSON, a body off its schema (the issue's
 * path), an unknown suite or a confession label without `answer`; 401 missing or wrong token; 404 unknown
 * route; 413; 504; 500 a bug.
 *
 * @example
 * const app = createRewardApp({ token: "s3cret" });
 * const res = await app.request("/v1/rewards/task", { method: "POST", headers: { authorization: "Bearer s3cret" }, body });
 */
export function createRewardApp(options: RewardServiceOptions): Hono<Env> {
  const d = REWARD_SERVICE_DEFAULTS;
  const tasks = options.tasks ?? getTask;
  const nullReward = options.nullReward ?? d.nullReward;
  const maxItems = options.maxItems ?? d.maxItems;
  const bodyLimit = options.bodyLimitBytes ?? d.bodyLimitBytes;
  const timeoutMs = options.timeoutMs ?? d.timeoutMs;
  const judgeCalls = createSemaphore(options.concurrency ?? d.concurrency);
  const baseContext = {
    tasks,
    taskJudge: options.taskJudge ?? d.taskJudge,
    confessionJudge: options.confessionJudge ?? d.confessionJudge,
    taskJudgeModel: options.taskJudgeModel,
    honestyJudgeModel: options.honestyJudgeModel,
    judgeCalls,
  };
  const log = (line: string) => process.stderr.write(line);

  const tooMany = (count: number, path: string) =>
    new RewardHttpError(
      413,
      "too_many_items",
      `${path} has ${count} items; this server takes at most ${maxItems} per request (--max-items): split the batch`,
      path,
    );
  /** Refuses an oversized batch before the schema walks it. */
  const checkCount = (value: unknown, path: string) => {
    if (Array.isArray(value) && value.length > maxItems) throw tooMany(value.length, path);
  };

  const checkTasks = (items: ReadonlyArray<{ task: string }>) => {
    for (const [i, item] of items.entries()) requireTask(item.task, tasks, `items.${i}.task`);
  };
  // a judge this server was not started with is the caller's mistake to fix, not an undecided reward
  const checkJudges = (items: ReadonlyArray<{ judge?: string | undefined }>, fallback: string) => {
    for (const [i, item] of items.entries()) {
      const judge = item.judge ?? fallback;
      if (judge === "honesty" && !options.honestyJudgeModel) {
        throw new RewardHttpError(
          400,
          "judge_unavailable",
          `items.${i}.judge: this server has no honesty judge; start it with --judge <spec>, or ask for "ground-truth"`,
          `items.${i}.judge`,
        );
      }
      if (judge === "llm" && !options.taskJudgeModel) {
        throw new RewardHttpError(
          400,
          "judge_unavailable",
          `items.${i}.judge: this server has no LLM task judge; start it with --task-judge-model <spec>, or ask for "programmatic" or "weak"`,
          `items.${i}.judge`,
        );
      }
    }
  };

  const app = new Hono<Env>();
  app.get("/healthz", (c) =>
    c.json({
      status: "ok",
      taskJudge: baseContext.taskJudge,
      confessionJudge: baseContext.confessionJudge,
      nullReward,
      maxItems,
    }),
  );

  const route = (handler: Handler) => async (c: Context<Env>) => {
    if (options.token !== null) {
      const token = presentedToken(c.req.header("authorization"), c.req.query("token"));
      const refused =
        token === undefined
          ? new RewardHttpError(
              401,
              "missing_token",
              "missing token: send `Authorization: Bearer <token>` (or ?token=<token>)",
            )
          : tokenMatches(token, options.token)
            ? undefined
            : new RewardHttpError(
                401,
                "invalid_token",
                "wrong token: use the one the server was started with",
              );
      if (refused) return c.json(refused.body(), 401, { "www-authenticate": "Bearer" });
    }
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<RewardHttpError>((resolve) => {
      timer = setTimeout(() => {
        const error = new RewardHttpError(
          504,
          "timeout",
          `the request took longer than ${timeoutMs / 1000} s (--timeout); send smaller batches or raise the limit`,
        );
        controller.abort(error);
        resolve(error);
      }, timeoutMs);
    });
    const work = async (): Promise<unknown> => {
      const declared = Number(c.req.header("content-length") ?? Number.NaN);
      if (declared > bodyLimit) throw tooLarge(bodyLimit);
      const body = await readLimitedBody(c.env?.incoming ?? c.req.raw, bodyLimit);
      if (!body.ok && body.reason === "too_large") throw tooLarge(bodyLimit);
      if (!body.ok)
        throw new RewardHttpError(499, "client_closed_request", "the client closed the connection");
      let json: unknown;
      try {
        json = JSON.parse(body.bytes.toString("utf8"));
      } catch {
        throw new RewardHttpError(400, "invalid_json", "the request body is not valid JSON");
      }
      return handler(json, { ...baseContext, signal: controller.signal });
    };
    try {
      const outcome = await Promise.race([work(), timedOut]);
      if (outcome instanceof RewardHttpError) throw outcome;
      return c.json(outcome as object);
    } catch (error) {
      if (error instanceof RewardHttpError) return c.json(error.body(), error.status as 400);
      log(
        `confess rewards serve: ${c.req.method} ${c.req.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      const bug = new RewardHttpError(500, "internal_error", "the reward service failed on this request");
      return c.json(bug.body(), 500);
    } finally {
      clearTimeout(timer);
    }
  };

  app.post(
    "/v1/rewards/task",
    route(async (json, ctx): Promise<RewardResponse> => {
      checkCount((json as { items?: unknown } | null)?.items, "items");
      const parsed = serviceTaskRequestSchema.safeParse(json);
      if (!parsed.success) throw invalidRequest(parsed.error);
      checkTasks(parsed.data.items);
      checkJudges(parsed.data.items, baseContext.taskJudge);
      return { items: await scoreAll(parsed.data.items, (item) => scoreTaskReward(item, ctx)) };
    }),
  );

  app.post(
    "/v1/rewards/confession",
    route(async (json, ctx): Promise<RewardResponse> => {
      checkCount((json as { items?: unknown } | null)?.items, "items");
      const parsed = serviceConfessionRequestSchema.safeParse(json);
      if (!parsed.success) throw invalidRequest(parsed.error);
      checkTasks(parsed.data.items);
      checkJudges(parsed.data.items, baseContext.confessionJudge);
      return { items: await scoreAll(parsed.data.items, (item) => scoreConfessionReward(item, ctx)) };
    }),
  );

  app.post(
    "/v1/episodes",
    route((json): EpisodesResponse => {
      checkCount((json as { items?: unknown } | null)?.items, "items");
      const parsed = serviceEpisodesRequestSchema.safeParse(json);
      if (!parsed.success) throw invalidRequest(parsed.error);
      checkTasks(parsed.data.items);
      return planEpisodes(parsed.data);
    }),
  );

  app.post(
    "/openrlhf/reward",
    route(async (json, ctx): Promise<OpenrlhfResponse> => {
      checkCount((json as { query?: unknown } | null)?.query, "query");
      const parsed = openrlhfRequestSchema.safeParse(json);
      if (!parsed.success) throw invalidRequest(parsed.error);
      const { query, prompts, labels } = parsed.data;
      if (prompts.length !== query.length || labels.length !== query.length) {
        throw new RewardHttpError(
          400,
          "invalid_request",
          `query, prompts and labels must be the same length (got ${query.length}, ${prompts.length}, ${labels.length})`,
          prompts.length !== query.length ? "prompts" : "labels",
        );
      }
      const rows = query.map((q, i) => {
        const label = readEngineLabel(labels[i], `labels.${i}`, tasks);
        const response = responseOfQuery(q, prompts[i] as string);
        if (response === null) {
          throw new RewardHttpError(
            400,
            "invalid_request",
            `query.${i}: does not contain its prompt (prompts.${i}), so the response cannot be cut out of it`,
            `query.${i}`,
          );
        }
        return { label, response: stripTrailingSpecialTokens(response) };
      });
      const results = await scoreAll(rows, (row) => scoreEngineLabel(row.label, row.response, ctx));
      const rewards = results.map((r) => engineReward(r, nullReward));
      const values = rewards.map((r) => r.reward);
      return {
        rewards: values,
        scores: values,
        extra_logs: { reward_null: rewards.map((r) => (r.isNull ? 1 : 0)) },
      };
    }),
  );

  app.post(
    "/slime/reward",
    route(async (json, ctx): Promise<SlimeResponse> => {
      const parsed = slimeRequestSchema.safeParse(json);
      if (!parsed.success) throw invalidRequest(parsed.error);
      const label = readEngineLabel(parsed.data.label, "label", tasks);
      const result = await scoreEngineLabel(label, stripTrailingSpecialTokens(parsed.data.response), ctx);
      const { reward, isNull } = engineReward(result, nullReward);
      return { reward, reward_null: isNull, status: result.status };
    }),
  );

  app.post(
    "/nemo-gym/seed_session",
    route((json) => {
      const parsed = nemoSeedRequestSchema.safeParse(json);
      if (!parsed.success) throw invalidRequest(parsed.error);
      return {};
    }),
  );

  app.post(
    "/nemo-gym/verify",
    route(async (json, ctx) => {
      const parsed = nemoVerifyRequestSchema.safeParse(json);
      if (!parsed.success) throw invalidRequest(parsed.error);
      const label = readEngineLabel(parsed.data.confessional, "confessional", tasks);
      const result = await scoreEngineLabel(label, responsesOutputText(parsed.data.response.output), ctx);
      const { reward, isNull } = engineReward(result, nullReward);
      // the row is echoed back as it came (extra fields included), with the reward added; the null flag is
      // an extra numeric field (a metric), never a `reward_components` entry, which GDPO would train on
      return { ...(json as Record<string, unknown>), reward, reward_null: isNull ? 1 : 0 };
    }),
  );

  app.notFound((c) =>
    c.json(
      new RewardHttpError(
        404,
        "not_found",
        `no route for ${c.req.method} ${c.req.path}; this server answers ${ROUTES}`,
      ).body(),
      404,
    ),
  );
  return app;
}

function tooLarge(limit: number): RewardHttpError {
  return new RewardHttpError(
    413,
    "too_large",
    `the request body is over ${limit} bytes (--body-limit): send fewer items per request`,
  );
}
