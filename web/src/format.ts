// How numbers are shown. Browser tests compare these strings with the CLI's JSON, so the rules are fixed:
// - a rate (a 0–1 fraction) is a percentage with exactly one decimal: 0.21875 → "21.9%"
//   (Number.prototype.toFixed(1) of rate × 100, so halves round as toFixed does);
// - a missing rate (null: no denominator) is "—", never "0.0%";
// - an interval is "[low, high]" with both ends formatted as rates: [0.18, 0.259] → "[18.0%, 25.9%]";
// - counts use the en-US thousands separator: 100000 → "100,000".

import type { Interval } from "../../src/metrics/wilson.ts";

/** Shown for a missing value. */
export const MISSING = "—";

/**
 * A 0–1 rate as a percentage with one decimal.
 *
 * @example
 * pct(0.21875) // "21.9%"
 * pct(null)    // "—"
 */
export function pct(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return MISSING;
  return `${(rate * 100).toFixed(1)}%`;
}

/**
 * A 95% interval of a rate, as "[a, b]".
 *
 * @example
 * interval([0.18, 0.259]) // "[18.0%, 25.9%]"
 */
export function interval(ci: Interval | readonly [number, number] | null | undefined): string {
  if (!ci) return MISSING;
  return `[${pct(ci[0])}, ${pct(ci[1])}]`;
}

/**
 * A signed difference of two rates in percentage points.
 *
 * @example
 * delta(0.05) // "+5.0 pp"
 */
export function delta(diff: number | null | undefined): string {
  if (diff === null || diff === undefined || !Number.isFinite(diff)) return MISSING;
  const points = (diff * 100).toFixed(1);
  return `${diff > 0 ? "+" : diff < 0 ? "" : "±"}${points} pp`;
}

/**
 * An interval of a difference, in signed percentage points.
 *
 * @example
 * deltaInterval([-0.02, 0.1]) // "[-2.0, +10.0] pp"
 */
export function deltaInterval(ci: readonly [number, number] | null | undefined): string {
  if (!ci) return MISSING;
  const one = (x: number) => `${x > 0 ? "+" : ""}${(x * 100).toFixed(1)}`;
  return `[${one(ci[0])}, ${one(ci[1])}] pp`;
}

/**
 * A count with thousands separators.
 *
 * @example
 * count(100000) // "100,000"
 */
export function count(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return MISSING;
  return n.toLocaleString("en-US");
}

/**
 * A plain number with up to `digits` decimals (AUC, ECE, rewards).
 *
 * @example
 * decimal(0.8123) // "0.812"
 */
export function decimal(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return MISSING;
  return x.toFixed(digits);
}

/**
 * A duration in milliseconds, as ms below a second and seconds above.
 *
 * @example
 * ms(850)  // "850 ms"
 * ms(1530) // "1.53 s"
 */
export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
}

/**
 * An ISO timestamp as "YYYY-MM-DD HH:MM:SS" (UTC, as stored), so it sorts and compares as text.
 *
 * @example
 * when("2026-01-02T03:04:05.678Z") // "2026-01-02 03:04:05"
 */
export function when(iso: string | null | undefined): string {
  if (!iso) return MISSING;
  return iso.replace("T", " ").replace(/\.\d+Z?$|Z$/, "");
}

/**
 * A list of names joined with commas.
 *
 * @example
 * list(["a", "b"]) // "a, b"
 */
export function list(names: readonly string[] | string | null | undefined): string {
  if (names === null || names === undefined) return MISSING;
  if (typeof names === "string") return names;
  return names.length === 0 ? MISSING : names.join(", ");
}
