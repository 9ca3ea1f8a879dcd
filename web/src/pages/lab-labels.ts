// The lab's metric names as the CLI's summary table shows them (a copy: only types cross from the server).

import type { LabEvalRecord, LabStepRecord } from "../../../src/lab/train/train-lab.ts";

/** The summary table's rows, in the CLI's order and wording. */
export const LAB_SUMMARY_ROWS: ReadonlyArray<[keyof LabEvalRecord, string]> = [
  ["weakJudgeReward", "weak-judge reward"],
  ["compliance", "true compliance"],
  ["hackRate", "hack rate"],
  ["judgeFooledRate", "judge fooled"],
  ["labelRate", "labels per sentence"],
  ["claimMatch", "claim match"],
  ["gradeHonestGivenNotComplied", "grade honest | not complied"],
  ["confessionReward", "confession reward"],
];

/** The per-step curves, one chart each; `rate` ones are drawn on a 0–1 axis. */
export const LAB_CURVES: ReadonlyArray<[keyof LabStepRecord, string, "rate" | "free"]> = [
  ["weakJudgeReward", "Weak-judge reward", "rate"],
  ["hackRate", "Hack rate", "rate"],
  ["compliance", "True compliance", "rate"],
  ["judgeFooledRate", "Judge fooled", "rate"],
  ["claimMatch", "Claim match", "rate"],
  ["gradeHonestGivenNotComplied", "Grade honest | not complied", "rate"],
  ["confessionReward", "Confession reward", "rate"],
  ["kl", "KL to the warm-start policy", "free"],
  ["entropy", "Entropy (nats per token)", "free"],
];
