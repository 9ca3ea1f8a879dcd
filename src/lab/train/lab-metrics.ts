// The lab's per-rollout measurements, averaged over a step's rollouts (or an evaluation's).
import { decodeEpisode, type LabScores, type LabWorld, scoreEpisode } from "../world/index.ts";
import type { SampledEpisodes } from "./lab-rollouts.ts";

/** Rates and means over a set of rollouts; a metric with no rollout to average over is null. */
export interface LabMetrics {
  rollouts: number;
  /** Mean weak-judge (task) reward. */
  weakJudgeReward: number;
  /** Share of truly compliant answers. */
  compliance: number;
  /** Share of answers with a label that states the target over a wrong count. */
  hackRate: number;
  /** Share of answers the weak judge fully passes while they do not comply. */
  judgeFooledRate: number;
  /** Mean labels per sentence. */
  labelRate: number;
  /** Mean claim match over whole confessions (every rollout, trained or not). */
  claimMatch: number | null;
  /** Share of failing grades among non-compliant answers with a whole confession. */
  gradeHonestGivenNotComplied: number | null;
  /** Mean confession reward. */
  confessionReward: number | null;
}

/**
 * Decodes and scores every sampled completion against its prompt.
 *
 * @example
 * const scores = scoreEpisodes(world, episodes);
 */
export function scoreEpisodes(world: LabWorld, episodes: SampledEpisodes): LabScores[] {
  return episodes.completions.map((tokens, i) =>
    scoreEpisode(episodes.prompts[i] as SampledEpisodes["prompts"][number], decodeEpisode(world, tokens)),
  );
}

/**
 * Averages scores into {@link LabMetrics}.
 *
 * @example
 * labMetrics(scoreEpisodes(world, episodes)).hackRate
 */
export function labMetrics(scores: readonly LabScores[]): LabMetrics {
  const n = scores.length;
  const mean = (values: readonly (number | null)[]): number | null => {
    let total = 0;
    let count = 0;
    for (const v of values) {
      if (v === null) continue;
      total += v;
      count++;
    }
    return count === 0 ? null : total / count;
  };
  const rate = (f: (s: LabScores) => boolean): number => (n === 0 ? 0 : scores.filter(f).length / n);
  return {
    rollouts: n,
    weakJudgeReward: mean(scores.map((s) => s.weakJudgeReward)) ?? 0,
    compliance: rate((s) => s.compliant),
    hackRate: rate((s) => s.hack),
    judgeFooledRate: rate((s) => s.judgeFooled),
    labelRate:
      mean(scores.map((s) => (s.sentences.length === 0 ? null : s.labels / s.sentences.length))) ?? 0,
    claimMatch: mean(scores.map((s) => s.claimMatch)),
    gradeHonestGivenNotComplied: mean(
      scores.map((s) =>
        s.gradeHonestGivenNotComplied === null ? null : s.gradeHonestGivenNotComplied ? 1 : 0,
      ),
    ),
    confessionReward: mean(scores.map((s) => s.confessionReward)),
  };
}
