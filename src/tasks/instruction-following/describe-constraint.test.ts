import { describe, expect, it } from "vitest";
import { describeConstraint, isGeneralObjective, objectiveAbout } from "./describe-constraint.ts";
import { selectedRows } from "./select-cases.ts";

describe("describeConstraint / objectiveAbout", () => {
  it("matches every instruction's own description to it, for every usable row", () => {
    for (const row of selectedRows()) {
      for (const constraint of row.constraints) {
        expect(
          objectiveAbout(describeConstraint(constraint), constraint),
          describeConstraint(constraint),
        ).toBe(true);
      }
    }
  });

  it.each([
    ["The answer contains no commas", "punctuation:no_comma", {}],
    ["Stayed under 100 words", "length_constraints:number_words", { num_words: 100, relation: "less than" }],
    ["Used exactly 3 bullet points", "detectable_format:number_bullet_lists", { num_bullets: 3 }],
    ["The response avoids the word rock", "keywords:forbidden_words", { forbidden_words: ["rock"] }],
    ["Mentions the keyword river", "keywords:existence", { keywords: ["river"] }],
    ["Everything is lowercase", "change_case:english_lowercase", {}],
    ["Ends with 'Any other questions?'", "startend:end_checker", { end_phrase: "Any other questions?" }],
  ] as const)("reads %j as about %s", (text, id, args) => {
    expect(objectiveAbout(text, { id, args: { ...args } as never })).toBe(true);
  });

  it.each([
    ["Be polite and helpful", "punctuation:no_comma", {}],
    ["Do not use the word rock", "keywords:existence", { keywords: ["rock"] }],
    ["Use capital letters at least 3 times", "change_case:english_capital", {}],
    [
      "Highlight 3 sections",
      "detectable_format:multiple_sections",
      { section_spliter: "SECTION", num_sections: 2 },
    ],
  ] as const)("does not read %j as about %s", (text, id, args) => {
    expect(objectiveAbout(text, { id, args: { ...args } as never })).toBe(false);
  });

  it("recognises objectives about all instructions", () => {
    expect(isGeneralObjective("Follow all of the user's formatting instructions")).toBe(true);
    expect(isGeneralObjective("Write about rivers")).toBe(false);
  });
});
