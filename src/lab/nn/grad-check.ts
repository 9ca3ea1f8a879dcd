// Central finite differences against the tape's gradients: the test oracle for every op and for the whole
// policy loss. Exported so that later losses (the GRPO objective) can be checked the same way.
import { type Param, Tape, type Tensor, zeroGrad } from "./tape.ts";

/** Result of {@link gradCheck}: the worst entry over all parameters. */
export interface GradCheckResult {
  /** max over entries of |analytic − numeric| / max(|analytic|, |numeric|, floor). */
  maxRelativeError: number;
  /** Where it was reached. */
  worst: { param: string; index: number; analytic: number; numeric: number };
  /** Entries compared. */
  checked: number;
}

/**
 * Compares the backward gradient of a scalar loss with central differences (f(θ+ε) − f(θ−ε)) / 2ε for
 * every entry of every parameter. `build` must construct the loss on the tape it is given, from the
 * parameters' current values. `floor` keeps near-zero gradients from reading as large relative errors.
 * The default step 1e-4 balances truncation (∝ ε²) against float64 rounding (∝ 1e-16/ε), which at
 * ε = 1e-5 already reaches 1e-6 relative on gradients of order 1e-5.
 *
 * @example
 * const { maxRelativeError } = gradCheck((t) => sum(t, tanh(t, w)), [w]);
 * maxRelativeError < 1e-6; // true
 */
export function gradCheck(
  build: (t: Tape) => Tensor,
  params: readonly Param[],
  options: { eps?: number; floor?: number } = {},
): GradCheckResult {
  const eps = options.eps ?? 1e-4;
  const floor = options.floor ?? 1e-6;
  const t = new Tape();
  zeroGrad(params);
  t.backward(build(t));
  t.reset();
  const evaluate = (): number => {
    const value = build(t).value[0] as number;
    t.reset();
    return value;
  };
  let result: GradCheckResult = {
    maxRelativeError: 0,
    worst: { param: "", index: -1, analytic: 0, numeric: 0 },
    checked: 0,
  };
  let checked = 0;
  for (const p of params) {
    const analytic = p.grad.slice();
    for (let i = 0; i < p.value.length; i++) {
      const saved = p.value[i] as number;
      p.value[i] = saved + eps;
      const up = evaluate();
      p.value[i] = saved - eps;
      const down = evaluate();
      p.value[i] = saved;
      const numeric = (up - down) / (2 * eps);
      const a = analytic[i] as number;
      const rel = Math.abs(a - numeric) / Math.max(Math.abs(a), Math.abs(numeric), floor);
      checked++;
      if (!(rel <= result.maxRelativeError)) {
        result = {
          ...result,
          maxRelativeError: rel,
          worst: { param: p.name, index: i, analytic: a, numeric },
        };
      }
    }
  }
  return { ...result, checked };
}
