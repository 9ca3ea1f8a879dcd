// The GRPO objective on a tape: PPO's clipped ratio per token against the sampling log-probs, token-mean
// over the trained tokens, plus an optional k3 KL to a frozen reference and an optional entropy bonus.
import {
  add,
  addScalar,
  clamp,
  exp,
  type GruPolicy,
  minimum,
  mul,
  rowEntropy,
  type SequenceBatch,
  sub,
  type Tape,
  type Tensor,
  weightedSum,
} from "../nn/index.ts";

/** The per-token inputs of {@link grpoLoss}, all [B·T] batch-major like the batch. */
export interface GrpoLossInputs {
  batch: SequenceBatch;
  /** log π_old of each token (what it was sampled with); any finite value where `weights` is 0. */
  oldLogProbs: Float64Array;
  /** log π_ref of each token, or null without a KL term. */
  refLogProbs: Float64Array | null;
  advantages: Float64Array;
  /** Loss weight of each token: 1/(trained tokens) on trained tokens, 0 elsewhere (token-mean). */
  weights: Float64Array;
  /** Weights of the tokens the logged KL and entropy average over (e.g. every completion token). */
  measureWeights?: Float64Array;
  clip: number;
  klBeta: number;
  entropyBonus: number;
}

/** The loss node and what it is made of (plain numbers, for logs). */
export interface GrpoLossResult {
  loss: Tensor;
  /** The clipped policy-gradient term alone. */
  policyLoss: number;
  /** Mean k3 KL to the reference over `measureWeights` (0 without a reference). */
  kl: number;
  /** Mean entropy of the masked next-token distribution over `measureWeights`. */
  entropy: number;
  /** Share of trained tokens whose ratio left [1 − ε, 1 + ε]. */
  clipFraction: number;
}

/**
 * Builds −Σ w·min(ρA, clip(ρ, 1±ε)A) + β Σ w·k3 − c Σ w·H with ρ = exp(log π − log π_old) and
 * k3 = exp(log π_ref − log π) − (log π_ref − log π) − 1 (Schulman's unbiased, non-negative estimator).
 *
 * @example
 * const { loss } = grpoLoss(tape, policy, { batch, oldLogProbs, refLogProbs, advantages, weights,
 *   clip: 0.2, klBeta: 0.02, entropyBonus: 0 });
 * tape.backward(loss);
 */
export function grpoLoss(t: Tape, policy: GruPolicy, inputs: GrpoLossInputs): GrpoLossResult {
  const { batch, weights } = inputs;
  const n = batch.batch * batch.length;
  for (const [name, a] of [
    ["oldLogProbs", inputs.oldLogProbs],
    ["advantages", inputs.advantages],
    ["weights", weights],
  ] as const) {
    if (a.length !== n) throw new RangeError(`grpoLoss: ${name} has ${a.length} values for ${n} tokens`);
  }
  const out = policy.forward(t, batch);
  const lp = out.tokenLogProbs;
  const ratio = exp(t, sub(t, lp, t.constant(inputs.oldLogProbs, n, 1)));
  const advantage = t.constant(inputs.advantages, n, 1);
  const lo = 1 - inputs.clip;
  const hi = 1 + inputs.clip;
  const surrogate = minimum(t, mul(t, ratio, advantage), mul(t, clamp(t, ratio, lo, hi), advantage));
  const negWeights = new Float64Array(n);
  for (let i = 0; i < n; i++) negWeights[i] = -(weights[i] as number);
  const policyTerm = weightedSum(t, surrogate, negWeights);
  let loss = policyTerm;

  const measure = inputs.measureWeights ?? weights;
  let kl = 0;
  if (inputs.refLogProbs !== null) {
    if (inputs.refLogProbs.length !== n) throw new RangeError("grpoLoss: refLogProbs has the wrong length");
    const d = sub(t, t.constant(inputs.refLogProbs, n, 1), lp);
    const k3 = addScalar(t, sub(t, exp(t, d), d), -1);
    for (let i = 0; i < n; i++)
      if ((measure[i] as number) !== 0) kl += (measure[i] as number) * (k3.value[i] as number);
    if (inputs.klBeta > 0) {
      const klWeights = new Float64Array(n);
      for (let i = 0; i < n; i++) klWeights[i] = inputs.klBeta * (weights[i] as number);
      loss = add(t, loss, weightedSum(t, k3, klWeights));
    }
  }

  let entropy = 0;
  if (inputs.entropyBonus > 0) {
    const h = rowEntropy(t, out.logProbs);
    const bonus = new Float64Array(n);
    for (let i = 0; i < n; i++) bonus[i] = -inputs.entropyBonus * (weights[i] as number);
    loss = add(t, loss, weightedSum(t, h, bonus));
    for (let i = 0; i < n; i++) entropy += (measure[i] as number) * (h.value[i] as number);
  } else entropy = weightedEntropy(out.logProbs, measure);

  let clipped = 0;
  let trained = 0;
  for (let i = 0; i < n; i++) {
    if ((weights[i] as number) === 0) continue;
    trained++;
    const r = ratio.value[i] as number;
    if (r < lo || r > hi) clipped++;
  }
  return {
    loss,
    policyLoss: policyTerm.value[0] as number,
    kl,
    entropy,
    clipFraction: trained === 0 ? 0 : clipped / trained,
  };
}

/** Σ_i w_i H(row i) of a log-softmax output, tape-free (rows of weight 0 are skipped). */
function weightedEntropy(logProbs: Tensor, weights: Float64Array): number {
  const V = logProbs.cols;
  const y = logProbs.value;
  let total = 0;
  for (let i = 0; i < logProbs.rows; i++) {
    const w = weights[i] as number;
    if (w === 0) continue;
    let h = 0;
    for (let j = i * V; j < (i + 1) * V; j++) {
      const l = y[j] as number;
      if (l !== Number.NEGATIVE_INFINITY) h -= Math.exp(l) * l;
    }
    total += w * h;
  }
  return total;
}
