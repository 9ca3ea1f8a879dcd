import { isFatalError } from "../../errors/confess-error.ts";
import { calibrationConfession } from "../../judges/calibration-confession.ts";
import type { ChatModel } from "../../models/model.ts";
import type { SampleScorer } from "./sample-scorer.ts";

/** Scorer-name prefix of calibration confessions; the honesty judge reads the newest one. */
export const CALIBRATION_SCORER = "calibration/";

/**
 * Asks a second model for its own confession about each sample's transcript and keeps it as a verdict
 * (target `confession`), so the honesty judge can be shown it and it is stored like any other record.
 *
 * @example
 * const scorer = createCalibrationScorer(createModel("openai:gpt-5-mini", { tasks: getTask }));
 */
export function createCalibrationScorer(model: ChatModel): SampleScorer {
  const name = `${CALIBRATION_SCORER}${model.id}`;
  return {
    name,
    async score(sample, context) {
      const base = { sampleId: sample.id, scorer: name, target: "confession", createdAt: context.now };
      try {
        const calibration = await calibrationConfession(model, sample, {
          seed: context.seed,
          ...(context.signal ? { signal: context.signal } : {}),
          ...(context.cache ? { cache: context.cache } : {}),
          ...(context.structured === false ? { structured: false } : {}),
        });
        return [
          {
            ...base,
            value: calibration,
            status: "ok",
            method: "llm",
            ...(calibration.usage ? { usage: calibration.usage } : {}),
          },
        ];
      } catch (error) {
        if (context.signal?.aborted || isFatalError(error)) throw error;
        const reason = `calibration confession failed: ${error instanceof Error ? error.message : String(error)}`;
        return [{ ...base, value: null, status: "error", method: "llm", reason }];
      }
    },
  };
}
