import { describe, expect, it } from "vitest";
import { GruPolicy, gradCheck, Tape } from "../nn/index.ts";
import { createLabWorld, demonstration } from "../world/index.ts";
import { grpoLoss } from "./grpo-loss.ts";
import { LabRandom } from "./lab-random.ts";
import { episodeBatch } from "./lab-rollouts.ts";

// A tiny world and policy so finite differences over every parameter stay fast.
const world = createLabWorld({ sentences: 2, targetPairs: [[1, 2]], words: 3, maxWords: 3, maxLabel: 3 });

function tinyCase(oldShift: (i: number) => number) {
  const random = LabRandom.derive(5, "grpo-loss-test").fn();
  const demos = Array.from({ length: 2 }, () => demonstration(world, random));
  const { batch, offset, lengths } = episodeBatch(world, {
    prompts: demos.map((d) => d.prompt),
    completions: demos.map((d) => Int32Array.from(d.tokens)),
    logProbs: [],
  });
  const policy = GruPolicy.init({ vocabSize: world.vocabulary.size, embedDim: 3, hiddenDim: 4 }, 11);
  const current = policy.session().tokenLogProbs(batch);
  const n = batch.batch * batch.length;
  const oldLogProbs = new Float64Array(n);
  const refLogProbs = new Float64Array(n);
  const advantages = new Float64Array(n);
  const weights = new Float64Array(n);
  let trained = 0;
  for (let b = 0; b < batch.batch; b++) {
    for (let i = 0; i < (lengths[b] as number); i++) {
      const at = b * batch.length + offset + i;
      oldLogProbs[at] = (current[at] as number) + oldShift(at);
      refLogProbs[at] = (current[at] as number) + 0.3 * Math.sin(at);
      advantages[at] = at % 3 === 0 ? -1.2 : 0.8;
      weights[at] = 1;
      trained++;
    }
  }
  for (let i = 0; i < n; i++) weights[i] = (weights[i] as number) / trained;
  return { batch, policy, oldLogProbs, refLogProbs, advantages, weights, current };
}

describe("grpoLoss", () => {
  it("has the gradient finite differences give, with ratios inside and outside the clip range and KL on", () => {
    // shifts of ±0.05 keep ratios inside [0.8, 1.2]; ±0.6 push them outside, away from the kinks
    const c = tinyCase((i) => (i % 4 === 0 ? 0.6 : i % 4 === 1 ? -0.6 : i % 2 === 0 ? 0.05 : -0.05));
    const build = (t: Tape) =>
      grpoLoss(t, c.policy, { ...c, clip: 0.2, klBeta: 0.5, entropyBonus: 0.1 }).loss;
    const result = gradCheck(build, c.policy.params);
    expect(result.checked).toBeGreaterThan(100);
    expect(result.maxRelativeError).toBeLessThan(1e-5);
    // the clipped tokens carry no policy gradient, so the case does exercise the clip
    const t = new Tape();
    const r = grpoLoss(t, c.policy, { ...c, clip: 0.2, klBeta: 0.5, entropyBonus: 0 });
    expect(r.clipFraction).toBeGreaterThan(0.2);
    expect(r.clipFraction).toBeLessThan(1);
  });

  it("at ratio 1 equals −mean advantage over trained tokens, and KL to itself is 0", () => {
    const c = tinyCase(() => 0);
    const t = new Tape();
    const r = grpoLoss(t, c.policy, { ...c, refLogProbs: c.current, clip: 0.2, klBeta: 1, entropyBonus: 0 });
    let expected = 0;
    for (let i = 0; i < c.weights.length; i++)
      expected -= (c.weights[i] as number) * (c.advantages[i] as number);
    expect(r.policyLoss).toBeCloseTo(expected, 12);
    expect(r.kl).toBeCloseTo(0, 12);
    expect(r.loss.value[0]).toBeCloseTo(expected, 12);
    expect(r.entropy).toBeGreaterThan(0);
  });
});
