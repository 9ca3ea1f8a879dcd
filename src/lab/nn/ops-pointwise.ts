// Pointwise nonlinearities: sigmoid, tanh, exp, log, clamp, minimum. Each backward reuses the forward
// value (σ' = σ(1 − σ), tanh' = 1 − tanh², exp' = exp) so nothing is recomputed.
import { sigmoidOf } from "./kernels.ts";
import { assertSameShape, type Tape, type Tensor } from "./tape.ts";

/** Shared shape of a unary op whose derivative is a function of input `x` and output `y`. */
function unary(t: Tape, a: Tensor, kind: "sigmoid" | "tanh" | "exp" | "log"): Tensor {
  const len = a.rows * a.cols;
  const x = a.value;
  const y = t.alloc(len);
  // one loop per kind (not a callback per element) keeps the hot loops monomorphic
  if (kind === "sigmoid") for (let i = 0; i < len; i++) y[i] = sigmoidOf(x[i] as number);
  else if (kind === "tanh") for (let i = 0; i < len; i++) y[i] = Math.tanh(x[i] as number);
  else if (kind === "exp") for (let i = 0; i < len; i++) y[i] = Math.exp(x[i] as number);
  else for (let i = 0; i < len; i++) y[i] = Math.log(x[i] as number);
  const out = t.node(a.rows, a.cols, y, a.grad !== null);
  if (out.grad !== null) {
    const dc = out.grad;
    const da = a.grad as Float64Array;
    t.record(() => {
      if (kind === "sigmoid") {
        for (let i = 0; i < len; i++) {
          const s = y[i] as number;
          da[i] = (da[i] as number) + (dc[i] as number) * s * (1 - s);
        }
      } else if (kind === "tanh") {
        for (let i = 0; i < len; i++) {
          const s = y[i] as number;
          da[i] = (da[i] as number) + (dc[i] as number) * (1 - s * s);
        }
      } else if (kind === "exp") {
        for (let i = 0; i < len; i++) da[i] = (da[i] as number) + (dc[i] as number) * (y[i] as number);
      } else {
        for (let i = 0; i < len; i++) da[i] = (da[i] as number) + (dc[i] as number) / (x[i] as number);
      }
    });
  }
  return out;
}

/**
 * Logistic sigmoid, elementwise.
 *
 * @example
 * const gate = sigmoid(t, preActivation);
 */
export function sigmoid(t: Tape, a: Tensor): Tensor {
  return unary(t, a, "sigmoid");
}

/**
 * Hyperbolic tangent, elementwise.
 *
 * @example
 * const candidate = tanh(t, preActivation);
 */
export function tanh(t: Tape, a: Tensor): Tensor {
  return unary(t, a, "tanh");
}

/**
 * `eˣ`, elementwise.
 *
 * @example
 * const ratio = exp(t, sub(t, logp, oldLogp)); // importance ratio ρ
 */
export function exp(t: Tape, a: Tensor): Tensor {
  return unary(t, a, "exp");
}

/**
 * Natural logarithm, elementwise (inputs must be positive).
 *
 * @example
 * const l = log(t, probabilities);
 */
export function log(t: Tape, a: Tensor): Tensor {
  return unary(t, a, "log");
}

/**
 * Clamps into [lo, hi]; the gradient passes only where lo < x < hi (as `torch.clamp`'s does at interior
 * points), so a clipped PPO ratio stops pushing.
 *
 * @example
 * const clipped = clamp(t, ratio, 0.8, 1.2);
 */
export function clamp(t: Tape, a: Tensor, lo: number, hi: number): Tensor {
  if (!(lo <= hi)) throw new RangeError(`clamp: lo ${lo} > hi ${hi}`);
  const len = a.rows * a.cols;
  const x = a.value;
  const y = t.alloc(len);
  for (let i = 0; i < len; i++) {
    const v = x[i] as number;
    y[i] = v < lo ? lo : v > hi ? hi : v;
  }
  const out = t.node(a.rows, a.cols, y, a.grad !== null);
  if (out.grad !== null) {
    const dc = out.grad;
    const da = a.grad as Float64Array;
    t.record(() => {
      for (let i = 0; i < len; i++) {
        const v = x[i] as number;
        if (v > lo && v < hi) da[i] = (da[i] as number) + (dc[i] as number);
      }
    });
  }
  return out;
}

/**
 * Elementwise minimum of two same-shaped tensors; the gradient goes to the smaller (to `a` on ties).
 *
 * @example
 * const surrogate = minimum(t, mul(t, ratio, adv), mul(t, clipped, adv)); // PPO's pessimistic bound
 */
export function minimum(t: Tape, a: Tensor, b: Tensor): Tensor {
  assertSameShape(a, b, "minimum");
  const len = a.rows * a.cols;
  const av = a.value;
  const bv = b.value;
  const y = t.alloc(len);
  for (let i = 0; i < len; i++) y[i] = Math.min(av[i] as number, bv[i] as number);
  const out = t.node(a.rows, a.cols, y, a.grad !== null || b.grad !== null);
  if (out.grad !== null) {
    const dc = out.grad;
    t.record(() => {
      const da = a.grad;
      const db = b.grad;
      for (let i = 0; i < len; i++) {
        if ((av[i] as number) <= (bv[i] as number)) {
          if (da !== null) da[i] = (da[i] as number) + (dc[i] as number);
        } else if (db !== null) db[i] = (db[i] as number) + (dc[i] as number);
      }
    });
  }
  return out;
}
