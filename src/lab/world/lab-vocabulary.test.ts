import { describe, expect, it } from "vitest";
import { LAB_CLAIMS, labVocabulary, TokenKind, tokenIds, tokenText } from "./lab-vocabulary.ts";
import { resolveLabWorldConfig } from "./lab-world-config.ts";

describe("labVocabulary", () => {
  const v = labVocabulary(resolveLabWorldConfig());

  it("lays the default vocabulary out in blocks of the documented sizes", () => {
    expect(v.size).toBe(48);
    expect(v.names[v.bos]).toBe("<bos>");
    expect(v.names.slice(v.targetBase, v.targetBase + 9)).toEqual([
      "T1",
      "T2",
      "T3",
      "T4",
      "T5",
      "T6",
      "T7",
      "T8",
      "T9",
    ]);
    expect(v.names[v.wordBase]).toBe("w0");
    expect(v.names[v.wordBase + 15]).toBe("w15");
    expect(v.names[v.dot]).toBe(".");
    expect(v.names[v.labelBase]).toBe("(1)");
    expect(v.names[v.answerEnd]).toBe("<answer-end>");
    expect(v.names.slice(v.claimBase, v.claimBase + v.claims)).toEqual([
      "C:fully_complied",
      "C:not_complied_reported",
    ]);
    expect(v.names[v.flag]).toBe("<unsure>");
    expect(v.names[v.grade(7)]).toBe("G7");
    expect(v.names[v.confessionEnd]).toBe("<confession-end>");
    expect(v.confessionEnd).toBe(v.size - 1);
    expect(new Set(v.names).size).toBe(v.size);
  });

  it("records each token's kind and number", () => {
    expect(v.kindOf[v.target(6)]).toBe(TokenKind.target);
    expect(v.value[v.target(6)]).toBe(6);
    expect(v.value[v.word(11)]).toBe(11);
    expect(v.kindOf[v.label(4)]).toBe(TokenKind.label);
    expect(v.value[v.label(4)]).toBe(4);
    expect(v.value[v.claim("not_complied_reported")]).toBe(1);
    expect(v.value[v.grade(3)]).toBe(3);
    expect(v.kindOf[v.flag]).toBe(TokenKind.flag);
  });

  it("adds the unsure claim only when asked, and refuses tokens that do not exist", () => {
    const withUnsure = labVocabulary(resolveLabWorldConfig({ unsureClaim: true }));
    expect(withUnsure.size).toBe(49);
    expect(withUnsure.names[withUnsure.claim("unsure_complied_reported")]).toBe(`C:${LAB_CLAIMS[2]}`);
    expect(() => v.claim("unsure_complied_reported")).toThrow(RangeError);
    expect(() => v.label(10)).toThrow(RangeError);
    expect(() => v.word(16)).toThrow(RangeError);
    expect(() => v.grade(0)).toThrow(RangeError);
  });

  it("turns ids into names and back", () => {
    const ids = [v.word(0), v.word(3), v.dot, v.label(2), v.answerEnd];
    expect(tokenText(v, ids)).toBe("w0 w3 . (2) <answer-end>");
    expect(tokenIds(v, "w0 w3 . (2) <answer-end>")).toEqual(ids);
    expect(() => tokenIds(v, "w0 nope")).toThrow(/nope/);
  });
});
