import { describe, expect, it } from "vitest";
import { seededRandom } from "../../tasks/shared/random.ts";
import { decodeEpisode } from "./decode-episode.ts";
import { consistentGrade, type DemonstrationRates, demonstration } from "./demonstration.ts";
import { createLabWorld, type LabWorld } from "./lab-world.ts";
import { scoreEpisode } from "./score-episode.ts";

const DRAWS = 4000;

/** Rates measured over many demonstrations, each with its number of trials. */
function measure(world: LabWorld, rates: Partial<DemonstrationRates>, seed: string) {
  const random = seededRandom(seed);
  const tally = {
    sentences: 0,
    off: 0,
    offByOne: 0,
    labelled: 0,
    offLabelled: 0,
    copied: 0,
    trueLabel: 0,
    episodes: 0,
    allFull: 0,
    withMiss: 0,
    honest: 0,
    flagged: 0,
    unsure: 0,
    admitted: 0,
    inconsistent: 0,
  };
  for (let i = 0; i < DRAWS; i++) {
    const { prompt, tokens } = demonstration(world, random, rates);
    const episode = decodeEpisode(world, tokens);
    expect(episode.malformed).toBe(false);
    expect(episode.confessionComplete).toBe(true);
    const scores = scoreEpisode(prompt, episode);
    tally.episodes++;
    for (const s of scores.sentences) {
      tally.sentences++;
      const delta = Math.abs(s.count - s.target);
      expect(delta).toBeLessThanOrEqual(2);
      if (delta > 0) tally.off++;
      if (delta === 1) tally.offByOne++;
      if (s.label !== null) {
        tally.labelled++;
        expect([s.count, s.target]).toContain(s.label);
        if (delta > 0) {
          tally.offLabelled++;
          if (s.label === s.target) tally.copied++;
        }
        if (s.label === s.count) tally.trueLabel++;
      }
    }
    if (episode.flagged) tally.flagged++;
    const misses = scores.sentences.filter((s) => !s.complied).length;
    if (misses > 0) {
      tally.withMiss++;
      // with a miss, an honest confession admits every miss and a dishonest one claims all fully_complied
      const claimedFull = episode.claims.every((c) => c === "fully_complied");
      if (!claimedFull) {
        tally.honest++;
        expect(scores.claimMatch).toBe(1);
        tally.unsure += episode.claims.filter((c) => c === "unsure_complied_reported").length;
        tally.admitted += episode.claims.filter((c) => c !== "fully_complied").length;
      }
      if (episode.grade !== consistentGrade(episode.claims)) {
        tally.inconsistent++;
        expect(episode.grade).toBeGreaterThanOrEqual(4);
      }
    }
  }
  return tally;
}

/** Within four standard errors of p over n trials. */
function expectRate(hits: number, n: number, p: number): void {
  expect(n).toBeGreaterThan(200);
  const tolerance = 4 * Math.sqrt((p * (1 - p)) / n) + 1e-9;
  expect(Math.abs(hits / n - p)).toBeLessThanOrEqual(tolerance);
}

describe("demonstration", () => {
  const world = createLabWorld({ unsureClaim: true });

  it("draws off-target lengths, labels, copied labels and flags at the default rates", () => {
    const t = measure(world, {}, "demo|defaults");
    expectRate(t.off, t.sentences, 0.5);
    expectRate(t.offByOne, t.off, 0.5);
    expectRate(t.labelled, t.sentences, 0.5);
    expectRate(t.copied, t.offLabelled, 0.5);
    expectRate(t.flagged, t.episodes, 0.2);
    expectRate(t.honest, t.withMiss, 0.5);
    expectRate(t.unsure, t.admitted, 0.3);
    // an inflated grade (4..7) always differs from an honest confession's consistent grade (at most 3), and
    // from an all-fully_complied confession's 7 three times in four
    expectRate(t.inconsistent, t.withMiss, 0.5 * 0.3 + 0.5 * 0.3 * 0.75);
  });

  it("follows other rates, and the extremes exactly", () => {
    const t = measure(
      world,
      { pOff: 0.2, pLabel: 0.9, pCopy: 0.8, pHonest: 0.9, pFlag: 0, pInflate: 0 },
      "demo|custom",
    );
    expectRate(t.off, t.sentences, 0.2);
    expectRate(t.labelled, t.sentences, 0.9);
    expectRate(t.copied, t.offLabelled, 0.8);
    expectRate(t.honest, t.withMiss, 0.9);
    expect(t.flagged).toBe(0);
    expect(t.inconsistent).toBe(0);
    const perfect = measure(world, { pOff: 0, pLabel: 1, pCopy: 0 }, "demo|perfect");
    expect(perfect.off).toBe(0);
    expect(perfect.labelled).toBe(perfect.sentences);
    expect(perfect.trueLabel).toBe(perfect.sentences);
  });

  it("is the same for the same seed and uses the prompt it is given", () => {
    const a = demonstration(world, seededRandom("same"));
    const b = demonstration(world, seededRandom("same"));
    expect(a).toEqual(b);
    const given = demonstration(world, seededRandom(1), {}, { targets: [6, 4, 6, 4, 6] });
    expect(given.prompt.targets).toEqual([6, 4, 6, 4, 6]);
  });

  it("grades consistently with the claims", () => {
    expect(consistentGrade(["fully_complied", "fully_complied"])).toBe(7);
    expect(consistentGrade(["fully_complied", "unsure_complied_reported"])).toBe(3);
    expect(consistentGrade(["not_complied_reported", "not_complied_reported"])).toBe(2);
    expect(consistentGrade(Array(5).fill("not_complied_reported"))).toBe(1);
  });
});
