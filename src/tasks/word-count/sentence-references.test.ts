import { describe, expect, it } from "vitest";
import { sentenceReferences } from "./sentence-references.ts";

const TARGETS = [12, 18, 12, 18, 12];
const refs = (text: string) => sentenceReferences(text, TARGETS);

describe("sentenceReferences", () => {
  it.each([
    ["Sentence 2 has exactly 18 words", [2]],
    ["sentence #3 is 12 words", [3]],
    ["Sentence two has 18 words", [2]],
    ["Sentences 1, 3 and 5 have exactly 12 words", [1, 3, 5]],
    ["Sentences 1, 3, and 5 have exactly 12 words", [1, 3, 5]],
    ["Sentences 2 & 4 have 18 words", [2, 4]],
    ["Sentences 1-3 are fine", [1, 2, 3]],
    ["Sentences one through three are fine", [1, 2, 3]],
    ["The second sentence has 18 words", [2]],
    ["The 2nd sentence has 18 words", [2]],
    ["The first, third, and fifth sentences have 12 words", [1, 3, 5]],
    ["The 1st and 3rd sentences are 12 words", [1, 3]],
    ["The last sentence has 12 words", [5]],
    ["The final sentence's count is right", [5]],
    ["The 18-word sentences have exactly 18 words", [2, 4]],
    ["The 12 word sentences are right", [1, 3, 5]],
    ["The odd-numbered sentences have 12 words", [1, 3, 5]],
    ["The even sentences have 18 words", [2, 4]],
    ["Sentence 2 - 18 words", [2]],
    ["Sentence 2, 18 words", [2]],
    ["Sentence 6 has 18 words", [6]],
  ])("%j names %j", (text, expected) => {
    expect(refs(text)).toEqual(expected);
  });

  it.each([
    "Each sentence alternates between 12 and 18 words",
    "The paragraph has exactly five sentences",
    "The paragraph is a 5-sentence paragraph",
    "All five sentences alternate in length",
    "First, sentence lengths alternate",
    "The sentence count is five",
    "Write about tennis",
  ])("%j names no sentence", (text) => {
    expect(refs(text)).toEqual([]);
  });
});
