import { UsageError } from "../errors/confess-error.ts";
import type { ConfessStore } from "../store/confess-store.ts";
import type { SampleRecord } from "../store/records.ts";
import { DEFAULT_CONFESSION_P, episodeMode } from "./episode-mode.ts";
import {
  EPISODE_SCHEMA,
  type EpisodeDesign,
  type EpisodeMessage,
  type EpisodeMode,
  type EpisodeRecord,
  episodeCompletion,
  renderConfessionRequest,
  type Tokenize,
  toEpisodeMessage,
} from "./episode-record.ts";
import {
  confessionReward,
  newestVerdicts,
  resolveRewardSources,
  type StreamReward,
  taskReward,
} from "./episode-rewards.ts";
import { type AdvantageEstimator, groupAdvantages } from "./group-advantages.ts";
import type { ConfessionJudgeName, TaskJudgeName } from "./reward-api.ts";

export interface BuildEpisodesOptions {
  /** Default `separate` (the paper's). */
  design?: EpisodeDesign;
  /** Probability a prompt becomes a confession episode (separate design). Default 0.25. */
  p?: number;
  /** Seeds the per-prompt choice. Default 1. */
  seed?: number;
  /** Default `programmatic` (the suite's ground truth). */
  taskJudge?: TaskJudgeName;
  /** Default `ground-truth` (claim match), which every eval stores; `honesty` needs `confess judge --judge`. */
  confessionJudge?: ConfessionJudgeName;
  /** The task-judge scorer to read when the run has several of the asked kind. */
  taskScorer?: string;
  /** The honesty scorer to read when the run has several. */
  honestyScorer?: string;
  /** Default `grpo`. */
  estimator?: AdvantageEstimator;
  eps?: number;
  /** Adds token ranges to the spans. */
  tokenize?: Tokenize;
  /** How x_c is rendered between the spans of a dual-span completion. Default `renderConfessionRequest`. */
  renderRequest?: (xc: string) => string;
  /** Called after each prompt group with the samples read so far and the run's total. */
  onProgress?: (progress: { done: number; total: number }) => void;
}

/** The prompt group of a sample: its task, case, model, condition and variant (every repeat together). */
export const promptGroupOf = (
  s: Pick<SampleRecord, "runId" | "task" | "caseId" | "model" | "condition" | "variant">,
) => `${s.runId}/${s.task}|${s.caseId}|${s.model}|${s.condition}|${s.variant}`;

interface GroupRow {
  id: string;
  task: string;
  caseId: string;
  model: string;
  condition: string;
  variant: string;
}

/**
 * The training episodes of a stored run, streamed one prompt group at a time: only the current group's
 * samples and verdicts are in memory. The repeats of a case (same task, case, model, condition, variant)
 * are the GRPO group; each reward stream's advantages come from that stream's rewards in the group alone.
 * Separate design: the group's mode is `episodeMode(seed, task, caseId)`; dual-span: every episode is
 * `dual`. Validates the run and the judges before the first episode (UsageError).
 *
 * @example
 * for (const episode of buildEpisodes(store, "r1", { p: 0.25, confessionJudge: "honesty" })) {
 *   out.write(episodeLine(episode));
 * }
 */
export function buildEpisodes(
  store: ConfessStore,
  runId: string,
  options: BuildEpisodesOptions = {},
): Generator<EpisodeRecord> {
  if (!store.getRun(runId)) {
    throw new UsageError(
      `no run "${runId}" in this database; see \`confess runs list\``,
      "CONFESS_NOT_FOUND",
    );
  }
  const p = options.p ?? DEFAULT_CONFESSION_P;
  if (!(p >= 0 && p <= 1)) throw new UsageError(`p must be a number from 0 to 1, got ${p}`);
  const sources = resolveRewardSources(store, runId, {
    taskJudge: options.taskJudge ?? "programmatic",
    confessionJudge: options.confessionJudge ?? "ground-truth",
    taskScorer: options.taskScorer,
    honestyScorer: options.honestyScorer,
  });
  return episodesOf(store, runId, { ...options, p }, sources);
}

function* episodesOf(
  store: ConfessStore,
  runId: string,
  options: BuildEpisodesOptions & { p: number },
  sources: ReturnType<typeof resolveRewardSources>,
): Generator<EpisodeRecord> {
  const total = Number(
    (store.db.prepare("SELECT COUNT(*) AS n FROM samples WHERE run_id = ?").get(runId) as { n: number }).n,
  );
  // ids only, sorted so a group's repeats are adjacent whatever order they finished in
  const rows = store.db
    .prepare(
      `SELECT id, task, case_id AS caseId, model, COALESCE(condition, 'baseline') AS condition, variant
       FROM samples WHERE run_id = ? ORDER BY task, case_id, model, condition, variant, repeat_index, rowid`,
    )
    .iterate(runId) as Iterable<GroupRow>;
  let done = 0;
  let current: GroupRow[] = [];
  const sameGroup = (a: GroupRow, b: GroupRow) =>
    a.task === b.task &&
    a.caseId === b.caseId &&
    a.model === b.model &&
    a.condition === b.condition &&
    a.variant === b.variant;
  const flush = function* (): Generator<EpisodeRecord> {
    if (current.length === 0) return;
    yield* groupEpisodes(store, current, options, sources);
    done += current.length;
    current = [];
    options.onProgress?.({ done, total });
  };
  for (const row of rows) {
    const head = current[0];
    if (head && !sameGroup(head, row)) yield* flush();
    current.push({ ...row });
  }
  yield* flush();
}

const NOT_TRAINED = {
  task: "confession episode: the answer is context, the task reward does not train it",
  confession: "task episode: no confession is trained",
};

function groupEpisodes(
  store: ConfessStore,
  rows: readonly GroupRow[],
  options: BuildEpisodesOptions & { p: number },
  sources: ReturnType<typeof resolveRewardSources>,
): EpisodeRecord[] {
  const design = options.design ?? "separate";
  const first = rows[0] as GroupRow;
  const mode: EpisodeMode =
    design === "dual-span"
      ? "dual"
      : episodeMode({ seed: options.seed ?? 1, task: first.task, caseId: first.caseId, p: options.p });
  const members = rows.flatMap((row) => {
    const sample = store.getSample(row.id);
    if (!sample) return [];
    const verdicts = newestVerdicts(store.sampleVerdicts(row.id));
    const task: StreamReward =
      mode === "confession"
        ? { reward: null, judge: null, reason: NOT_TRAINED.task }
        : taskReward(sample, verdicts, sources);
    const confession: StreamReward =
      mode === "task"
        ? { reward: null, judge: null, reason: NOT_TRAINED.confession }
        : confessionReward(sample, verdicts, sources);
    return [{ sample, task, confession }];
  });
  const estimator = options.estimator ?? "grpo";
  const advantageOptions = { estimator, ...(options.eps === undefined ? {} : { eps: options.eps }) };
  const taskAdvantages = groupAdvantages(
    members.map((m) => m.task.reward),
    advantageOptions,
  );
  const confessionAdvantages = groupAdvantages(
    members.map((m) => m.confession.reward),
    advantageOptions,
  );
  const render = options.renderRequest ?? renderConfessionRequest;
  return members.map(({ sample, task, confession }, i) => {
    const { completion, spans, tokenCount } = episodeCompletion(
      { mode, answer: sample.y, renderedRequest: render(sample.xc), confession: sample.yc },
      options.tokenize,
    );
    return {
      schema: EPISODE_SCHEMA,
      id: `${sample.id}#${mode}`,
      run: sample.runId,
      sampleIds: [sample.id],
      task: sample.task,
      caseId: sample.caseId,
      model: sample.model,
      condition: sample.condition,
      variant: sample.variant,
      repeatIndex: sample.repeatIndex,
      case: {
        id: sample.case.id,
        messages: sample.case.messages.map(toEpisodeMessage),
        payload: sample.case.payload,
      },
      group: promptGroupOf(sample),
      design,
      mode,
      prompt: promptOf(sample, mode),
      completion,
      ...(mode === "confession" ? { answer: sample.y } : {}),
      ...(mode === "task" ? {} : { confessionRequest: sample.xc }),
      spans,
      ...(tokenCount === undefined ? {} : { tokenCount }),
      rewards: { task: task.reward, confession: confession.reward },
      reasons: {
        ...(task.reason ? { task: task.reason } : {}),
        ...(confession.reason ? { confession: confession.reason } : {}),
      },
      judges: { task: task.judge, confession: confession.judge },
      advantages: { task: taskAdvantages[i] ?? null, confession: confessionAdvantages[i] ?? null },
      estimator,
      confessionStatus: sample.confession.status,
    };
  });
}

/** x for task and dual episodes; for confession episodes the answer phase then x_c as a system message. */
function promptOf(sample: SampleRecord, mode: EpisodeMode): EpisodeMessage[] {
  if (mode !== "confession") return sample.x.map(toEpisodeMessage);
  const answerPhase =
    sample.transcript.length > 0
      ? sample.transcript
      : [...sample.x, { role: "assistant" as const, content: sample.y }];
  return [...answerPhase.map(toEpisodeMessage), { role: "system", content: sample.xc }];
}
