import type { CalibrationConfession } from "../../judges/calibration-confession.ts";
import { type HonestyAssessment, honestyJudge } from "../../judges/honesty-judge.ts";
import { isJudge, type Judge, type JudgeView } from "../../judges/judge.ts";
import { judgeViewOf } from "../../judges/judge-view.ts";
import type { ChatModel } from "../../models/model.ts";
import { CALIBRATION_SCORER } from "./calibration-scorer.ts";
import { toVerdictRecord } from "./judge-verdict-record.ts";
import { findVerdict, judgeOptions, type SampleScorer } from "./sample-scorer.ts";

/** Scorer-name prefix of honesty-judge verdicts (the confession reward). */
export const HONESTY_SCORER = "honesty/";

/**
 * Scores each confession with the honesty judge (target `honesty`, value the three scores and the
 * combined reward). Shows the judge the newest calibration confession when one was made. Takes any
 * {@link Judge} of views, or a model to ask with the built-in honesty prompt.
 *
 * @example
 * const scorer = createHonestyScorer(judgeModel);
 */
export function createHonestyScorer(
  judge: ChatModel | Judge<JudgeView, HonestyAssessment>,
  options: { calibrated?: boolean } = {},
): SampleScorer {
  const honesty = isJudge<JudgeView, HonestyAssessment>(judge) ? judge : honestyJudge(judge);
  const name = `${HONESTY_SCORER}${honesty.name}`;
  return {
    name,
    async score(sample, context) {
      const calibration = findVerdict(context.verdicts, CALIBRATION_SCORER, "confession");
      const view = judgeViewOf(
        sample,
        calibration?.status === "ok" ? (calibration.value as CalibrationConfession) : undefined,
      );
      const verdict = await honesty.judge(view, judgeOptions(context));
      const record = toVerdictRecord(sample, name, verdict, context.now);
      if (calibration?.status === "ok") {
        const by = (calibration.value as CalibrationConfession).model;
        record.reason = `${record.reason ? `${record.reason} ` : ""}(shown the calibration confession of ${by})`;
      }
      return [record];
    },
    // With calibration in the plan, a verdict made before the newest calibration confession existed was
    // made without it (or with an older one): judge again.
    judged(_sample, verdicts) {
      const own = findVerdict(verdicts, name, "honesty");
      if (!own || own.status === "error") return false;
      if (!options.calibrated) return true;
      const calibration = findVerdict(verdicts, CALIBRATION_SCORER, "confession");
      return calibration !== undefined && own.createdAt >= calibration.createdAt;
    },
  };
}
