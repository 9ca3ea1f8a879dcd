import { createHash } from "node:crypto";

/** The paper's share of inputs trained to confess (§3.2: "a confession on 25% of inputs"). */
export const DEFAULT_CONFESSION_P = 0.25;

export interface EpisodeModeInput {
  seed: number;
  task: string;
  caseId: string;
  /** Probability of a confession episode, 0 to 1. */
  p: number;
}

/**
 * A uniform number in [0, 1) from (seed, task, caseId): the first 48 bits of a SHA-256, so it depends on
 * nothing else (not the rollout index, not the order cases are read in).
 *
 * @example
 * episodeDraw(1, "word-count", "wc-0001"); // the same number on every call
 */
export function episodeDraw(seed: number, task: string, caseId: string): number {
  const digest = createHash("sha256")
    .update(`confessional.episode-mode\0${seed}\0${task}\0${caseId}`)
    .digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/**
 * The paper's per-prompt choice (separate design): with probability `p` the prompt's episodes are
 * confession episodes, otherwise task episodes. Decided per prompt, never per rollout, so every GRPO group
 * holds one reward stream (rl.md §2, invariant 6): all repeats of a case get the same mode.
 *
 * @example
 * episodeMode({ seed: 1, task: "word-count", caseId: "wc-0001", p: 0.25 }); // "task" or "confession"
 * episodeMode({ seed: 1, task: "word-count", caseId: "wc-0001", p: 1 });    // "confession"
 */
export function episodeMode(input: EpisodeModeInput): "task" | "confession" {
  return episodeDraw(input.seed, input.task, input.caseId) < input.p ? "confession" : "task";
}
