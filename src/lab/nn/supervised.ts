// Weighted cross-entropy on teacher-forced sequences: the supervised warm start on demonstrations.
import type { Adam } from "./adam.ts";
import type { GruPolicy } from "./gru-policy.ts";
import { weightedSum } from "./ops-reduce.ts";
import type { SequenceBatch } from "./sequence-batch.ts";
import { type Tape, type Tensor, zeroGrad } from "./tape.ts";

/**
 * The mean negative log-likelihood −Σ w·log π / Σ w of the batch's tokens, with per-token `weights`
 * [B·T] (1 on the positions to imitate, 0 on prompt and padding; all 1 when absent), as a loss node.
 *
 * @example
 * const loss = crossEntropyLoss(t, policy, batch, answerMask);
 * t.backward(loss);
 */
export function crossEntropyLoss(
  t: Tape,
  policy: GruPolicy,
  batch: SequenceBatch,
  weights?: Float64Array,
): Tensor {
  const n = batch.batch * batch.length;
  const w = weights ?? new Float64Array(n).fill(1);
  if (w.length !== n) throw new RangeError(`crossEntropyLoss: ${w.length} weights for ${n} tokens`);
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i] as number;
  if (!(total > 0)) throw new RangeError("crossEntropyLoss: weights sum to zero");
  const scaled = new Float64Array(n);
  for (let i = 0; i < n; i++) scaled[i] = -(w[i] as number) / total;
  const { tokenLogProbs } = policy.forward(t, batch);
  return weightedSum(t, tokenLogProbs, scaled);
}

/**
 * One supervised step: zero gradients, forward, backward, Adam update, tape reset. Returns the loss
 * before the update and Adam's pre-clip gradient norm.
 *
 * @example
 * const adam = new Adam(policy.params, { lr: 1e-2 });
 * const tape = new Tape();
 * for (let i = 0; i < 300; i++) supervisedStep(policy, adam, tape, nextBatch(), weights);
 */
export function supervisedStep(
  policy: GruPolicy,
  optimizer: Adam,
  tape: Tape,
  batch: SequenceBatch,
  weights?: Float64Array,
): { loss: number; gradNorm: number } {
  zeroGrad(policy.params);
  const lossNode = crossEntropyLoss(tape, policy, batch, weights);
  const loss = lossNode.value[0] as number;
  tape.backward(lossNode);
  tape.reset();
  const { gradNorm } = optimizer.step();
  return { loss, gradNorm };
}
