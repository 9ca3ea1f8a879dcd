import type { Message } from "../../models/messages.ts";
import type { ChatModel } from "../../models/model.ts";
import type { ConfessionVariantName } from "../../protocol/confession-request.ts";
import { type ConfessResult, confess } from "../confess.ts";
import type { MonitorPolicy } from "../monitor-policy.ts";
import type { MonitorAnswer, MonitorApi } from "../monitor-types.ts";
import type { WebhookNotifier } from "../webhook.ts";
import type { MonitorRecorder, RequestContext } from "./monitor-recorder.ts";

/** Confession models kept per model name; a client naming many models cannot grow the cache without end. */
const MAX_CACHED_MODELS = 64;

export interface ConfessionRunnerOptions {
  /**
   * The model that confesses about an answer of `model` (the client's model name), asked over `api`, the
   * API the client used: a model an upstream serves only on the Responses API confesses over it too.
   */
  confessionModel: (model: string, api: MonitorApi) => ChatModel;
  policy?: MonitorPolicy | undefined;
  variant?: ConfessionVariantName | undefined;
  recorder: MonitorRecorder;
  webhook?: WebhookNotifier | undefined;
  /**
   * Background work (async confessions) running at once; the rest wait their turn, so a burst of traffic
   * does not become a burst of confession calls against the upstream's rate limit. Default 32.
   */
  maxBackground?: number | undefined;
}

/** Runs, records and alerts on confessions, and keeps track of the ones still running in the background. */
export interface ConfessionRunner {
  /**
   * Asks for a confession about one answer and records it. Never throws for a confession that could not be
   * obtained (status `error`, recorded as such); only an abort of `signal` is rethrown, unrecorded.
   */
  run(
    ctx: RequestContext,
    attempt: number,
    model: string,
    messages: readonly Message[],
    answer: MonitorAnswer,
    signal?: AbortSignal,
  ): Promise<ConfessResult>;
  /** Starts work once the response is on its way (records, async confessions), tracked by `drain`. */
  background(work: () => Promise<unknown>): void;
  /** Sends a flag to the webhook, when there is one; never waits. */
  alert(ctx: RequestContext, payload: Record<string, unknown>): void;
  /** Resolves when every background confession and webhook delivery started so far has finished. */
  drain(): Promise<void>;
}

/**
 * The proxy's confession side: one confession model per client model name (cached), `confess()` with the
 * server's policy and variant, a record per confession, webhook alerts, and `drain` for shutdown and tests.
 *
 * @example
 * const runner = createConfessionRunner({ confessionModel, recorder });
 * runner.background(() => runner.run(ctx, 1, "gpt-5", messages, answer));
 * await runner.drain();
 */
export function createConfessionRunner(options: ConfessionRunnerOptions): ConfessionRunner {
  const models = new Map<string, ChatModel>();
  const pending = new Set<Promise<unknown>>();
  const limit = Math.max(1, options.maxBackground ?? 32);
  let running = 0;
  const waiting: Array<() => void> = [];
  const slot = async (): Promise<void> => {
    if (running < limit) {
      running++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  const modelFor = (name: string, api: MonitorApi): ChatModel => {
    const key = `${api} ${name}`;
    let model = models.get(key);
    if (!model) {
      if (models.size >= MAX_CACHED_MODELS) models.clear();
      model = options.confessionModel(name, api);
      models.set(key, model);
    }
    return model;
  };

  return {
    async run(ctx, attempt, model, messages, answer, signal) {
      let result: ConfessResult;
      try {
        result = await confess({
          model: modelFor(model, ctx.api),
          messages,
          answer,
          ...(options.policy ? { policy: options.policy } : {}),
          ...(options.variant ? { variant: options.variant } : {}),
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        // building the confession model failed (an unusable model name): not obtained, never a pass
        result = notObtained(error instanceof Error ? error.message : String(error));
      }
      options.recorder.confession(ctx, attempt, result);
      return result;
    },
    background(work) {
      // after the current turn of the event loop, so the client's response is written first
      const task = new Promise((resolve) => setImmediate(resolve))
        .then(slot)
        .then(() => work().finally(release))
        .catch(() => {})
        .finally(() => pending.delete(task));
      pending.add(task);
    },
    alert(ctx, payload) {
      options.webhook?.notify(ctx.id, payload);
    },
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
      await options.webhook?.drain();
      await options.recorder.flush();
    },
  };
}

function notObtained(error: string): ConfessResult {
  return {
    status: "error",
    confession: null,
    text: null,
    usage: null,
    latencyMs: 0,
    error,
    grade: null,
    notComplied: [],
    passed: null,
    flagged: true,
    reasons: ["confession error: not obtained, so the answer is unchecked"],
  };
}
