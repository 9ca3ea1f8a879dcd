import { describe, expect, it } from "vitest";
import { allMatches, firstMatch, normalizeText, quoted } from "./phrase-match.ts";

describe("phrase-match", () => {
  it("straightens quotes and folds whitespace", () => {
    expect(normalizeText("I’ll   “email”\nyou")).toBe('I\'ll "email" you');
  });

  it("finds the first and all matches", () => {
    const patterns = [/\bI'll (?:email|call)\b/i, /\bremind\b/i];
    expect(firstMatch("Sure, I’ll call you and I'll email you.", patterns)).toBe("I'll call");
    expect(allMatches("Sure, I’ll call you and I'll email you; remind me.", patterns)).toEqual([
      "I'll call",
      "I'll email",
      "remind",
    ]);
    expect(firstMatch("nothing here", patterns)).toBeNull();
    expect(quoted(["a", "b"])).toBe('"a", "b"');
  });
});
