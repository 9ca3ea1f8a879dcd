import { describe, expect, it } from "vitest";
import { countCapitalWords, countWords, isLower, isUpper, splitSentences } from "./text-measures.ts";

describe("countWords", () => {
  it.each([
    ["", 0],
    ["The cat sat.", 3],
    ["Don't stop, 2 go!", 5],
    ["well-known snake_case", 3],
    ["<<Title>> *bold* [name]", 3],
  ])("%j has %i words", (text, n) => expect(countWords(text)).toBe(n));
});

describe("splitSentences", () => {
  it.each([
    ["", 0],
    ["One. Two! Three?", 3],
    ["No final punctuation", 1],
    ["Dr. Smith came. He left.", 2],
    ["P.S. Calm birds drift softly.", 1],
    ["P.P.S. A note. Another.", 2],
    ["It costs 3.50 today. Fine.", 2],
    ['She said "hi." Then left.', 2],
    ["<<Title>>\nFirst line.\n\n***\n\nSecond line.", 2],
  ])("%j has %i sentences", (text, n) => expect(splitSentences(text)).toHaveLength(n));
});

describe("countCapitalWords", () => {
  it("counts words with capitals only, hyphenated words once", () => {
    expect(countCapitalWords("NASA and the USA-UK team, I think")).toBe(3);
    expect(countCapitalWords("DON'T go")).toBe(2);
    expect(countCapitalWords("Normal Title Case 42")).toBe(0);
  });
});

describe("isLower / isUpper", () => {
  it("follows Python's islower and isupper", () => {
    expect(isLower("all lower 123")).toBe(true);
    expect(isLower("Not lower")).toBe(false);
    expect(isLower("123")).toBe(false);
    expect(isUpper("ALL UPPER!")).toBe(true);
    expect(isUpper("ALMOST uPPER")).toBe(false);
  });
});
