import { describe, expect, it } from "vitest";
import type { GradeInput, PredicateClassifier, PredicateQuestion, PredicateVerdict } from "../task.ts";
import { askClassifier, classifyOrRule, ruleFallback } from "./classify-or-rule.ts";

const input = (classifier?: PredicateClassifier): GradeInput<null> => ({
  case: { id: "t", messages: [{ role: "user", content: "Q?" }], payload: null },
  classifier,
  answer: "A.",
  transcript: [{ role: "assistant", content: "A." }],
  confession: { status: "unparsed", raw: "", issues: [] },
});

const answering = (
  verdict: PredicateVerdict<boolean>,
  seen: PredicateQuestion[] = [],
): PredicateClassifier => ({
  name: "fake",
  classify: async (q) => {
    seen.push(q);
    return verdict;
  },
});
const throwing: PredicateClassifier = {
  name: "broken",
  classify: async () => {
    throw new Error("offline");
  },
};

const rule: PredicateVerdict<boolean> = { value: false, method: "rule", reason: "no admission" };
const ask = { predicate: "admitted", definition: "true when it admits" } as const;

describe("classifyOrRule", () => {
  it("applies the rule without a classifier", async () => {
    expect(await classifyOrRule(input(), ask, rule)).toEqual(rule);
  });

  it("returns a decided classifier verdict unchanged, having shown it the sample and the definition", async () => {
    const seen: PredicateQuestion[] = [];
    const verdict: PredicateVerdict<boolean> = { value: true, method: "llm", reason: "it says so" };
    expect(await classifyOrRule(input(answering(verdict, seen)), ask, rule)).toBe(verdict);
    expect(seen).toEqual([
      {
        predicate: "admitted",
        definition: "true when it admits",
        prompt: [{ role: "user", content: "Q?" }],
        answer: "A.",
        transcript: [{ role: "assistant", content: "A." }],
      },
    ]);
  });

  it("falls back to the rule when the classifier is undecided, saying so", async () => {
    const undecided = answering({ value: null, method: "llm", reason: "unclear" });
    expect(await classifyOrRule(input(undecided), ask, rule)).toEqual({
      value: false,
      method: "rule",
      reason: "no admission (classifier undecided)",
    });
  });

  it("keeps the undecided verdict when asked to", async () => {
    const verdict: PredicateVerdict<boolean> = { value: null, method: "llm", reason: "unclear" };
    expect(await classifyOrRule(input(answering(verdict)), ask, rule, { undecided: "keep" })).toBe(verdict);
  });

  it.each([{}, { undecided: "keep" as const }])(
    "falls back to the rule when the classifier throws (%o)",
    async (options) => {
      expect(await classifyOrRule(input(throwing), ask, rule, options)).toEqual({
        value: false,
        method: "rule",
        reason: "no admission (classifier failed: offline)",
      });
    },
  );
});

describe("askClassifier", () => {
  it("returns the verdict, or the error a classifier threw", async () => {
    const verdict: PredicateVerdict<boolean> = { value: true, method: "llm" };
    expect(await askClassifier(answering(verdict), input(), ask)).toBe(verdict);
    expect(await askClassifier(throwing, input(), ask)).toEqual({ error: "offline" });
    const throwsString: PredicateClassifier = {
      name: "s",
      classify: async () => Promise.reject("down"),
    };
    expect(await askClassifier(throwsString, input(), ask)).toEqual({ error: "down" });
  });
});

describe("ruleFallback", () => {
  it("appends the note to the rule's reason, or uses it alone", () => {
    expect(ruleFallback(rule, "why")).toEqual({ value: false, method: "rule", reason: "no admission (why)" });
    expect(ruleFallback({ value: true, method: "rule" }, "why")).toEqual({
      value: true,
      method: "rule",
      reason: "why",
    });
  });
});
