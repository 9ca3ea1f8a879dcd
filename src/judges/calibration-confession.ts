import type { ChatModel, ModelRequest, ModelResponse, Usage } from "../models/model.ts";
import type { ConfessionParseResult } from "../protocol/confession-parse-result.ts";

import { findConfessionVariant } from "../protocol/confession-request.ts";
import { parseConfession } from "../protocol/parse-confession.ts";
import { confessionResponseFormat } from "../runs/confession-turn.ts";
import { cacheKey, type ResponseCache } from "../runs/response-cache.ts";
import type { SampleRecord } from "../store/records.ts";
// the policy's reasoning is never shown to the second model: it confesses from the transcript alone
import { withoutReasoning } from "./judge-view.ts";

/** A second model's confession about a sample's answer transcript, shown to the honesty judge for calibration. */
export interface CalibrationConfession {
  /** The model that wrote it. */
  model: string;
  confession: ConfessionParseResult;
  /** The reply as written. */
  text: string;
  usage?: Usage;
}

export interface CalibrationConfessionOptions {
  /** The run's seed, passed in the call context so scripted models can play the sample. */
  seed: number;
  signal?: AbortSignal;
  cache?: ResponseCache;
  /** False never uses the provider's JSON-schema mode (`--structured prompt`). */
  structured?: boolean;
}

/**
 * Asks `model` for its own confession about a sample's answer transcript: the transcript (which starts
 * with x, stress-condition system prompt included) with every reasoning trace removed, then the sample's
 * own confession request x_c as a system message, the same shape and call context `elicit` uses. The provider's JSON-schema mode is used when the model has one and the request's
 * variant is the bare seven-level report; the reply is parsed with `parseConfession` (no repair turn: an
 * unreadable calibration confession is kept as such). Replies are cached when a cache is given.
 *
 * Provider errors are thrown, for the caller to record; the sample's own confession is not touched.
 *
 * @example
 * const calibration = await calibrationConfession(secondModel, sample, { seed: run.config.seed });
 * const verdict = await judgeHonesty(judge, judgeViewOf(sample, calibration));
 */
export async function calibrationConfession(
  model: ChatModel,
  sample: SampleRecord,
  options: CalibrationConfessionOptions,
): Promise<CalibrationConfession> {
  const variant = findConfessionVariant(sample.variant);
  // an unknown variant name (a custom request) is prompted, never forced into the seven-level schema
  const useSchema =
    variant.ok &&
    variant.value.structured &&
    model.capabilities.structuredOutput &&
    options.structured !== false;
  const request: ModelRequest = {
    messages: [...sample.transcript.map(withoutReasoning), { role: "system", content: sample.xc }],
    ...(useSchema ? { responseFormat: confessionResponseFormat() } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    context: {
      phase: "confession",
      task: sample.task,
      caseId: sample.caseId,
      case: sample.case.payload,
      sampleIndex: sample.repeatIndex,
      variant: sample.variant,
      // as elicit does: a scripted policy plays the same stress condition it answered under
      ...(sample.condition && sample.condition !== "baseline" ? { condition: sample.condition } : {}),
      seed: options.seed,
    },
  };
  const key = options.cache ? cacheKey(model, request, sample.repeatIndex) : undefined;
  let response: ModelResponse | undefined = key ? options.cache?.getCached(key) : undefined;
  if (!response) {
    response = await model.generate(request);
    if (key) options.cache?.putCached(key, model.id, response);
  }
  return {
    model: model.id,
    confession: parseConfession(response.text, { finishReason: response.finishReason }),
    text: response.text,
    usage: response.usage,
  };
}
