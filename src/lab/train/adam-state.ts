// Adam's state in a checkpoint (JSON), so a resumed run continues the exact update sequence.
import type { Adam } from "../nn/index.ts";
import { decodeFloat64, encodeFloat64 } from "./float64-codec.ts";

/** Adam's state as JSON: step count and each parameter's first and second moments (base64 float64). */
export interface AdamState {
  t: number;
  m: string[];
  v: string[];
}

/**
 * The optimizer's state, for a checkpoint.
 *
 * @example
 * const saved = adamState(adam);
 */
export function adamState(adam: Adam): AdamState {
  const { t, m, v } = adam.snapshot();
  return { t, m: m.map(encodeFloat64), v: v.map(encodeFloat64) };
}

/**
 * Loads a saved state into an optimizer over the same parameters; throws when the shapes differ.
 *
 * @example
 * restoreAdam(new Adam(policy.params, options), checkpoint.adam);
 */
export function restoreAdam(adam: Adam, state: AdamState): void {
  adam.restore({ t: state.t, m: state.m.map(decodeFloat64), v: state.v.map(decodeFloat64) });
}
