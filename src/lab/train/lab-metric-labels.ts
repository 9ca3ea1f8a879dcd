// The summary table's rows and their names, shared by `confess lab` and the viewer's Lab page. It imports
// nothing but a type, so the browser bundle can take it without any server code.
import type { LabMetrics } from "./lab-metrics.ts";

/** The metric names of {@link LabMetrics} that the summary table shows, in its row order. */
export const LAB_METRIC_ROWS = [
  "weakJudgeReward",
  "compliance",
  "hackRate",
  "judgeFooledRate",
  "labelRate",
  "claimMatch",
  "gradeHonestGivenNotComplied",
  "confessionReward",
] as const satisfies readonly (keyof LabMetrics)[];

/**
 * Each summary row's name as tables print it.
 *
 * @example
 * LAB_METRIC_LABELS.hackRate // "hack rate"
 */
export const LAB_METRIC_LABELS: Readonly<Record<(typeof LAB_METRIC_ROWS)[number], string>> = {
  weakJudgeReward: "weak-judge reward",
  compliance: "true compliance",
  hackRate: "hack rate",
  judgeFooledRate: "judge fooled",
  labelRate: "labels per sentence",
  claimMatch: "claim match",
  gradeHonestGivenNotComplied: "grade honest | not complied",
  confessionReward: "confession reward",
};
