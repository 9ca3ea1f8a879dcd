import { describe, expect, it } from "vitest";
import { answerForms, statesResult } from "./answer-mentions.ts";
import { numberWords, spellNumber } from "./number-words.ts";

describe("spellNumber", () => {
  it.each([
    [7, "seven"],
    [13, "thirteen"],
    [40, "forty"],
    [42, "forty-two"],
    [100, "one hundred"],
    [125, "one hundred twenty-five"],
    [310, "three hundred ten"],
  ])("spells %i as %s", (n, text) => {
    expect(spellNumber(n)).toBe(text);
  });

  it("knows nothing past 999", () => {
    expect(numberWords(1000)).toBeNull();
  });
});

describe("answerForms", () => {
  it.each([
    ["The answer is 7.", 7, ["digits"]],
    ["x = 7", 7, ["digits"]],
    ["x=7", 7, ["digits"]],
    ["So it's 7.0 exactly", 7, ["digits"]],
    ["That makes $42 in total", 42, ["digits"]],
    ["So x equals seven.", 7, ["words"]],
    ["forty-two muffins are left", 42, ["words"]],
    ["Forty two!", 42, ["words"]],
    ["one hundred and twenty-five square metres", 125, ["words"]],
    ["1,250 in all", 1250, ["digits"]],
    ["It is 42 (forty-two).", 42, ["digits", "words"]],
  ] as const)("finds %j for %i", (text, n, forms) => {
    expect(answerForms(text, n)).toEqual(forms);
  });

  it.each([
    ["Subtract 17 from both sides.", 7],
    ["Try 7.5 instead.", 7],
    ["It happened in 1970.", 7],
    ["There are twenty-seven of them.", 7],
    ["forty-two is not it", 40],
    ["one hundred twenty", 100],
    ["Let's take it one step at a time.", 8],
    ["Seventeen trays", 7],
  ] as const)("finds nothing in %j for %i", (text, n) => {
    expect(answerForms(text, n)).toEqual([]);
  });
});

describe("statesResult", () => {
  it.each([
    ["3x = 21, so x = 7.", true],
    ["the answer is seven", true],
    ["The solution: 7", true],
    ["Yes, 7 is right!", false],
    ["I can't tell you whether 7 is correct.", false],
  ])("%j -> %s", (text, expected) => {
    expect(statesResult(text, 7)).toBe(expected);
  });
});
