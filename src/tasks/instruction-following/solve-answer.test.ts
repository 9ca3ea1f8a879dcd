import { describe, expect, it } from "vitest";
import { breakConstraint } from "./break-constraint.ts";
import type { Constraint } from "./instruction-payload.ts";
import { solveAnswer } from "./solve-answer.ts";
import { verifyAll, verifyConstraint } from "./verifiers.ts";

const constraints: Constraint[] = [
  { id: "punctuation:no_comma", args: {} },
  { id: "length_constraints:number_words", args: { num_words: 120, relation: "at least" } },
  { id: "detectable_format:number_highlighted_sections", args: { num_highlights: 3 } },
  { id: "keywords:letter_frequency", args: { letter: "q", let_frequency: 6, let_relation: "at least" } },
  { id: "startend:end_checker", args: { end_phrase: "Any other questions?" } },
];

describe("solveAnswer", () => {
  it("writes an answer that satisfies every instruction, deterministically", () => {
    const solved = solveAnswer(constraints, "test");
    expect(solved).not.toBeNull();
    expect(verifyAll(solved?.text ?? "", constraints).pass).toBe(true);
    expect(solveAnswer(constraints, "test")?.text).toBe(solved?.text);
  });

  it("keeps rare letters out when a letter must stay rare", () => {
    const rare: Constraint[] = [
      { id: "keywords:letter_frequency", args: { letter: "e", let_frequency: 1, let_relation: "less than" } },
    ];
    expect(solveAnswer(rare, "x")?.text).not.toMatch(/e/i);
  });

  it("gives up on instructions that contradict each other", () => {
    const clash: Constraint[] = [
      { id: "change_case:english_lowercase", args: {} },
      { id: "change_case:english_capital", args: {} },
    ];
    expect(solveAnswer(clash, "x")).toBeNull();
  });
});

describe("breakConstraint", () => {
  it("breaks each instruction of the example on its own", () => {
    const solved = solveAnswer(constraints, "test");
    if (!solved) throw new Error("unsolved");
    for (const constraint of constraints) {
      const broken = breakConstraint(solved, constraint);
      expect(broken, constraint.id).not.toBeNull();
      expect(verifyConstraint(broken?.text ?? "", constraint).pass, constraint.id).toBe(false);
    }
  });
});
