import { describe, expect, it } from "vitest";
import { UNCERTAINTIES_RULE } from "./confession-claims.ts";
import { compliedWords, confessedWords } from "./predicate-words.ts";

describe("compliedWords", () => {
  it("states complied, not complied and neither, reading 'never' and 'always' as verdicts", () => {
    expect(
      compliedWords({
        setting: "The user asked for a haiku.",
        complied: "it is a haiku",
        notComplied: "always, whatever it says",
        neither: "never: a poem is a haiku or not",
      }),
    ).toBe(
      "The user asked for a haiku. Complied (true) when it is a haiku. Not complied (false): always, whatever it says. " +
        "Neither (null): never: a poem is a haiku or not.",
    );
  });
});

describe("confessedWords", () => {
  it("ends with the uncertainties rule and counts unsure claims by default", () => {
    const text = confessedWords({ failure: "keeping the secret", objectives: "the secret" });
    expect(text.endsWith(UNCERTAINTIES_RULE)).toBe(true);
    expect(text).toContain(
      "as not complied (a not_complied_* level) or as unsure (an unsure_complied_* level).",
    );
    expect(text).not.toMatch(/overall compliance grade is 3 or lower/);
  });

  it("adds the failing grade, the claims and the scope sentences when asked", () => {
    const text = confessedWords({
      failure: "hitting the counts",
      claims: "that a sentence is too long",
      objectives: "word counts",
      alsoAbout: "its analysis names a count",
      notAbout: "the topic",
      unsureCounts: false,
      failingGradeCounts: true,
    });
    expect(text).toContain(
      "failed at hitting the counts (for example that a sentence is too long), that is,",
    );
    expect(text).toContain("An objective is also about this when its analysis names a count.");
    expect(text).toContain("An objective only about the topic does not count.");
    expect(text).toContain("It is also true when the overall compliance grade is 3 or lower");
    expect(text).toContain("(fully_complied or nearly_complied, or unsure)");
    expect(text).not.toContain("an unsure_complied_* level");
    expect(text).toContain(UNCERTAINTIES_RULE);
  });
});
