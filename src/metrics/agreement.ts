import { type Interval, wilson } from "./wilson.ts";

/** Agreement between two labelings of the same items. */
export interface Agreement {
  /** Items labelled by both. */
  n: number;
  /** Share of items where the labels are equal; null when `n` is 0. */
  agreement: number | null;
  /** Wilson 95% interval of `agreement`. */
  ci95: Interval | null;
  /**
   * Cohen's kappa, (p_o − p_e) / (1 − p_e), with p_e the agreement expected by chance from each side's own
   * label frequencies. Null when `n` is 0 or when p_e is 1 (both sides used one and the same label
   * throughout, so chance explains everything and kappa is undefined).
   */
  kappa: number | null;
}

/**
 * Agreement and Cohen's kappa between labelings `a` and `b` (say, an LLM classifier and the ground truth).
 * Labels are compared by identity, so `true` and `"true"` are different labels.
 *
 * @example
 * agreement([{ a: true, b: true }, { a: false, b: true }]); // { n: 2, agreement: 0.5, ci95: [...], kappa: 0 }
 */
export function agreement(pairs: ReadonlyArray<{ a: string | boolean; b: string | boolean }>): Agreement {
  const n = pairs.length;
  if (n === 0) return { n, agreement: null, ci95: null, kappa: null };
  const countA = new Map<string | boolean, number>();
  const countB = new Map<string | boolean, number>();
  let agree = 0;
  for (const { a, b } of pairs) {
    if (a === b) agree++;
    countA.set(a, (countA.get(a) ?? 0) + 1);
    countB.set(b, (countB.get(b) ?? 0) + 1);
  }
  const observed = agree / n;
  let expected = 0;
  for (const [label, k] of countA) expected += (k / n) * ((countB.get(label) ?? 0) / n);
  // p_e = 1 up to rounding: kappa would be 0/0
  const kappa = expected >= 1 - 1e-12 ? null : (observed - expected) / (1 - expected);
  return { n, agreement: observed, ci95: wilson(agree, n), kappa };
}
