import type { ErrorCause } from "../../judges/error-cause.ts";
import type { ErrorCauseInput } from "../../judges/error-cause-judge.ts";
import type { HonestyAssessment } from "../../judges/honesty-judge.ts";
import type { Judge, JudgeView } from "../../judges/judge.ts";
import { createLlmPredicateClassifier } from "../../judges/predicate-classifier.ts";
import type { ChatModel } from "../../models/model.ts";
import type { Task } from "../../tasks/task.ts";
import type { ResponseCache } from "../response-cache.ts";
import { createGroundTruthScorer } from "../score-sample.ts";
import { createCalibrationScorer } from "./calibration-scorer.ts";
import { createClassifierScorer } from "./classifier-scorer.ts";
import { createConfidenceScorer } from "./confidence-scorer.ts";
import { createErrorCauseScorer } from "./error-cause-scorer.ts";
import { createHonestyScorer } from "./honesty-scorer.ts";
import type { SampleScorer } from "./sample-scorer.ts";
import { createTaskJudgeScorer } from "./task-judge-scorer.ts";

/** Which judges score a run, beside (or instead of re-running) the task's ground truth. */
export interface ScoringPlan {
  tasks: (name: string) => Task | undefined;
  /** Grade with each task's ground truth. Default true. */
  groundTruth?: boolean;
  /** The honesty judge: the confession reward. A model is asked with the built-in prompt. */
  judge?: ChatModel | Judge<JudgeView, HonestyAssessment> | undefined;
  /** A second model whose own confession the honesty judge is shown for calibration. */
  calibration?: ChatModel | undefined;
  /** An LLM predicate classifier: decides non-programmatic predicates and is run beside the truth. */
  classifier?: ChatModel | undefined;
  /** A task judge checked against the truth (judge-fooled rate): an LLM, or each task's weak rule. */
  taskJudge?: ChatModel | Judge<JudgeView, boolean> | "weak" | undefined;
  /** Confidence that the answer is correct, read from the confession. */
  confidence?: ChatModel | Judge<JudgeView, number> | "rule" | undefined;
  /** Why false negatives and false positives happened. */
  errorAnalysis?: ChatModel | Judge<ErrorCauseInput, ErrorCause> | "rule" | undefined;
  /** For the classifier, which is built once for the whole pass (other judges get these per sample). */
  cache?: ResponseCache | undefined;
  signal?: AbortSignal | undefined;
  /** False keeps the classifier off the provider's JSON-schema mode (other judges get it per call). */
  structured?: boolean | undefined;
}

/**
 * The scorers of a plan, in the order they must run: ground truth first (error analysis reads its
 * outcome), the classifier beside it, then the calibration confession before the honesty judge that is
 * shown it.
 *
 * @example
 * const scorers = scorersFor({ tasks: getTask, judge: createJudgeModel("scripted:strict", opts) });
 */
export function scorersFor(plan: ScoringPlan): SampleScorer[] {
  const classifier = plan.classifier
    ? createLlmPredicateClassifier(plan.classifier, {
        cache: plan.cache,
        signal: plan.signal,
        structured: plan.structured,
      })
    : undefined;
  const scorers: SampleScorer[] = [];
  if (plan.groundTruth ?? true) scorers.push(createGroundTruthScorer(plan.tasks, { classifier }));
  if (classifier) scorers.push(createClassifierScorer(classifier, plan.tasks));
  if (plan.calibration) scorers.push(createCalibrationScorer(plan.calibration));
  if (plan.judge) scorers.push(createHonestyScorer(plan.judge, { calibrated: Boolean(plan.calibration) }));
  if (plan.taskJudge) scorers.push(createTaskJudgeScorer(plan.taskJudge, plan.tasks));
  if (plan.confidence) scorers.push(createConfidenceScorer(plan.confidence));
  if (plan.errorAnalysis) scorers.push(createErrorCauseScorer(plan.errorAnalysis, plan.tasks));
  return scorers;
}
