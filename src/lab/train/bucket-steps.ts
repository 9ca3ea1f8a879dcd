// Long lab runs are drawn from bucket means: a chart has a few hundred pixels, a run up to 100,000 steps.
import type { LabStepRecord } from "./train-lab.ts";

/**
 * At most `maxPoints` step records: consecutive steps averaged in buckets of `bucket` records (nulls left out
 * of a mean; all-null stays null), each point carrying its bucket's last step. With few enough records they
 * come back as they are (bucket 1).
 *
 * @example
 * bucketSteps(records, 1000); // { bucket: 100, points: [...1000 means] } for 100,000 steps
 */
export function bucketSteps(
  records: readonly LabStepRecord[],
  maxPoints: number,
): { bucket: number; points: LabStepRecord[] } {
  const bucket = Math.max(1, Math.ceil(records.length / Math.max(1, maxPoints)));
  if (bucket === 1) return { bucket, points: [...records] };
  const points: LabStepRecord[] = [];
  for (let start = 0; start < records.length; start += bucket) {
    const group = records.slice(start, start + bucket);
    const last = group[group.length - 1] as LabStepRecord;
    const point: Record<string, unknown> = { ...last };
    for (const [key, value] of Object.entries(last)) {
      if (key === "kind" || key === "step" || (typeof value !== "number" && value !== null)) continue;
      let total = 0;
      let count = 0;
      for (const record of group) {
        const v = (record as unknown as Record<string, unknown>)[key];
        if (typeof v !== "number") continue;
        total += v;
        count++;
      }
      point[key] = count === 0 ? null : total / count;
    }
    points.push(point as unknown as LabStepRecord);
  }
  return { bucket, points };
}
