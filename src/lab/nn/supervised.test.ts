import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../metrics/bootstrap.ts";
import { Adam } from "./adam.ts";
import { GruPolicy } from "./gru-policy.ts";
import { sampleTokens } from "./sampling.ts";
import type { SequenceBatch } from "./sequence-batch.ts";
import { crossEntropyLoss, supervisedStep } from "./supervised.ts";
import { Tape } from "./tape.ts";

// Copy task: BOS a b c SEP a b c. Symbols are tokens 2..5; the loss only sees the copied half.
const BOS = 0;
const SEP = 1;
const SYMBOLS = 4;
const K = 3;
const T = 2 * K + 1;

function copyBatch(B: number, random: () => number): SequenceBatch {
  const tokens = new Int32Array(B * T);
  for (let b = 0; b < B; b++) {
    for (let k = 0; k < K; k++) {
      const symbol = 2 + Math.floor(random() * SYMBOLS);
      tokens[b * T + k] = symbol;
      tokens[b * T + K + 1 + k] = symbol;
    }
    tokens[b * T + K] = SEP;
  }
  return { batch: B, length: T, tokens, start: BOS };
}

function copyWeights(B: number): Float64Array {
  const w = new Float64Array(B * T);
  for (let b = 0; b < B; b++) for (let k = K + 1; k < T; k++) w[b * T + k] = 1;
  return w;
}

/** Share of all 64 prompts whose copy, generated greedily without teacher forcing, is exact. */
function greedyAccuracy(policy: GruPolicy): number {
  const session = policy.session();
  const B = SYMBOLS ** K;
  const prompts: number[][] = [];
  for (let i = 0; i < B; i++)
    prompts.push([0, 1, 2].map((k) => 2 + (Math.floor(i / SYMBOLS ** k) % SYMBOLS)));
  let h = session.initialState(B);
  let step = session.step(new Int32Array(B).fill(BOS), h);
  for (let k = 0; k <= K; k++) {
    h = step.h;
    step = session.step(
      prompts.map((p) => (k < K ? (p[k] as number) : SEP)),
      h,
    );
  }
  const outputs: Int32Array[] = [];
  for (let k = 0; k < K; k++) {
    const { tokens } = sampleTokens(step.logits, policy.config.vocabSize, () => 0, { temperature: 0 });
    outputs.push(tokens);
    step = session.step(tokens, step.h);
  }
  let exact = 0;
  for (let i = 0; i < B; i++) if (outputs.every((out, k) => out[i] === prompts[i]?.[k])) exact++;
  return exact / B;
}

describe("supervised cross-entropy", () => {
  it("learns to copy three symbols to high greedy accuracy in a few hundred steps", () => {
    const policy = GruPolicy.init({ vocabSize: 2 + SYMBOLS, embedDim: 8, hiddenDim: 32 }, 3);
    const adam = new Adam(policy.params, { lr: 0.01, maxGradNorm: 5 });
    const tape = new Tape();
    const random = mulberry32(8);
    const weights = copyWeights(32);
    expect(greedyAccuracy(policy)).toBeLessThan(0.2);
    let first = 0;
    let last = 0;
    for (let step = 0; step < 300; step++) {
      const { loss } = supervisedStep(policy, adam, tape, copyBatch(32, random), weights);
      if (step === 0) first = loss;
      last = loss;
    }
    expect(first).toBeGreaterThan(1); // about log 6 at init
    expect(last).toBeLessThan(0.1);
    expect(greedyAccuracy(policy)).toBeGreaterThan(0.95);
  });

  it("is the weighted mean of −log π over the weighted positions", () => {
    const policy = GruPolicy.init({ vocabSize: 6, embedDim: 3, hiddenDim: 4 }, 1);
    const batch = copyBatch(2, mulberry32(1));
    const weights = copyWeights(2);
    const t = new Tape();
    const loss = crossEntropyLoss(t, policy, batch, weights).value[0] as number;
    const lp = policy.session().tokenLogProbs(batch);
    let expected = 0;
    for (let i = 0; i < lp.length; i++) expected -= (weights[i] as number) * (lp[i] as number);
    expect(loss).toBeCloseTo(expected / 6, 12);
    expect(() => crossEntropyLoss(t, policy, batch, new Float64Array(2 * T))).toThrow(/sum to zero/);
  });
});
