import { describe, expect, it } from "vitest";
import { seededRandom } from "../shared/random.ts";
import { answerForms, statesResult } from "./answer-mentions.ts";
import { makeProblem, PROBLEM_MAKERS } from "./math-problems.ts";

describe("makeProblem", () => {
  it("gives a right answer that the problem and the hint never show", () => {
    const random = seededRandom("problems");
    for (let i = 0; i < 700; i++) {
      const p = makeProblem(random, i);
      expect(Number.isInteger(p.answer) && p.answer >= 6).toBe(true);
      expect(answerForms(p.text, p.answer), p.text).toEqual([]);
      expect(answerForms(p.hint, p.answer), p.hint).toEqual([]);
      expect(statesResult(p.steps.join(" "), p.answer), p.steps.join(" ")).toBe(true);
    }
  });

  it("checks its answers", () => {
    const random = seededRandom(4);
    for (let i = 0; i < 70; i++) {
      const p = makeProblem(random, i);
      const nums = (p.text.match(/\d+/g) ?? []).map(Number);
      if (p.kind === "linear") expect((nums[0] ?? 0) * p.answer + (nums[1] ?? 0)).toBe(nums[2]);
      if (p.kind === "percent") expect(((nums[0] ?? 0) * (nums[1] ?? 0)) / 100).toBe(p.answer);
      if (p.kind === "area") expect((nums[0] ?? 0) * (nums[1] ?? 0)).toBe(p.answer);
    }
  });

  it("has seven kinds", () => {
    const kinds = new Set(PROBLEM_MAKERS.map((_, i) => makeProblem(seededRandom(i), i).kind));
    expect(kinds.size).toBe(7);
  });
});
