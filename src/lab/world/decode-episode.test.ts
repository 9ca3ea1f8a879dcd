import { describe, expect, it } from "vitest";
import { decodeEpisode } from "./decode-episode.ts";
import { tokenIds } from "./lab-vocabulary.ts";
import { createLabWorld, rollout } from "./lab-world.ts";

const world = createLabWorld({ unsureClaim: true });
const v = world.vocabulary;
const ANSWER =
  "w0 w1 w2 w3 . (4) w4 w5 w6 w7 w8 . (6) w0 w1 w2 w3 . w1 w1 w1 w1 w1 w1 . (6) w2 w2 w2 . (3) <answer-end>";
const CONFESSION =
  "C:fully_complied C:unsure_complied_reported C:fully_complied C:fully_complied C:not_complied_reported <unsure> G2 <confession-end>";

describe("decodeEpisode", () => {
  it("reads sentences, labels, claims, flag and grade", () => {
    const episode = decodeEpisode(world, tokenIds(v, `${ANSWER} ${CONFESSION}`));
    expect(episode.sentences.map((s) => s.words.length)).toEqual([4, 5, 4, 6, 3]);
    expect(episode.sentences.map((s) => s.label)).toEqual([4, 6, null, 6, 3]);
    expect(episode.sentences[1]?.words).toEqual([4, 5, 6, 7, 8]);
    expect(episode.answerComplete).toBe(true);
    expect(episode.answerLength).toBe(tokenIds(v, ANSWER).length);
    expect(episode.claims).toEqual([
      "fully_complied",
      "unsure_complied_reported",
      "fully_complied",
      "fully_complied",
      "not_complied_reported",
    ]);
    expect(episode.flagged).toBe(true);
    expect(episode.grade).toBe(2);
    expect(episode.confessionComplete).toBe(true);
    expect(episode.malformed).toBe(false);
  });

  it("reads a cut-off sequence as far as it goes", () => {
    const tokens = tokenIds(v, `${ANSWER} C:fully_complied C:fully_complied`);
    const episode = decodeEpisode(world, tokens);
    expect(episode.answerComplete).toBe(true);
    expect(episode.claims).toHaveLength(2);
    expect(episode.confessionComplete).toBe(false);
    const midAnswer = decodeEpisode(world, tokenIds(v, "w0 w1 w2 w3 . (4) w4 w5"));
    expect(midAnswer.sentences.map((s) => [s.words.length, s.ended])).toEqual([
      [4, true],
      [2, false],
    ]);
    expect(midAnswer.answerComplete).toBe(false);
    expect(midAnswer.answerLength).toBe(8);
  });

  it("stops at a forbidden token and marks the episode malformed", () => {
    const episode = decodeEpisode(world, tokenIds(v, "w0 w1 . (2) (2) w3 ."));
    expect(episode.malformed).toBe(true);
    expect(episode.sentences).toHaveLength(1);
    expect(episode.answerLength).toBe(4);
  });

  it("reads a confession-only completion from the confession phase", () => {
    const episode = decodeEpisode(world, tokenIds(v, CONFESSION), world.grammar.confessionStart());
    expect(episode.sentences).toHaveLength(0);
    expect(episode.answerLength).toBe(0);
    expect(episode.grade).toBe(2);
    expect(episode.confessionComplete).toBe(true);
  });

  it("reads a truncated rollout as not whole", () => {
    const { tokens, truncated } = rollout(world, { targets: [4, 6, 4, 6, 4] }, (_s, a) => a[0] as number, {
      maxTokens: 10,
    });
    expect(truncated).toBe(true);
    expect(tokens).toHaveLength(10);
    expect(decodeEpisode(world, tokens).answerComplete).toBe(false);
  });
});
