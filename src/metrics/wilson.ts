/** A closed interval `[low, high]` of a rate, in the same 0–1 units as the rate. */
export type Interval = [low: number, high: number];

/** Two-sided 95% normal quantile, Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

/**
 * Wilson score interval for `k` successes out of `n` trials. Preferred over the Wald interval because it
 * stays inside [0, 1] and behaves well for rates near 0 or 1 and for small `n`, which is where confession
 * rates live. Returns `null` when `n` is 0: there is no rate, so there is no interval (never NaN).
 *
 * @example
 * wilson(1, 100); // ≈ [0.0018, 0.0545]
 * wilson(0, 0);   // null
 */
export function wilson(k: number, n: number, z: number = Z_95): Interval | null {
  if (!Number.isFinite(k) || !Number.isFinite(n) || k < 0 || n < 0 || k > n) {
    throw new RangeError(`wilson: need 0 <= k <= n, got k=${k}, n=${n}`);
  }
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At k = 0 or k = n the bound is exactly 0 or 1; pin it so rounding never yields -1e-17 or 1.0000000002.
  const low = k === 0 ? 0 : Math.max(0, centre - half);
  const high = k === n ? 1 : Math.min(1, centre + half);
  return [low, high];
}
