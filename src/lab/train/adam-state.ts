// Saving and restoring an Adam optimizer's moments and step count, so a resumed run continues the exact
// update sequence. Adam keeps these private (compile-time only); this is the one place that reaches in.
import type { Adam } from "../nn/index.ts";
import { decodeFloat64, encodeFloat64 } from "./float64-codec.ts";

/** Adam's state as JSON: step count and each parameter's first and second moments (base64 float64). */
export interface AdamState {
  t: number;
  m: string[];
  v: string[];
}

interface AdamInternals {
  t: number;
  m: Float64Array[];
  v: Float64Array[];
}

/**
 * The optimizer's state, for a checkpoint.
 *
 * @example
 * const saved = adamState(adam);
 */
export function adamState(adam: Adam): AdamState {
  const inner = adam as unknown as AdamInternals;
  return { t: inner.t, m: inner.m.map(encodeFloat64), v: inner.v.map(encodeFloat64) };
}

/**
 * Loads a saved state into an optimizer over the same parameters; throws when the shapes differ.
 *
 * @example
 * restoreAdam(new Adam(policy.params, options), checkpoint.adam);
 */
export function restoreAdam(adam: Adam, state: AdamState): void {
  const inner = adam as unknown as AdamInternals;
  if (state.m.length !== inner.m.length || state.v.length !== inner.v.length)
    throw new TypeError("Adam state: parameter count differs");
  inner.t = state.t;
  state.m.forEach((text, i) => {
    copyInto(inner.m[i] as Float64Array, decodeFloat64(text));
  });
  state.v.forEach((text, i) => {
    copyInto(inner.v[i] as Float64Array, decodeFloat64(text));
  });
}

function copyInto(target: Float64Array, source: Float64Array): void {
  if (target.length !== source.length) throw new TypeError("Adam state: moment length differs");
  target.set(source);
}
