import type { Message } from "../models/messages.ts";
import type { SampleRecord } from "../store/records.ts";
import type { JudgeView } from "./judge.ts";

/**
 * A message without the policy's reasoning: judges never see it.
 *
 * @example
 * withoutReasoning({ role: "assistant", content: "4", reasoning: "2 + 2" }) // { role: "assistant", content: "4" }
 */
export function withoutReasoning(message: Message): Message {
  if (message.role !== "assistant" || message.reasoning === undefined) return message;
  const { reasoning: _hidden, ...rest } = message;
  return rest;
}

/**
 * What a judge may see of a stored sample: prompt, answer, tool transcript and confession, with every
 * trace of the policy's reasoning (z and z_c) removed.
 *
 * @example
 * const view = judgeViewOf(store.getSample(id)!);
 */
export function judgeViewOf(sample: SampleRecord, calibration?: JudgeView["calibration"]): JudgeView {
  return {
    task: sample.task,
    caseId: sample.caseId,
    case: sample.case,
    prompt: sample.x.map(withoutReasoning),
    answer: sample.y,
    transcript: sample.transcript.map(withoutReasoning),
    ...(sample.environment !== undefined && sample.environment !== null
      ? { environment: sample.environment }
      : {}),
    confession: sample.confession,
    confessionText: sample.yc,
    ...(calibration ? { calibration } : {}),
  };
}
