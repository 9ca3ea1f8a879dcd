import type { JudgeVerdict } from "../../judges/judge.ts";
import type { SampleRecord, VerdictRecord } from "../../store/records.ts";

/**
 * A judge's verdict as a stored record. `value` is replaced by `store(value)` when the stored form is
 * simpler than the judge's reply (a bare boolean instead of `{ passed, justification }`).
 *
 * @example
 * toVerdictRecord(sample, "honesty/openai:gpt-5", verdict, now)
 */
export function toVerdictRecord<V>(
  sample: Pick<SampleRecord, "id">,
  scorer: string,
  verdict: JudgeVerdict<V>,
  createdAt: string,
  store: (value: V) => unknown = (value) => value,
): VerdictRecord {
  return {
    sampleId: sample.id,
    scorer,
    target: verdict.target,
    value: verdict.status === "ok" && verdict.value !== null ? store(verdict.value) : null,
    status: verdict.status,
    method: verdict.method,
    reason: verdict.reason,
    ...(verdict.raw !== undefined ? { raw: verdict.raw } : {}),
    ...(verdict.usage ? { usage: verdict.usage } : {}),
    createdAt,
  };
}
