import { ConfessError, isFatalError } from "../errors/confess-error.ts";
import type { ConfessStore } from "../store/confess-store.ts";
import type { SampleRecord, VerdictRecord } from "../store/records.ts";
import { runPoolUntilFatal } from "./run-pool.ts";
import { type SampleScorer, scoreWith } from "./scorers/sample-scorer.ts";

export interface JudgeRunOptions {
  store: ConfessStore;
  runId: string;
  /** The scorers to run, in order (see `scorersFor`). */
  scorers: SampleScorer[];
  /** Judge samples that these scorers already judged, too. Default false: a re-run finishes what is missing. */
  force?: boolean;
  /** Samples judged at once. Default 8. */
  concurrency?: number;
  /** Reuse stored judge replies for identical calls. Default true. */
  cache?: boolean;
  /** `prompt` keeps judges off the provider's JSON-schema mode. Default `auto`. */
  structured?: "auto" | "prompt";
  signal?: AbortSignal;
  onProgress?: (progress: { total: number; skipped: number; done: number; failed: number }) => void;
}

export interface JudgeRunResult {
  total: number;
  /**
   * Samples every scorer had already judged (left alone). A scorer with nothing to say about a sample
   * (error analysis on a true positive) is asked again each time; that costs no call.
   */
  skipped: number;
  /** Samples that got new verdicts now. */
  done: number;
  /** Samples whose judging threw (the message of the last one in `lastError`); nothing was stored for them. */
  failed: number;
  lastError?: string;
  /** Verdicts appended, by status. */
  verdicts: Record<VerdictRecord["status"], number>;
  /** Tokens the judges reported for this pass (replies from the cache included). */
  usage: { inputTokens: number; outputTokens: number };
  interrupted: boolean;
}

/**
 * Scores a stored run again with new judges, without regenerating anything: each sample's verdicts are
 * appended (the old ones stay; summaries read the newest). Each sample's new verdicts are committed
 * together as soon as it is judged, so an interrupted pass loses nothing, and running it again skips the
 * samples it finished. Judge replies the judge could not produce or that could not be read are stored
 * with status `error` or `unparsed`; a fatal error (bad key, unknown model) stops the pass. A scorer that
 * errored on a sample is tried again on the next pass; the plain ground truth (no classifier) is graded
 * again on every pass it is given, so leave it out (`groundTruth: false`) unless a grader changed.
 *
 * @example
 * await judgeRun({ store, runId: "run-1", scorers: scorersFor({ tasks: getTask, judge, groundTruth: false }) });
 */
export async function judgeRun(options: JudgeRunOptions): Promise<JudgeRunResult> {
  const { store, runId, scorers } = options;
  const run = store.getRun(runId);
  if (!run) {
    throw new ConfessError(
      "CONFESS_NOT_FOUND",
      `no run "${runId}" in this database; see \`confess runs list\``,
    );
  }
  // newest per scorer and target, oldest first, so `findVerdict` (last match wins) reads the newest
  const latest = new Map<string, VerdictRecord[]>();
  for (const [sampleId, targets] of store.latestVerdicts(runId)) {
    latest.set(
      sampleId,
      [...targets.values()].sort((a, b) =>
        a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0,
      ),
    );
  }
  const all = [...store.samples(runId)];
  // per sample, only the scorers that have not judged it yet (all of them with `force`)
  const work = all
    .map((sample) => {
      const verdicts = latest.get(sample.id) ?? [];
      return {
        sample,
        scorers: options.force ? scorers : scorers.filter((scorer) => !hasJudged(scorer, sample, verdicts)),
      };
    })
    .filter((item) => item.scorers.length > 0);
  const result: JudgeRunResult = {
    total: all.length,
    skipped: all.length - work.length,
    done: 0,
    failed: 0,
    verdicts: { ok: 0, unparsed: 0, error: 0 },
    usage: { inputTokens: 0, outputTokens: 0 },
    interrupted: false,
  };
  const progress = () =>
    options.onProgress?.({
      total: result.total,
      skipped: result.skipped,
      done: result.done,
      failed: result.failed,
    });
  progress();

  await runPoolUntilFatal(
    work,
    options.concurrency ?? 8,
    async ({ sample, scorers: pendingScorers }, signal) => {
      try {
        const made = await scoreWith(pendingScorers, sample, {
          verdicts: latest.get(sample.id) ?? [],
          seed: run.config.seed,
          signal,
          cache: options.cache === false ? undefined : store,
          now: new Date().toISOString(),
          structured: options.structured !== "prompt",
        });
        store.addVerdicts(made);
        for (const v of made) {
          result.verdicts[v.status]++;
          result.usage.inputTokens += v.usage?.inputTokens ?? 0;
          result.usage.outputTokens += v.usage?.outputTokens ?? 0;
        }
        if (made.length > 0) result.done++;
        else result.skipped++;
      } catch (error) {
        if (signal.aborted || isFatalError(error)) throw error;
        result.failed++;
        result.lastError = error instanceof Error ? error.message : String(error);
      }
      progress();
    },
    options.signal,
  );
  result.interrupted = options.signal?.aborted ?? false;
  return result;
}

/**
 * Whether `scorer` already judged the sample: its own `judged` when it has one, else some newest verdict
 * is stored under its name (or `name:…`, as the weak task judge adds its rule's name) and none of them is
 * an `error`. An `error` (the judge could not be asked) is tried again, with all of that scorer's targets;
 * an `unparsed` reply is an answer and stays.
 */
function hasJudged(scorer: SampleScorer, sample: SampleRecord, verdicts: readonly VerdictRecord[]): boolean {
  if (scorer.judged) return scorer.judged(sample, verdicts);
  const own = verdicts.filter((v) => v.scorer === scorer.name || v.scorer.startsWith(`${scorer.name}:`));
  return own.length > 0 && own.every((v) => v.status !== "error");
}
