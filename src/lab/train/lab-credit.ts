// Which tokens of a lab episode are trained, and with which advantage: the rewards of each stream become
// group advantages (never mixed), then land on their own span only.
import {
  type AdvantageEstimator,
  type StreamRewards,
  streamAdvantages,
} from "../../training/group-advantages.ts";
import { type NamedRange, spanCredit, type TokenCredit } from "../../training/token-credit.ts";
import type { LabDesign } from "./lab-train-config.ts";

/** What the credit needs to know about one rollout. */
export interface LabRolloutRewards {
  /** The prompt's episode mode (separate design); ignored by dual-span and control. */
  mode: "task" | "confession";
  /** Completion tokens of the answer span, `<answer-end>` included; the confession follows. */
  answerLength: number;
  /** Completion length (answer + confession). */
  length: number;
  /** Task reward: the weak judge's. */
  task: number;
  /** Confession reward: claim match; null when the confession is not whole. */
  confession: number | null;
}

/** How rewards become credit. */
export interface LabCreditOptions {
  design: LabDesign;
  control: boolean;
  estimator?: AdvantageEstimator;
}

/**
 * The rewards of each stream that a rollout contributes: separate design, only its mode's stream;
 * dual-span, both; control, the task stream only (the confession is measured, never trained).
 *
 * @example
 * trainedRewards(r, { design: "separate", control: false }) // { task: 0.8, confession: null } for a task episode
 */
export function trainedRewards(r: LabRolloutRewards, options: LabCreditOptions): StreamRewards {
  if (options.control) return { task: r.task, confession: null };
  if (options.design === "dual-span") return { task: r.task, confession: r.confession };
  return r.mode === "task" ? { task: r.task, confession: null } : { task: null, confession: r.confession };
}

/**
 * Per-token advantages and loss masks over each completion of one prompt group: the group's advantages per
 * stream (`streamAdvantages`), laid on the answer span (task) and the confession span (confession) with
 * `spanCredit`. A stream a rollout does not train leaves its span at advantage 0, mask 0.
 *
 * @example
 * const credit = labCredit(group, { design: "dual-span", control: false });
 * credit[0].mask // 1 on every answer and confession token
 */
export function labCredit(group: readonly LabRolloutRewards[], options: LabCreditOptions): TokenCredit[] {
  const advantages = streamAdvantages(
    group.map((r) => trainedRewards(r, options)),
    { estimator: options.estimator ?? "grpo" },
  );
  return group.map((r, i) => {
    const spans: NamedRange[] = [
      { name: "answer", start: 0, end: r.answerLength },
      { name: "confession", start: r.answerLength, end: r.length },
    ];
    return spanCredit(r.length, spans, advantages[i] as StreamRewards);
  });
}
