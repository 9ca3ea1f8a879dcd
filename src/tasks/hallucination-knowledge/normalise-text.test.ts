import { describe, expect, it } from "vitest";
import { containsNormalised, foldText, normaliseText, numberWordsToDigits } from "./normalise-text.ts";

describe("normaliseText", () => {
  it("drops case, diacritics, punctuation and articles", () => {
    expect(foldText("Barsebäck Łódź")).toBe("barseback lodz");
    expect(normaliseText("The Cradle Will Rock!")).toBe("cradle will rock");
    expect(normaliseText("Revue d’Entomologie")).toBe("revue dentomologie");
    expect(normaliseText("29,137.40 km²")).toBe("29137.40 km2");
  });

  it("turns number words into digits", () => {
    expect(numberWordsToDigits("twenty-two sons and three daughters")).toBe("22 sons and 3 daughters");
    expect(numberWordsToDigits("one hundred and five")).toBe("105");
    expect(numberWordsToDigits("the seventh episode")).toBe("the 7th episode");
    expect(numberWordsToDigits("two.")).toBe("2.");
    expect(numberWordsToDigits("the one who came", { keepLoneOne: true })).toBe("the one who came");
    expect(numberWordsToDigits("twenty twenty")).toBe("20 20");
  });

  it("finds the gold as a whole run of words", () => {
    expect(containsNormalised("I believe it was radcliffe college.", "Radcliffe College")).toBe(true);
    expect(containsNormalised("He had two children.", "2")).toBe(true);
    expect(containsNormalised("Radcliffe Colleges", "Radcliffe College")).toBe(false);
    expect(containsNormalised("anything", "The")).toBe(false);
  });
});
