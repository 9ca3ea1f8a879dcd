import { describe, expect, it } from "vitest";
import { seededRandom } from "../shared/random.ts";
import { composeSentence } from "./compose-sentence.ts";
import { countWords } from "./count-words.ts";
import { segmentAnswer } from "./segment-answer.ts";
import { TOPICS } from "./word-count-prompt.ts";

describe("composeSentence", () => {
  it("writes exactly the asked number of words for every topic and length from 7 to 23", () => {
    const random = seededRandom("compose");
    for (const topic of TOPICS) {
      for (let n = 7; n <= 23; n++) {
        const sentence = composeSentence(random, topic, n);
        expect(countWords(sentence), sentence).toBe(n);
        expect(sentence).toMatch(/^[A-Z][A-Za-z ]+\.$/);
        expect(segmentAnswer(sentence), sentence).toHaveLength(1);
      }
    }
  });

  it("mentions the topic", () => {
    expect(composeSentence(seededRandom(3), "board games", 12).toLowerCase()).toContain("board games");
  });

  it("is deterministic for a seed", () => {
    expect(composeSentence(seededRandom(9), "tea", 18)).toBe(composeSentence(seededRandom(9), "tea", 18));
  });

  it("varies the phrases within one paragraph", () => {
    const memory = { used: new Set<string>() };
    const random = seededRandom(5);
    const sentences = [12, 18, 12, 18, 12].map((n) => composeSentence(random, "tea", n, memory));
    expect(new Set(sentences).size).toBe(5);
  });
});
