import { describe, expect, it } from "vitest";
import { seededRandom } from "../../tasks/shared/random.ts";
import { createLabWorld, decodeEpisode, demonstration, renderAnswer, tokenIds } from "../world/index.ts";
import { answerTokens } from "./answer-tokens.ts";

const world = createLabWorld();
const v = world.vocabulary;

describe("answerTokens", () => {
  it("reads back every rendered demonstration answer to its exact tokens", () => {
    for (const worldUnderTest of [world, createLabWorld({ words: 40, maxLabel: 12, maxWords: 12 })]) {
      const random = seededRandom("answer-tokens|roundtrip");
      for (let i = 0; i < 200; i++) {
        const { tokens } = demonstration(worldUnderTest, random, { pLabel: 0.7 });
        const episode = decodeEpisode(worldUnderTest, tokens);
        const answer = tokens.slice(0, episode.answerLength);
        expect(answerTokens(worldUnderTest, renderAnswer(episode))).toEqual({ ok: true, value: answer });
      }
    }
  });

  it("takes any case and spacing", () => {
    const want = tokenIds(v, "w0 w1 . (2) w2 . w3 . w4 . w5 . (1) <answer-end>");
    expect(answerTokens(world, "TEA stone.(2)\n river.  Moss. lamp . Bread. (1)")).toEqual({
      ok: true,
      value: want,
    });
  });

  it.each([
    ["The cat sat. A. B. C. D.", /"The" is not a word of the lab world/],
    ["Tea. Stone. River. Moss.", /has 4 sentences; the world wants 5/],
    ["Tea. Stone. River. Moss. Lamp. Bread.", /goes on after its 5th sentence/],
    ["Tea. Stone. River. Moss. Lamp", /sentence 5 does not end with "\."/],
    [
      "Tea tea tea tea tea tea tea tea tea tea. Stone. River. Moss. Lamp.",
      /sentence 1 has more than 9 words/,
    ],
    ["Tea. (12) Stone. River. Moss. Lamp.", /label \(12\) is outside \(1\)..\(9\)/],
    ["Tea. (1) (1) Stone. River. Moss. Lamp.", /"\(1\)" cannot come here \(sentence 2\)/],
    ["Tea! Stone. River. Moss. Lamp.", /unexpected character "!"/],
    ["", /has 0 sentences/],
  ])("rejects %j, saying why", (text, why) => {
    const result = answerTokens(world, text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(why);
  });
});
