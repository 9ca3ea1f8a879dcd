// The teacher-forcing input of the training forward: B token sequences of length T, the token fed before
// the first position, and the grammar's allowed-token mask per position.
import { assertShape } from "./tape.ts";

/**
 * B sequences of T tokens, batch-major. At position t the policy is fed `t === 0 ? start : tokens[b, t−1]`
 * and scored on `tokens[b, t]`, so prompt tokens are part of the sequence (weight them 0 in the loss).
 *
 * @example
 * const batch: SequenceBatch = { batch: 2, length: 3, start: 0, tokens: new Int32Array([1, 2, 3, 1, 3, 2]) };
 */
export interface SequenceBatch {
  /** B: number of sequences. */
  batch: number;
  /** T: positions per sequence (pad shorter ones and give the padding zero loss weight). */
  length: number;
  /** Token ids [B, T], row-major: entry b·T + t. */
  tokens: Int32Array;
  /** Token id fed before position 0 (begin-of-sequence). */
  start: number;
  /**
   * Additive mask [B, T, V] (entry (b·T + t)·V + v): 0 where token v is allowed at (b, t), −∞ where the
   * grammar forbids it. Every row must allow at least one token, and the taken token must be allowed.
   */
  mask?: Float64Array | null;
  /** Initial hidden state [B, H]; zeros when absent. */
  h0?: Float64Array | null;
}

/**
 * Throws unless the batch's arrays match its shape and its token ids lie in [0, vocabSize).
 *
 * @example
 * validateBatch(batch, 48, 64);
 */
export function validateBatch(batch: SequenceBatch, vocabSize: number, hiddenDim: number): void {
  const { batch: B, length: T } = batch;
  if (!Number.isInteger(B) || !Number.isInteger(T) || B < 1 || T < 1) {
    throw new RangeError(`sequence batch: bad shape ${B}×${T}`);
  }
  if (batch.tokens.length !== B * T)
    throw new RangeError(`sequence batch: ${batch.tokens.length} tokens ≠ ${B}×${T}`);
  for (let i = 0; i < B * T; i++) {
    const v = batch.tokens[i] as number;
    if (!(v >= 0 && v < vocabSize)) throw new RangeError(`sequence batch: token ${v} at ${i} out of range`);
  }
  if (!(batch.start >= 0 && batch.start < vocabSize))
    throw new RangeError(`sequence batch: bad start ${batch.start}`);
  if (batch.mask != null) assertShape(batch.mask, B * T, vocabSize, "sequence batch mask");
  if (batch.h0 != null) assertShape(batch.h0, B, hiddenDim, "sequence batch h0");
}

/**
 * The input token ids of position t for every sequence: `start` at t = 0, else the previous token.
 *
 * @example
 * inputsAt(batch, 0); // Int32Array(B).fill(batch.start)
 */
export function inputsAt(
  batch: SequenceBatch,
  t: number,
  out: Int32Array = new Int32Array(batch.batch),
): Int32Array {
  const T = batch.length;
  for (let b = 0; b < batch.batch; b++)
    out[b] = t === 0 ? batch.start : (batch.tokens[b * T + t - 1] as number);
  return out;
}

/**
 * The additive mask the log-softmax takes (0 allowed, −∞ forbidden) from a 0/1 (or boolean) array of
 * allowed tokens of any shape, e.g. a grammar's [B, T, V] or one step's [B, V].
 *
 * @example
 * additiveMask([1, 0, 1]); // Float64Array [0, -Infinity, 0]
 */
export function additiveMask(allowed: ArrayLike<number | boolean>): Float64Array {
  const mask = new Float64Array(allowed.length);
  for (let i = 0; i < allowed.length; i++) if (!allowed[i]) mask[i] = Number.NEGATIVE_INFINITY;
  return mask;
}

const sharedMasks = new WeakMap<Uint8Array, Float64Array>();

/**
 * `additiveMask` of an allowed-array that is shared and never written (the lab grammar hands out one per
 * state kind), built once per array: samplers ask for it on every token.
 *
 * @example
 * const mask = sharedAdditiveMask(grammar.allowed(state));
 */
export function sharedAdditiveMask(allowed: Uint8Array): Float64Array {
  let mask = sharedMasks.get(allowed);
  if (!mask) {
    mask = additiveMask(allowed);
    sharedMasks.set(allowed, mask);
  }
  return mask;
}
