import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../metrics/bootstrap.ts";
import { gradCheck } from "./grad-check.ts";
import { GruPolicy } from "./gru-policy.ts";
import { addScalar, mul, sub } from "./ops-linear.ts";
import { clamp, exp, minimum } from "./ops-pointwise.ts";
import { mean, weightedSum } from "./ops-reduce.ts";
import { rowEntropy } from "./ops-softmax.ts";
import type { SequenceBatch } from "./sequence-batch.ts";
import { Tape } from "./tape.ts";

const config = { vocabSize: 7, embedDim: 3, hiddenDim: 4 };

/** Random sequences with a grammar mask that forbids two tokens at each position but never the taken one. */
function randomBatch(B: number, T: number, V: number, seed: number): SequenceBatch {
  const random = mulberry32(seed);
  const tokens = new Int32Array(B * T);
  const mask = new Float64Array(B * T * V);
  for (let i = 0; i < B * T; i++) {
    const token = Math.floor(random() * V);
    tokens[i] = token;
    for (const banned of [(token + 1) % V, (token + 3) % V]) mask[i * V + banned] = Number.NEGATIVE_INFINITY;
  }
  return { batch: B, length: T, tokens, start: 0, mask };
}

describe("GruPolicy training forward", () => {
  it("gradients of a whole GRU unroll + PPO-style loss match finite differences", () => {
    const policy = GruPolicy.init(config, 11);
    // move the readout bias off zero so that every parameter has a generic gradient
    policy.outputBias.value.forEach((_, i) => {
      policy.outputBias.value[i] = 0.1 * i;
    });
    const batch = { ...randomBatch(3, 5, config.vocabSize, 1), h0: new Float64Array(12).fill(0.2) };
    const old = new Float64Array(15).map((_, i) => -1.5 - 0.1 * i);
    const advantages = new Float64Array(15).map((_, i) => (i % 3) - 1);
    const build = (t: Tape) => {
      const { logProbs, tokenLogProbs } = policy.forward(t, batch, { temperature: 0.8 });
      const ratio = exp(t, sub(t, tokenLogProbs, t.constant(old, 15, 1)));
      const adv = t.constant(advantages, 15, 1);
      const surrogate = minimum(t, mul(t, ratio, adv), mul(t, clamp(t, ratio, 0, 50), adv));
      const entropy = mean(t, rowEntropy(t, logProbs));
      return addScalar(t, sub(t, weightedSum(t, surrogate, new Float64Array(15).fill(-1 / 15)), entropy), 0);
    };
    const result = gradCheck(build, policy.params);
    expect(result.checked).toBe(policy.params.reduce((n, p) => n + p.value.length, 0));
    expect(result.maxRelativeError).toBeLessThan(1e-6);
  });

  it("builds O(T) nodes whatever the batch size", () => {
    const policy = GruPolicy.init(config, 2);
    const sizes = [1, 16].map((B) => {
      const t = new Tape();
      policy.forward(t, randomBatch(B, 9, config.vocabSize, B));
      return t.size;
    });
    expect(sizes[0]).toBe(sizes[1]);
    expect(sizes[0]).toBe(2 + 4 * 9 + 5); // input projection, 4 per step, stack/readout/softmax/pick
  });

  it("the tape-free session and step give the training forward's log-probs bit for bit", () => {
    const policy = GruPolicy.init(config, 5);
    const batch = randomBatch(4, 6, config.vocabSize, 9);
    for (const temperature of [1, 0.7]) {
      const t = new Tape();
      const taped = policy.forward(t, batch, { temperature }).tokenLogProbs.value.slice();
      const free = policy.session().tokenLogProbs(batch, temperature);
      expect([...free]).toEqual([...taped]);
    }
    // step from the policy directly: the first position's logits are the taped logits' rows b·T
    const t = new Tape();
    const { logits } = policy.forward(t, batch);
    const step = policy.step(new Int32Array(4), new Float64Array(4 * config.hiddenDim));
    for (let b = 0; b < 4; b++) {
      for (let v = 0; v < config.vocabSize; v++) {
        expect(step.logits[b * config.vocabSize + v]).toBe(logits.value[b * 6 * config.vocabSize + v]);
      }
    }
  });

  it("a session is a frozen snapshot", () => {
    const policy = GruPolicy.init(config, 5);
    const session = policy.session();
    const before = session.step([1, 2], session.initialState(2)).logits;
    policy.outputWeight.value.fill(3);
    expect([...session.step([1, 2], session.initialState(2)).logits]).toEqual([...before]);
    expect([...policy.step([1, 2], session.initialState(2)).logits]).not.toEqual([...before]);
  });

  it("init is deterministic for a seed, different across seeds, and clone copies values", () => {
    const a = GruPolicy.init(config, 1);
    const b = GruPolicy.init(config, 1);
    const c = GruPolicy.init(config, 2);
    expect([...a.hiddenWeight.value]).toEqual([...b.hiddenWeight.value]);
    expect([...a.hiddenWeight.value]).not.toEqual([...c.hiddenWeight.value]);
    const k = 1 / Math.sqrt(config.hiddenDim);
    expect(a.hiddenWeight.value.every((w) => Math.abs(w) <= k)).toBe(true);
    const copy = a.clone();
    copy.embedding.value[0] = 99;
    expect(a.embedding.value[0]).not.toBe(99);
    c.copyFrom(a);
    expect([...c.outputWeight.value]).toEqual([...a.outputWeight.value]);
  });

  it("validates the batch", () => {
    const policy = GruPolicy.init(config, 1);
    const t = new Tape();
    expect(() => policy.forward(t, { batch: 2, length: 2, start: 0, tokens: new Int32Array(3) })).toThrow(
      RangeError,
    );
    expect(() =>
      policy.forward(t, { batch: 1, length: 2, start: 0, tokens: new Int32Array([0, 7]) }),
    ).toThrow(/out of range/);
    const masked = randomBatch(1, 2, 7, 3);
    (masked.mask as Float64Array)[(masked.tokens[1] as number) + 7] = Number.NEGATIVE_INFINITY;
    expect(() => policy.forward(t, masked)).toThrow(/masked token/);
  });
});
