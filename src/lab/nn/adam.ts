// Adam (Kingma & Ba) with bias correction and optional global gradient-norm clipping, over Params.
import type { Param } from "./tape.ts";

/** Settings of {@link Adam}; defaults are PyTorch's. */
export interface AdamOptions {
  /** Step size. Default 1e-3. */
  lr?: number;
  /** Default 0.9. */
  beta1?: number;
  /** Default 0.999. */
  beta2?: number;
  /** Default 1e-8. */
  eps?: number;
  /** When set, gradients are scaled so that their global L2 norm is at most this (as clip_grad_norm_). */
  maxGradNorm?: number | null;
}

/**
 * Adam over a fixed list of parameters. `step()` reads each `param.grad` (it does not zero them).
 *
 * @example
 * const adam = new Adam(policy.params, { lr: 3e-3, maxGradNorm: 1 });
 * zeroGrad(policy.params);
 * tape.backward(loss);
 * adam.step();
 */
export class Adam {
  /** The step size; may be changed between steps (schedules). */
  lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly maxGradNorm: number | null;
  private readonly params: readonly Param[];
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private t = 0;

  constructor(params: readonly Param[], options: AdamOptions = {}) {
    this.params = params;
    this.lr = options.lr ?? 1e-3;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    this.maxGradNorm = options.maxGradNorm ?? null;
    if (this.maxGradNorm !== null && !(this.maxGradNorm > 0))
      throw new RangeError("Adam: maxGradNorm must be > 0");
    this.m = params.map((p) => new Float64Array(p.value.length));
    this.v = params.map((p) => new Float64Array(p.value.length));
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.t;
  }

  /**
   * Applies one update from the current gradients; returns the global gradient norm before clipping
   * (a training metric; non-finite gradients throw rather than corrupt the parameters).
   */
  step(): { gradNorm: number } {
    let squares = 0;
    for (const p of this.params)
      for (let i = 0; i < p.grad.length; i++) squares += (p.grad[i] as number) ** 2;
    const gradNorm = Math.sqrt(squares);
    if (!Number.isFinite(gradNorm)) throw new RangeError(`Adam: gradient norm is ${gradNorm}`);
    const clip = this.maxGradNorm !== null && gradNorm > this.maxGradNorm ? this.maxGradNorm / gradNorm : 1;
    this.t++;
    const { beta1, beta2, eps } = this;
    const c1 = 1 - beta1 ** this.t;
    const c2 = 1 - beta2 ** this.t;
    const stepSize = this.lr / c1;
    for (let k = 0; k < this.params.length; k++) {
      const p = this.params[k] as Param;
      const m = this.m[k] as Float64Array;
      const v = this.v[k] as Float64Array;
      const w = p.value;
      const g = p.grad;
      for (let i = 0; i < w.length; i++) {
        const gi = clip * (g[i] as number);
        const mi = beta1 * (m[i] as number) + (1 - beta1) * gi;
        const vi = beta2 * (v[i] as number) + (1 - beta2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        w[i] = (w[i] as number) - (stepSize * mi) / (Math.sqrt(vi / c2) + eps);
      }
    }
    return { gradNorm };
  }

  /**
   * A copy of the optimizer's state (step count, first and second moments per parameter), for a checkpoint.
   *
   * @example
   * const saved = adam.snapshot(); // { t: 12, m: [Float64Array, ...], v: [...] }
   */
  snapshot(): AdamSnapshot {
    return { t: this.t, m: this.m.map((a) => a.slice()), v: this.v.map((a) => a.slice()) };
  }

  /**
   * Continues from a {@link snapshot} of an optimizer over parameters of the same shapes; throws a TypeError
   * when the shapes differ, before changing anything.
   *
   * @example
   * new Adam(policy.params, options).restore(saved);
   */
  restore(state: AdamSnapshot): void {
    const fits = (saved: readonly Float64Array[], own: readonly Float64Array[]) =>
      saved.length === own.length && saved.every((a, i) => a.length === (own[i] as Float64Array).length);
    if (!fits(state.m, this.m) || !fits(state.v, this.v)) {
      throw new TypeError("Adam state: the saved moments do not fit these parameters");
    }
    this.t = state.t;
    for (const [i, a] of state.m.entries()) (this.m[i] as Float64Array).set(a);
    for (const [i, a] of state.v.entries()) (this.v[i] as Float64Array).set(a);
  }
}

/** What {@link Adam.snapshot} returns and {@link Adam.restore} takes. */
export interface AdamSnapshot {
  t: number;
  m: readonly Float64Array[];
  v: readonly Float64Array[];
}
