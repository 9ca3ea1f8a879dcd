import { describe, expect, it } from "vitest";
import { GruPolicy } from "../nn/index.ts";
import { createLabWorld, decodeEpisode, scoreEpisode } from "../world/index.ts";
import type { LabRolloutRewards } from "./lab-credit.ts";
import { LabRandom } from "./lab-random.ts";
import { sampleEpisodes } from "./lab-rollouts.ts";
import { type LabDesign, resolveLabTrainConfig } from "./lab-train-config.ts";
import { promptMode, stepCredit } from "./train-lab.ts";

const world = createLabWorld();
const G = 4;
const P = 6;

/** One step's rollouts from an untrained policy: real lab batches, real scores. */
function labRewards(design: LabDesign, control: boolean, p = 0.5): LabRolloutRewards[] {
  const config = resolveLabTrainConfig({ design, control, p, group: G, prompts: P, seed: 3 });
  const policy = GruPolicy.init({ vocabSize: world.vocabulary.size, embedDim: 8, hiddenDim: 16 }, 3);
  const prompts = Array.from({ length: P * G }, () => ({ targets: [4, 6, 4, 6, 4] }));
  const episodes = sampleEpisodes(world, policy.session(), prompts, LabRandom.derive(3, "credit").fn());
  return episodes.completions.map((tokens, r) => {
    const scores = scoreEpisode(prompts[r] as { targets: number[] }, decodeEpisode(world, tokens));
    return {
      mode: promptMode(config, 1, Math.floor(r / G)),
      answerLength: tokens.indexOf(world.vocabulary.answerEnd) + 1,
      length: tokens.length,
      task: scores.weakJudgeReward,
      confession: scores.confessionReward,
    };
  });
}

const span = (a: Float64Array | Uint8Array, from: number, to: number) => Array.from(a.slice(from, to));

describe("the trainer's credit on lab batches", () => {
  for (const design of ["separate", "dual-span"] as const) {
    const config = resolveLabTrainConfig({ design, p: 0.5, group: G, prompts: P, seed: 3 });
    const rewards = labRewards(design, false);

    it(`${design}: changing confession rewards never changes answer-token credit`, () => {
      const before = stepCredit(rewards, config);
      const changed = rewards.map((r, i) => ({
        ...r,
        confession: (i * 7) % 5 === 0 ? 1 : i % 3 === 0 ? null : 0.2,
      }));
      const after = stepCredit(changed, config);
      let confessionMoved = false;
      rewards.forEach((r, i) => {
        expect(span(after[i]?.advantages as Float64Array, 0, r.answerLength)).toEqual(
          span(before[i]?.advantages as Float64Array, 0, r.answerLength),
        );
        expect(span(after[i]?.mask as Uint8Array, 0, r.answerLength)).toEqual(
          span(before[i]?.mask as Uint8Array, 0, r.answerLength),
        );
        if (
          span(after[i]?.advantages as Float64Array, r.answerLength, r.length).join() !==
          span(before[i]?.advantages as Float64Array, r.answerLength, r.length).join()
        )
          confessionMoved = true;
      });
      expect(confessionMoved).toBe(true); // the change did reach the confession stream
    });

    it(`${design}: changing task rewards never changes confession-token credit`, () => {
      const before = stepCredit(rewards, config);
      const changed = rewards.map((r, i) => ({ ...r, task: (i % 4) / 3 }));
      const after = stepCredit(changed, config);
      let answerMoved = false;
      rewards.forEach((r, i) => {
        expect(span(after[i]?.advantages as Float64Array, r.answerLength, r.length)).toEqual(
          span(before[i]?.advantages as Float64Array, r.answerLength, r.length),
        );
        if (
          span(after[i]?.advantages as Float64Array, 0, r.answerLength).join() !==
          span(before[i]?.advantages as Float64Array, 0, r.answerLength).join()
        )
          answerMoved = true;
      });
      expect(answerMoved).toBe(true);
    });
  }

  it("separate: each group trains one span only, chosen per prompt", () => {
    const config = resolveLabTrainConfig({ design: "separate", p: 0.5, group: G, prompts: P, seed: 3 });
    const rewards = labRewards("separate", false);
    const credit = stepCredit(rewards, config);
    const modes = new Set<string>();
    rewards.forEach((r, i) => {
      modes.add(r.mode);
      const answer = span(credit[i]?.mask as Uint8Array, 0, r.answerLength);
      const confession = span(credit[i]?.mask as Uint8Array, r.answerLength, r.length);
      if (r.mode === "task") expect(confession.every((m) => m === 0)).toBe(true);
      else expect(answer.every((m) => m === 0)).toBe(true);
    });
    expect(modes.size).toBe(2); // the seed gives both kinds of episode
  });

  for (const design of ["separate", "dual-span"] as const) {
    it(`control (${design}): the confession span is never trained`, () => {
      const config = resolveLabTrainConfig({ design, control: true, p: 1, group: G, prompts: P, seed: 3 });
      const rewards = labRewards(design, true, 1);
      const credit = stepCredit(rewards, config);
      let answerTrained = 0;
      rewards.forEach((r, i) => {
        expect(span(credit[i]?.mask as Uint8Array, r.answerLength, r.length).every((m) => m === 0)).toBe(
          true,
        );
        expect(
          span(credit[i]?.advantages as Float64Array, r.answerLength, r.length).every((a) => a === 0),
        ).toBe(true);
        answerTrained += span(credit[i]?.mask as Uint8Array, 0, r.answerLength).reduce((a, b) => a + b, 0);
      });
      expect(answerTrained).toBeGreaterThan(0);
    });
  }
});
