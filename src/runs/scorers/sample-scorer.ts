import type { JudgeCallOptions } from "../../judges/judge.ts";
import type { ResponseCache } from "../../runs/response-cache.ts";
import type { SampleRecord, VerdictRecord } from "../../store/records.ts";

/** What a scorer gets besides the sample. */
export interface ScoringContext {
  /**
   * Verdicts about this sample made before this scorer ran: the newest stored ones, then those of the
   * scorers before it in this pass. Later scorers build on earlier ones (error analysis needs the truth).
   */
  verdicts: readonly VerdictRecord[];
  /** The run's seed, for judges that replay a scripted model. */
  seed: number;
  signal?: AbortSignal | undefined;
  cache?: ResponseCache | undefined;
  /** Timestamp for the verdicts of this pass. */
  now: string;
  /** False to keep LLM judges off the provider's JSON-schema mode (`--structured prompt`). */
  structured?: boolean | undefined;
}

/**
 * One way of judging stored samples: the task's ground truth, an LLM judge, a rule. Scorers only read
 * what generation stored and return verdicts to append, so a run can be scored again at any time with
 * new judges while the old verdicts stay.
 *
 * @example
 * const verdicts = await scorer.score(sample, { verdicts: [], seed: 1, now: new Date().toISOString() });
 */
export interface SampleScorer {
  /** Stored as each verdict's `scorer`, e.g. `word-count/ground-truth` or `honesty/openai:gpt-5`. */
  readonly name: string;
  /** The verdicts to append; an empty list when the scorer has nothing to say about this sample. */
  score(sample: SampleRecord, context: ScoringContext): Promise<VerdictRecord[]>;
  /**
   * Whether this scorer already judged the sample, given the sample's newest verdicts (one per scorer and
   * target), so that a repeated judging pass can leave it alone. Only for scorers whose verdicts are not
   * stored under `name`; by default a scorer has judged a sample when it has verdicts stored as `name`
   * (or `name:…`) and none of the newest of them is an `error`.
   */
  judged?(sample: SampleRecord, verdicts: readonly VerdictRecord[]): boolean;
}

/**
 * Runs scorers in order over one sample; each sees the verdicts of the ones before it.
 *
 * @example
 * const verdicts = await scoreWith([groundTruth, honesty], sample, { verdicts: [], seed: 1, now });
 */
export async function scoreWith(
  scorers: readonly SampleScorer[],
  sample: SampleRecord,
  context: ScoringContext,
): Promise<VerdictRecord[]> {
  const made: VerdictRecord[] = [];
  for (const scorer of scorers) {
    made.push(...(await scorer.score(sample, { ...context, verdicts: [...context.verdicts, ...made] })));
  }
  return made;
}

/** The newest verdict with this scorer (or scorer prefix ending in `/`) and target, if any. */
export function findVerdict(
  verdicts: readonly VerdictRecord[],
  scorer: string,
  target: string,
): VerdictRecord | undefined {
  for (let i = verdicts.length - 1; i >= 0; i--) {
    const v = verdicts[i] as VerdictRecord;
    const matches = scorer.endsWith("/") ? v.scorer.startsWith(scorer) : v.scorer === scorer;
    if (matches && v.target === target) return v;
  }
  return undefined;
}

/**
 * The per-call options a scorer hands its judge: the pass's signal, cache and structured-output choice.
 *
 * @example
 * await judge.judge(view, judgeOptions(context));
 */
export function judgeOptions(context: ScoringContext): JudgeCallOptions {
  return {
    signal: context.signal,
    cache: context.cache,
    ...(context.structured === false ? { structured: false } : {}),
  };
}
