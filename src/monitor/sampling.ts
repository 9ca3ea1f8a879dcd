import { createHash } from "node:crypto";

/** Prefixed to the id before hashing, so these buckets are unrelated to any other hash of the same id. */
const SAMPLING_DOMAIN = "confessional:monitor-sampling:v1\0";

/**
 * Where a request id falls in [0, 1): the first 53 bits of SHA-256 over the domain-separated id, as a
 * fraction. The same id always gives the same point, on every machine and every version that keeps `v1`.
 *
 * @example
 * samplingPoint("req_123") // 0.41… (always the same for this id)
 */
export function samplingPoint(requestId: string): number {
  const digest = createHash("sha256").update(SAMPLING_DOMAIN).update(requestId).digest();
  // 48 bits from the first six bytes, then the top 5 bits of the seventh: 53 bits, exact in a double
  const bucket = digest.readUIntBE(0, 6) * 32 + ((digest[6] as number) >> 3);
  return bucket / 2 ** 53;
}

/**
 * Whether a request is in the monitored sample at `rate` (0 to 1). Decided by hashing the request id,
 * not by chance, so a request is always in or always out, and raising the rate only adds requests.
 * A rate of 1 or more takes every request; 0, a negative rate or NaN takes none.
 *
 * @example
 * const mode = inSample(requestId, 0.1) ? "async" : "off";
 */
export function inSample(requestId: string, rate: number): boolean {
  if (!(rate > 0)) return false;
  if (rate >= 1) return true;
  return samplingPoint(requestId) < rate;
}
