// Property tests of the seal of confession (rl.md §2, invariants 1 and 2): over thousands of random groups,
// in both designs, a confession reward never moves an answer token's advantage and a task reward never
// moves a confession token's advantage.
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../metrics/bootstrap.ts";
import {
  type AdvantageEstimator,
  groupAdvantages,
  type StreamRewards,
  streamAdvantages,
} from "./group-advantages.ts";
import { type NamedRange, spanCredit, type TokenCredit } from "./token-credit.ts";

type Region = "prompt" | "answer" | "request" | "confession" | "pad";

interface Episode {
  mode: "task" | "confession" | "dual";
  /** What each token of the sequence is. */
  regions: Region[];
  /** The trained spans. */
  spans: NamedRange[];
  rewards: StreamRewards;
}

const ESTIMATORS: AdvantageEstimator[] = ["grpo", "dr-grpo", "loo"];

function randomBatch(random: () => number, design: "separate" | "dual-span"): Episode[][] {
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const reward = () =>
    random() < 0.2 ? null : random() < 0.5 ? int(0, 1) : Math.round(random() * 100) / 100;
  const groups: Episode[][] = [];
  for (let g = int(1, 4); g > 0; g--) {
    const mode = design === "dual-span" ? "dual" : random() < 0.5 ? "task" : "confession";
    const group: Episode[] = [];
    for (let n = int(1, 8); n > 0; n--) {
      const lengths = {
        prompt: int(1, 5),
        answer: int(0, 6),
        request: int(1, 4),
        confession: int(0, 6),
        pad: int(0, 4),
      };
      // the sequence an engine trains: prompt then completion then padding
      const layout: Region[] =
        mode === "task"
          ? ["prompt", "answer", "pad"]
          : // a confession episode's prompt holds the answer and x_c as context
            ["prompt", "answer", "request", "confession", "pad"];
      const regions: Region[] = [];
      const spans: NamedRange[] = [];
      for (const region of layout) {
        const start = regions.length;
        for (let i = 0; i < lengths[region]; i++) regions.push(region);
        const trained =
          (region === "answer" && mode !== "confession") || (region === "confession" && mode !== "task");
        if (trained) spans.push({ name: region as "answer" | "confession", start, end: regions.length });
      }
      group.push({
        mode,
        regions,
        spans,
        rewards: {
          task: mode === "confession" ? null : reward(),
          confession: mode === "task" ? null : reward(),
        },
      });
    }
    groups.push(group);
  }
  return groups;
}

/** The whole pipeline: per-stream group advantages, then per-token credit of every episode. */
function credit(batch: Episode[][], estimator: AdvantageEstimator): TokenCredit[][] {
  return batch.map((group) => {
    const advantages = streamAdvantages(
      group.map((e) => e.rewards),
      { estimator },
    );
    return group.map((e, i) => spanCredit(e.regions.length, e.spans, advantages[i] as StreamRewards));
  });
}

/** (advantage, mask) of every token of a region kind, in order. */
function tokensOf(batch: Episode[][], credits: TokenCredit[][], region: Region): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  batch.forEach((group, g) => {
    group.forEach((episode, i) => {
      const c = credits[g]?.[i] as TokenCredit;
      episode.regions.forEach((r, t) => {
        if (r === region) out.push([c.advantages[t] as number, c.mask[t] as number]);
      });
    });
  });
  return out;
}

function mutate(batch: Episode[][], stream: "task" | "confession", random: () => number): Episode[][] {
  return batch.map((group) =>
    group.map((e) => {
      if (random() < 0.5) return e;
      const pick = random();
      const value = pick < 0.2 ? null : pick < 0.6 ? Math.round(random() * 100) / 100 : pick < 0.8 ? 0 : 1;
      return { ...e, rewards: { ...e.rewards, [stream]: value } };
    }),
  );
}

const TRIALS = 3000;

describe.each(["separate", "dual-span"] as const)("the %s design", (design) => {
  it(`a confession reward never changes an answer token's advantage (${TRIALS} random batches)`, () => {
    const random = mulberry32(design === "separate" ? 7 : 8);
    let answerTokens = 0;
    let changedConfession = 0;
    let trainedContext = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const estimator = ESTIMATORS[trial % 3] as AdvantageEstimator;
      const batch = randomBatch(random, design);
      const changed = mutate(batch, "confession", random);
      const before = credit(batch, estimator);
      const after = credit(changed, estimator);
      const answers = tokensOf(batch, before, "answer");
      expect(tokensOf(changed, after, "answer")).toEqual(answers);
      answerTokens += answers.length;
      // the mutation is real: confession tokens do move somewhere
      const a = tokensOf(batch, before, "confession");
      const b = tokensOf(changed, after, "confession");
      if (JSON.stringify(a) !== JSON.stringify(b)) changedConfession++;
      // x_c, the prompt and padding are never trained
      for (const region of ["prompt", "request", "pad"] as const) {
        for (const [adv, mask] of tokensOf(changed, after, region))
          if (adv !== 0 || mask !== 0) trainedContext++;
      }
    }
    expect(trainedContext).toBe(0);
    expect(answerTokens).toBeGreaterThan(TRIALS);
    expect(changedConfession).toBeGreaterThan(TRIALS / 4);
  });

  it(`a task reward never changes a confession token's advantage (${TRIALS} random batches)`, () => {
    const random = mulberry32(design === "separate" ? 17 : 18);
    let changedAnswer = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      const estimator = ESTIMATORS[trial % 3] as AdvantageEstimator;
      const batch = randomBatch(random, design);
      const changed = mutate(batch, "task", random);
      const before = credit(batch, estimator);
      const after = credit(changed, estimator);
      expect(tokensOf(changed, after, "confession")).toEqual(tokensOf(batch, before, "confession"));
      if (
        JSON.stringify(tokensOf(batch, before, "answer")) !==
        JSON.stringify(tokensOf(changed, after, "answer"))
      )
        changedAnswer++;
    }
    expect(changedAnswer).toBeGreaterThan(TRIALS / 4);
  });

  it("the streams never share statistics: each stream's advantages are its own rewards' alone", () => {
    const random = mulberry32(design === "separate" ? 27 : 28);
    for (let trial = 0; trial < TRIALS; trial++) {
      const estimator = ESTIMATORS[trial % 3] as AdvantageEstimator;
      for (const group of randomBatch(random, design)) {
        const rewards = group.map((e) => e.rewards);
        const both = streamAdvantages(rewards, { estimator });
        expect(both.map((b) => b.task)).toEqual(
          groupAdvantages(
            rewards.map((r) => r.task),
            { estimator },
          ),
        );
        expect(both.map((b) => b.confession)).toEqual(
          groupAdvantages(
            rewards.map((r) => r.confession),
            { estimator },
          ),
        );
      }
    }
  });
});

describe("separate-design groups are homogeneous", () => {
  it("a task group's confession tokens and a confession group's answer tokens are never trained", () => {
    const random = mulberry32(99);
    let checked = 0;
    let trained = 0;
    for (let trial = 0; trial < 500; trial++) {
      const batch = randomBatch(random, "separate");
      const credits = credit(batch, "grpo");
      batch.forEach((group, g) => {
        group.forEach((episode, i) => {
          const c = credits[g]?.[i] as TokenCredit;
          const untrained: Region = episode.mode === "task" ? "confession" : "answer";
          episode.regions.forEach((r, t) => {
            if (r === untrained) {
              checked++;
              if (c.mask[t] !== 0) trained++;
            }
          });
        });
      });
    }
    expect(checked).toBeGreaterThan(500);
    expect(trained).toBe(0);
  });
});
