import { describe, expect, it } from "vitest";
import { countWords, words } from "./count-words.ts";

describe("countWords", () => {
  it.each([
    ["", 0],
    ["   \n\t ", 0],
    ["The cat sat on the mat", 6],
    ["A well-known fact", 3],
    ["Don't stop", 2],
    ["It costs 3.14 dollars", 4],
    ["In 2024, 1,000 people came", 5],
    ["Wait — what?", 2],
    ["Wait—what?", 1],
    ["—", 0],
    ["- – — … & *", 0],
    ["I love tennis 🎾 a lot", 5],
    ["🎾🎾", 0],
    ["many    spaces\n\nand\tnewlines", 4],
    ["  leading and trailing  ", 3],
    ["naïve café über straße", 4],
    ["日本 語", 2],
    ['"Quoted," she said.', 3],
    ["(12)", 1],
    ["non\u00a0breaking", 2],
  ])("%j has %i words", (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it("keeps punctuation attached to the word it touches", () => {
    expect(words("Hello, world! — fine.")).toEqual(["Hello,", "world!", "fine."]);
  });
});
