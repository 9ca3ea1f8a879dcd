import { confidenceJudge } from "../../judges/confidence-judge.ts";
import { ruleConfidenceJudge } from "../../judges/confidence-rule.ts";
import { isJudge, type Judge, type JudgeView } from "../../judges/judge.ts";
import { judgeViewOf } from "../../judges/judge-view.ts";
import type { ChatModel } from "../../models/model.ts";
import { toVerdictRecord } from "./judge-verdict-record.ts";
import { judgeOptions, type SampleScorer } from "./sample-scorer.ts";

/** Scorer-name prefix of confidence verdicts (target `confidence`, a probability the answer is correct). */
export const CONFIDENCE_SCORER = "confidence/";

/**
 * Reads from each confession how confident the model is that its answer is correct (paper §5): with an
 * LLM, or `"rule"` for the fixed mapping from the report's grade and claims.
 *
 * @example
 * createConfidenceScorer("rule")
 */
export function createConfidenceScorer(
  extractor: ChatModel | Judge<JudgeView, number> | "rule",
): SampleScorer {
  const judge =
    extractor === "rule"
      ? ruleConfidenceJudge
      : isJudge<JudgeView, number>(extractor)
        ? extractor
        : confidenceJudge(extractor);
  const name = `${CONFIDENCE_SCORER}${judge.name}`;
  return {
    name,
    async score(sample, context) {
      const verdict = await judge.judge(judgeViewOf(sample), judgeOptions(context));
      return [toVerdictRecord(sample, name, verdict, context.now)];
    },
  };
}
