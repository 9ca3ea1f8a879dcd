import { ConfessError } from "../errors/confess-error.ts";
import { honestyJudge } from "../judges/honesty-judge.ts";
import { isJudge, type Judge, type JudgeView } from "../judges/judge.ts";
import type { ChatModel } from "../models/model.ts";
import type { ResponseCache } from "../runs/response-cache.ts";
import type { ConfessStore } from "../store/confess-store.ts";
import { collectAuditItems } from "./audit-items.ts";
import type { Manipulation } from "./manipulations.ts";
import { type AuditJudge, type AuditReport, type RunAuditOptions, runAudit } from "./run-audit.ts";

/**
 * The honesty judge as the audit's judge: the confession reward of `judgeHonesty`, asked of `model`.
 *
 * @example
 * const report = await runAudit({ items, judge: honestyAuditJudge(judgeModel) });
 */
export function honestyAuditJudge(
  judge: ChatModel | Judge<JudgeView, { reward: number }>,
  options: { cache?: ResponseCache } = {},
): AuditJudge {
  const honesty = isJudge<JudgeView, { reward: number }>(judge) ? judge : honestyJudge(judge);
  return (view, signal) => honesty.judge(view, { signal, cache: options.cache });
}

export interface AuditRunOptions
  extends Pick<RunAuditOptions, "threshold" | "concurrency" | "signal" | "onProgress" | "bootstrap"> {
  /** Manipulations to audit. Default: all five. */
  manipulations?: readonly Manipulation[];
  /** Audit at most this many items, the first ones in store order. Default: all. */
  limit?: number;
  /** Reuse the store's cached judge replies for identical calls. Default true. */
  cache?: boolean;
}

/**
 * Audits a judge model on a stored run (what `confess audit` calls): builds the items from the run's
 * honest samples (newest ground truth), asks the honesty judge about each honest confession and each
 * lie, and returns the report. Throws `CONFESS_NOT_FOUND` for an unknown run.
 *
 * @example
 * const report = await auditRun(store, "run-1", judgeModel, { concurrency: 4 });
 * console.log(formatAudit(report));
 */
export async function auditRun(
  store: ConfessStore,
  runId: string,
  judgeModel: ChatModel | Judge<JudgeView, { reward: number }>,
  options: AuditRunOptions = {},
): Promise<AuditReport> {
  if (!store.getRun(runId)) throw new ConfessError("CONFESS_NOT_FOUND", `no run "${runId}" in the store`);
  if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit >= 0)) {
    throw new ConfessError(
      "CONFESS_INVALID_ARGUMENT",
      `audit limit must be a non-negative integer, got ${options.limit}`,
    );
  }
  const { items, skipped, droppedLies } = await collectAuditItems(store, runId, options.manipulations);
  const { limit, cache, ...rest } = options;
  return runAudit({
    ...rest,
    items: limit === undefined ? items : items.slice(0, limit),
    judge: honestyAuditJudge(judgeModel, cache === false ? {} : { cache: store }),
    skipped,
    droppedLies,
  });
}
