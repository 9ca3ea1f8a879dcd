// The tape-free path of a GruPolicy, for sampling rollouts and for scoring sequences under a frozen
// policy (old or reference log-probs). A session snapshots the parameters, so it stays valid (and frozen)
// while the optimizer updates the policy; make a new one after each update to sample from the new policy.
import type { GruPolicy, GruPolicyConfig } from "./gru-policy.ts";
import { addRowInPlace, gruCellForward, logSoftmaxInto, matmulInto } from "./kernels.ts";
import { inputsAt, type SequenceBatch, validateBatch } from "./sequence-batch.ts";

/** One step's output: next-token logits [B, V] and the new state [B, H] (fresh arrays). */
export interface PolicyStep {
  logits: Float64Array;
  h: Float64Array;
}

/**
 * A frozen snapshot of a policy's parameters with the input projection precomputed.
 *
 * @example
 * const session = policy.session();
 * let h = session.initialState(64);
 * let tokens = new Int32Array(64).fill(BOS);
 * const { logits, h: next } = session.step(tokens, h); // logits [64, V]
 */
export class PolicySession {
  readonly config: Readonly<GruPolicyConfig>;
  private readonly inputProjection: Float64Array;
  private readonly hiddenWeight: Float64Array;
  private readonly hiddenBias: Float64Array;
  private readonly outputWeight: Float64Array;
  private readonly outputBias: Float64Array;

  constructor(policy: GruPolicy) {
    const { vocabSize: V, embedDim: E, hiddenDim: H } = policy.config;
    this.config = policy.config;
    // same kernels and loop order as the taped forward, so the numbers agree bit for bit
    this.inputProjection = new Float64Array(V * 3 * H);
    matmulInto(policy.embedding.value, policy.inputWeight.value, this.inputProjection, V, E, 3 * H);
    addRowInPlace(this.inputProjection, policy.inputBias.value, V, 3 * H);
    this.hiddenWeight = policy.hiddenWeight.value.slice();
    this.hiddenBias = policy.hiddenBias.value.slice();
    this.outputWeight = policy.outputWeight.value.slice();
    this.outputBias = policy.outputBias.value.slice();
  }

  /** The zero state for `batch` sequences [B, H]. */
  initialState(batch: number): Float64Array {
    return new Float64Array(batch * this.config.hiddenDim);
  }

  /**
   * Feeds one token per sequence (`tokens` [B]) with state `h` [B, H]; returns the logits for the next
   * token and the new state. `h` is not modified.
   */
  step(tokens: ArrayLike<number>, h: Float64Array): PolicyStep {
    const { vocabSize: V, hiddenDim: H } = this.config;
    const B = tokens.length;
    if (h.length !== B * H) throw new RangeError(`step: state has ${h.length} values, want ${B}×${H}`);
    const gx = new Float64Array(B * 3 * H);
    for (let b = 0; b < B; b++) {
      const v = tokens[b] as number;
      if (!(v >= 0 && v < V && Number.isInteger(v))) throw new RangeError(`step: token ${v} out of range`);
      gx.set(this.inputProjection.subarray(v * 3 * H, (v + 1) * 3 * H), b * 3 * H);
    }
    const gh = new Float64Array(B * 3 * H);
    matmulInto(h, this.hiddenWeight, gh, B, H, 3 * H);
    addRowInPlace(gh, this.hiddenBias, B, 3 * H);
    const next = new Float64Array(B * H);
    gruCellForward(gx, gh, h, next, null, B, H);
    const logits = new Float64Array(B * V);
    matmulInto(next, this.outputWeight, logits, B, H, V);
    addRowInPlace(logits, this.outputBias, B, V);
    return { logits, h: next };
  }

  /**
   * Log-probs of the taken tokens of a teacher-forced batch [B·T] (batch-major), without a tape: the
   * values `GruPolicy.forward` gives for the same parameters, batch and temperature.
   *
   * @example
   * const oldLogProbs = policy.session().tokenLogProbs(batch);
   */
  tokenLogProbs(batch: SequenceBatch, temperature = 1): Float64Array {
    const { vocabSize: V, hiddenDim: H } = this.config;
    validateBatch(batch, V, H);
    const { batch: B, length: T } = batch;
    const out = new Float64Array(B * T);
    const row = new Float64Array(V);
    const lp = new Float64Array(V);
    const inputs = new Int32Array(B);
    const inv = 1 / temperature;
    let h = batch.h0 == null ? this.initialState(B) : batch.h0;
    for (let s = 0; s < T; s++) {
      const { logits, h: next } = this.step(inputsAt(batch, s, inputs), h);
      h = next;
      for (let b = 0; b < B; b++) {
        const i = b * T + s;
        for (let v = 0; v < V; v++)
          row[v] = temperature === 1 ? (logits[b * V + v] as number) : inv * (logits[b * V + v] as number);
        logSoftmaxInto(row, batch.mask == null ? null : batch.mask.subarray(i * V, (i + 1) * V), lp, 1, V);
        out[i] = lp[batch.tokens[i] as number] as number;
      }
    }
    return out;
  }
}
