// Reductions to a scalar [1, 1]: sum, mean and a weighted sum (per-token loss weights: advantages × masks,
// or 1/|o_i| normalisers), the last op of every loss.
import { assertShape, type Tape, type Tensor } from "./tape.ts";

/**
 * Σ_i w_i a_i → [1, 1], with `weights` a plain array of the same length as `a` (not differentiated).
 *
 * @example
 * const loss = weightedSum(t, chosenLogp, negAdvantageOverCount);
 */
export function weightedSum(t: Tape, a: Tensor, weights: Float64Array): Tensor {
  assertShape(weights, a.rows, a.cols, "weightedSum weights");
  const len = a.rows * a.cols;
  const x = a.value;
  // a private copy: the caller may reuse its array before backward runs
  const w8 = t.alloc(len);
  w8.set(weights);
  let s = 0;
  for (let i = 0; i < len; i++) {
    const w = w8[i] as number;
    // a zero weight drops its entry even when the entry is ±∞ (a padded position)
    if (w !== 0) s += w * (x[i] as number);
  }
  const value = t.alloc(1);
  value[0] = s;
  const out = t.node(1, 1, value, a.grad !== null);
  if (out.grad !== null) {
    const dc = out.grad;
    const da = a.grad as Float64Array;
    t.record(() => {
      const g = dc[0] as number;
      for (let i = 0; i < len; i++) da[i] = (da[i] as number) + g * (w8[i] as number);
    });
  }
  return out;
}

/**
 * Σ of all entries → [1, 1].
 *
 * @example
 * const total = sum(t, x);
 */
export function sum(t: Tape, a: Tensor): Tensor {
  return weightedSum(t, a, new Float64Array(a.rows * a.cols).fill(1));
}

/**
 * Mean of all entries → [1, 1].
 *
 * @example
 * const avg = mean(t, x);
 */
export function mean(t: Tape, a: Tensor): Tensor {
  return weightedSum(t, a, new Float64Array(a.rows * a.cols).fill(1 / (a.rows * a.cols)));
}
