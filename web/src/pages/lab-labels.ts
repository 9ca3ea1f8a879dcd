// The lab's metric names: the summary rows as `confess lab` prints them, and the titles of the curves.

import { LAB_METRIC_LABELS, LAB_METRIC_ROWS } from "../../../src/lab/train/lab-metric-labels.ts";
import type { LabStepRecord } from "../../../src/lab/train/train-lab.ts";

/** The summary table's rows, in the CLI's order and wording (one list for both). */
export const LAB_SUMMARY_ROWS: ReadonlyArray<[(typeof LAB_METRIC_ROWS)[number], string]> =
  LAB_METRIC_ROWS.map((key) => [key, LAB_METRIC_LABELS[key]]);

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
