import { describe, expect, it } from "vitest";
import type { Constraint, InstructionArgs, InstructionId } from "./instruction-payload.ts";
import { SUPPORTED_INSTRUCTIONS } from "./instruction-payload.ts";
import { VERIFIERS, verifyAll, verifyConstraint } from "./verifiers.ts";

const check = (id: InstructionId, answer: string, args: InstructionArgs = {}) =>
  verifyConstraint(answer, { id, args }).pass;

describe("verifiers", () => {
  it("has one verifier per supported instruction", () => {
    expect(Object.keys(VERIFIERS).sort()).toEqual([...SUPPORTED_INSTRUCTIONS].sort());
  });

  it("punctuation:no_comma", () => {
    expect(check("punctuation:no_comma", "No commas here.")).toBe(true);
    expect(check("punctuation:no_comma", "Yes, one.")).toBe(false);
  });

  it("length_constraints:number_words", () => {
    expect(
      check("length_constraints:number_words", "one two three", { num_words: 3, relation: "at least" }),
    ).toBe(true);
    expect(
      check("length_constraints:number_words", "one two three", { num_words: 3, relation: "less than" }),
    ).toBe(false);
    expect(check("length_constraints:number_words", "one two", { num_words: 3, relation: "less than" })).toBe(
      true,
    );
  });

  it("length_constraints:number_sentences", () => {
    const args = { num_sentences: 2, relation: "less than" };
    expect(check("length_constraints:number_sentences", "Only one.", args)).toBe(true);
    expect(check("length_constraints:number_sentences", "One. Two.", args)).toBe(false);
  });

  it("length_constraints:number_paragraphs", () => {
    const args = { num_paragraphs: 2 };
    expect(check("length_constraints:number_paragraphs", "First.\n***\nSecond.", args)).toBe(true);
    expect(check("length_constraints:number_paragraphs", "***\nFirst.\n***\nSecond.\n***", args)).toBe(true);
    expect(check("length_constraints:number_paragraphs", "First.\n***\n***\nSecond.", args)).toBe(false);
    expect(check("length_constraints:number_paragraphs", "First.\n\nSecond.", args)).toBe(false);
  });

  it("length_constraints:nth_paragraph_first_word", () => {
    const args = { num_paragraphs: 2, nth_paragraph: 2, first_word: "elm" };
    expect(check("length_constraints:nth_paragraph_first_word", 'Intro.\n\n"Elm, trees grow.', args)).toBe(
      true,
    );
    expect(check("length_constraints:nth_paragraph_first_word", "Intro.\n\nOak trees grow.", args)).toBe(
      false,
    );
    expect(check("length_constraints:nth_paragraph_first_word", "Intro.\n\nElm.\n\nMore.", args)).toBe(false);
  });

  it("change_case", () => {
    expect(check("change_case:english_lowercase", "all lower here.")).toBe(true);
    expect(check("change_case:english_lowercase", "Not lower.")).toBe(false);
    expect(check("change_case:english_capital", "ALL CAPS.")).toBe(true);
    expect(check("change_case:english_capital", "ALL CAPs.")).toBe(false);
    const args = { capital_frequency: 2, capital_relation: "at least" };
    expect(check("change_case:capital_word_frequency", "NASA and ESA.", args)).toBe(true);
    expect(check("change_case:capital_word_frequency", "Nasa and ESA.", args)).toBe(false);
  });

  it("detectable_format:number_bullet_lists counts * and - bullets exactly", () => {
    const args = { num_bullets: 2 };
    expect(check("detectable_format:number_bullet_lists", "* one\n- two", args)).toBe(true);
    expect(check("detectable_format:number_bullet_lists", "* one\n* two\n* three", args)).toBe(false);
    expect(check("detectable_format:number_bullet_lists", "**bold** one\n- two", args)).toBe(false);
  });

  it("detectable_format:number_highlighted_sections", () => {
    const args = { num_highlights: 2 };
    expect(check("detectable_format:number_highlighted_sections", "*one* and **two**", args)).toBe(true);
    expect(check("detectable_format:number_highlighted_sections", "*one* and ** **", args)).toBe(false);
  });

  it("detectable_format:title / json_format / multiple_sections / constrained_response", () => {
    expect(check("detectable_format:title", "<<A Poem>>\ntext")).toBe(true);
    expect(check("detectable_format:title", "<< >> text")).toBe(false);
    expect(check("detectable_format:json_format", '```json\n{"a": 1}\n```')).toBe(true);
    expect(check("detectable_format:json_format", '{"a": 1')).toBe(false);
    const sections = { section_spliter: "SECTION", num_sections: 2 };
    expect(check("detectable_format:multiple_sections", "SECTION 1\nx\nSECTION 2\ny", sections)).toBe(true);
    expect(check("detectable_format:multiple_sections", "Section 1\nx\nSection 2\ny", sections)).toBe(false);
    expect(check("detectable_format:constrained_response", "My answer is maybe.")).toBe(true);
    expect(check("detectable_format:constrained_response", "my answer is yes")).toBe(false);
  });

  it("keywords", () => {
    expect(check("keywords:existence", "A RIVER and lands.", { keywords: ["river", "land"] })).toBe(true);
    expect(check("keywords:existence", "A river.", { keywords: ["river", "land"] })).toBe(false);
    expect(check("keywords:forbidden_words", "Rocky roads.", { forbidden_words: ["rock"] })).toBe(true);
    expect(check("keywords:forbidden_words", "Rock on.", { forbidden_words: ["rock"] })).toBe(false);
    const freq = { keyword: "the", frequency: 2, relation: "less than" };
    expect(check("keywords:frequency", "The end.", freq)).toBe(true);
    expect(check("keywords:frequency", "The other end.", freq)).toBe(false);
    const letters = { letter: "q", let_frequency: 2, let_relation: "at least" };
    expect(check("keywords:letter_frequency", "Quick quiz", letters)).toBe(true);
    expect(check("keywords:letter_frequency", "Quick", letters)).toBe(false);
  });

  it("startend", () => {
    const end = { end_phrase: "Is there anything else I can help with?" };
    expect(check("startend:end_checker", '"Done. is there anything else I can help with?"', end)).toBe(true);
    expect(check("startend:end_checker", "Is there anything else I can help with? Bye.", end)).toBe(false);
    expect(check("startend:quotation", ' "quoted" ')).toBe(true);
    expect(check("startend:quotation", '"')).toBe(false);
  });

  it("detectable_content", () => {
    expect(check("detectable_content:postscript", "Hi.\np.s. later", { postscript_marker: "P.S." })).toBe(
      true,
    );
    expect(check("detectable_content:postscript", "Hi.\nP.S. later", { postscript_marker: "P.P.S" })).toBe(
      false,
    );
    expect(check("detectable_content:postscript", "Hi.\nP.P.S later", { postscript_marker: "P.P.S" })).toBe(
      true,
    );
    expect(check("detectable_content:number_placeholders", "[a] [b]", { num_placeholders: 2 })).toBe(true);
    expect(check("detectable_content:number_placeholders", "[a] b", { num_placeholders: 2 })).toBe(false);
  });

  it("combination", () => {
    expect(check("combination:two_responses", "One.\n******\nTwo.")).toBe(true);
    expect(check("combination:two_responses", "One.\n******\nOne.")).toBe(false);
    expect(check("combination:two_responses", "One.\n******\n******\nTwo.")).toBe(false);
    const repeat = { prompt_to_repeat: "Write a poem." };
    expect(check("combination:repeat_prompt", " write a POEM. Roses are red.", repeat)).toBe(true);
    expect(check("combination:repeat_prompt", "Sure! Write a poem.", repeat)).toBe(false);
  });

  it("verifyAll passes only when every instruction holds", () => {
    const constraints: Constraint[] = [
      { id: "punctuation:no_comma", args: {} },
      { id: "detectable_format:title", args: {} },
    ];
    expect(verifyAll("<<T>> no commas", constraints).pass).toBe(true);
    expect(verifyAll("<<T>> a, b", constraints).verdicts.map((v) => v.pass)).toEqual([false, true]);
  });
});
