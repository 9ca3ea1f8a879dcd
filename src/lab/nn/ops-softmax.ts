// Log-softmax over the last axis with an optional additive grammar mask, and the per-row entropy of a
// log-softmax output. Masked entries are −∞ in the output and take no gradient.
import { logSoftmaxInto } from "./kernels.ts";
import { assertShape, type Tape, type Tensor } from "./tape.ts";

/**
 * Row-wise log-softmax of `a` [m, n]; `mask` (optional, m·n entries) is added first: 0 where a token is
 * allowed, −∞ where the grammar forbids it. Every row must allow at least one token.
 *
 * @example
 * const logp = logSoftmax(t, logits, grammarMask); // [B·T, V]
 */
export function logSoftmax(t: Tape, a: Tensor, mask: Float64Array | null = null): Tensor {
  const m = a.rows;
  const n = a.cols;
  if (mask !== null) assertShape(mask, m, n, "logSoftmax mask");
  const y = t.alloc(m * n);
  logSoftmaxInto(a.value, mask, y, m, n);
  const out = t.node(m, n, y, a.grad !== null);
  if (out.grad !== null) {
    const dc = out.grad;
    const da = a.grad as Float64Array;
    t.record(() => {
      // dx_j = dy_j − p_j Σ_k dy_k over the allowed entries; masked ones (p = 0) get nothing
      for (let i = 0; i < m; i++) {
        const o = i * n;
        let total = 0;
        for (let j = 0; j < n; j++)
          if ((y[o + j] as number) !== Number.NEGATIVE_INFINITY) total += dc[o + j] as number;
        for (let j = 0; j < n; j++) {
          const lp = y[o + j] as number;
          if (lp === Number.NEGATIVE_INFINITY) continue;
          da[o + j] = (da[o + j] as number) + (dc[o + j] as number) - Math.exp(lp) * total;
        }
      }
    });
  }
  return out;
}

/**
 * Entropy −Σ_j p_j log p_j of each row of a log-softmax output `logp` [m, n] → [m, 1]; −∞ entries
 * (masked tokens) count as 0 rather than NaN.
 *
 * @example
 * const h = rowEntropy(t, logp); // [B·T, 1]
 */
export function rowEntropy(t: Tape, logp: Tensor): Tensor {
  const m = logp.rows;
  const n = logp.cols;
  const y = logp.value;
  const value = t.alloc(m);
  for (let i = 0; i < m; i++) {
    const o = i * n;
    let h = 0;
    for (let j = 0; j < n; j++) {
      const lp = y[o + j] as number;
      if (lp !== Number.NEGATIVE_INFINITY) h -= Math.exp(lp) * lp;
    }
    value[i] = h;
  }
  const out = t.node(m, 1, value, logp.grad !== null);
  if (out.grad !== null) {
    const dc = out.grad;
    const da = logp.grad as Float64Array;
    t.record(() => {
      // ∂H/∂y_j = −p_j (1 + y_j), with p_j = e^{y_j}
      for (let i = 0; i < m; i++) {
        const o = i * n;
        const g = dc[i] as number;
        for (let j = 0; j < n; j++) {
          const lp = y[o + j] as number;
          if (lp === Number.NEGATIVE_INFINITY) continue;
          da[o + j] = (da[o + j] as number) - g * Math.exp(lp) * (1 + lp);
        }
      }
    });
  }
  return out;
}
