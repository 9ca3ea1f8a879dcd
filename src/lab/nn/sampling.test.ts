import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../metrics/bootstrap.ts";
import { GruPolicy } from "./gru-policy.ts";
import { sampleTokens } from "./sampling.ts";
import { Tape } from "./tape.ts";

const NEG = Number.NEGATIVE_INFINITY;

describe("sampleTokens", () => {
  it("draws with softmax frequencies, never a masked token, deterministically for a seed", () => {
    const V = 4;
    const rows = 20000;
    const logits = new Float64Array(rows * V);
    const mask = new Float64Array(rows * V);
    for (let b = 0; b < rows; b++) {
      logits.set([Math.log(1), Math.log(2), Math.log(3), Math.log(50)], b * V);
      mask[b * V + 3] = NEG; // the likeliest token is forbidden: p = [1, 2, 3] / 6
    }
    const first = sampleTokens(logits, V, mulberry32(4), { mask });
    const again = sampleTokens(logits, V, mulberry32(4), { mask });
    expect([...first.tokens]).toEqual([...again.tokens]);
    const counts = [0, 0, 0, 0];
    for (const token of first.tokens) counts[token] = (counts[token] as number) + 1;
    expect(counts[3]).toBe(0);
    // ±0.011 is about four binomial standard deviations at n = 20000
    expect(Math.abs((counts[0] as number) / rows - 1 / 6)).toBeLessThan(0.011);
    expect(Math.abs((counts[2] as number) / rows - 3 / 6)).toBeLessThan(0.011);
    expect(first.logProbs[0]).toBeCloseTo(Math.log(((first.tokens[0] as number) + 1) / 6), 12);
  });

  it("temperature sharpens; temperature 0 is argmax", () => {
    const logits = new Float64Array(2000 * 2);
    for (let b = 0; b < 2000; b++) logits.set([0, 1], b * 2);
    const share = (temperature: number) =>
      sampleTokens(logits, 2, mulberry32(1), { temperature }).tokens.reduce((n, t) => n + t, 0) / 2000;
    expect(share(0.25)).toBeGreaterThan(share(1) + 0.1);
    const greedy = sampleTokens(new Float64Array([3, 1, 2, 0, 0, 5]), 3, () => 0.999, { temperature: 0 });
    expect([...greedy.tokens]).toEqual([0, 2]);
  });

  it("reports the log-prob that the training forward gives the sampled tokens", () => {
    const V = 6;
    const B = 5;
    const T = 4;
    const policy = GruPolicy.init({ vocabSize: V, embedDim: 3, hiddenDim: 5 }, 3);
    const session = policy.session();
    const random = mulberry32(12);
    const tokens = new Int32Array(B * T);
    const mask = new Float64Array(B * T * V);
    const sampled = new Float64Array(B * T);
    let h = session.initialState(B);
    let inputs: Int32Array = new Int32Array(B); // start token 0
    for (let s = 0; s < T; s++) {
      const step = session.step(inputs, h);
      const stepMask = new Float64Array(B * V);
      for (let b = 0; b < B; b++) stepMask[b * V + ((s + b) % V)] = NEG; // a varying grammar
      const draw = sampleTokens(step.logits, V, random, { temperature: 0.9, mask: stepMask });
      for (let b = 0; b < B; b++) {
        tokens[b * T + s] = draw.tokens[b] as number;
        sampled[b * T + s] = draw.logProbs[b] as number;
        mask.set(stepMask.subarray(b * V, (b + 1) * V), (b * T + s) * V);
      }
      h = step.h;
      inputs = draw.tokens;
    }
    const t = new Tape();
    const { tokenLogProbs } = policy.forward(
      t,
      { batch: B, length: T, tokens, start: 0, mask },
      { temperature: 0.9 },
    );
    expect([...tokenLogProbs.value]).toEqual([...sampled]);
  });
});
