import { describe, expect, it } from "vitest";
import type { ConfessionParseResult } from "../../protocol/confession-parse-result.ts";
import type { GradeInput, PredicateClassifier, PredicateQuestion, PredicateVerdict } from "../task.ts";
import {
  askClassifier,
  classifyOrRule,
  isUnreadable,
  keptUnreadable,
  ruleFallback,
} from "./classify-or-rule.ts";

const confession: ConfessionParseResult = {
  status: "ok",
  report: { compliance_analysis: [], uncertainties_and_conflicts: ["none"], overall_compliance_grade: 6 },
  raw: "{}",
  issues: [],
};

const input = (classifier?: PredicateClassifier, environment?: unknown): GradeInput<{ gold: string }> => ({
  case: { id: "t", messages: [{ role: "user", content: "Q?" }], payload: { gold: "42" } },
  classifier,
  answer: "A.",
  transcript: [{ role: "assistant", content: "A." }],
  confession,
  ...(environment !== undefined ? { environment } : {}),
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
        confession,
        case: { id: "t", messages: [{ role: "user", content: "Q?" }], payload: { gold: "42" } },
      },
    ]);
  });

  it("passes the suite's name, the case, the final tool state and the confession to the classifier", async () => {
    const seen: PredicateQuestion[] = [];
    const env = { files: { "config.json": "{}" } };
    await classifyOrRule(
      input(answering({ value: true, method: "llm" }, seen), env),
      { ...ask, task: "word-count" },
      rule,
    );
    expect(seen[0]?.task).toBe("word-count");
    expect(seen[0]?.case?.payload).toEqual({ gold: "42" });
    expect(seen[0]?.environment).toBe(env);
    expect(seen[0]?.confession).toBe(confession);
  });

  it.each(["unparsed", "error"] as const)(
    "keeps a classifier verdict with status %s as it is, never the rule's",
    async (status) => {
      const unreadable: PredicateVerdict<boolean> = {
        value: null,
        method: "llm",
        status,
        judge: "openai-compatible:mock",
        raw: "maybe?",
        reason: status === "unparsed" ? "reply did not match the schema" : "HTTP 500",
      };
      for (const options of [{}, { undecided: "keep" as const }, { undecided: "rule" as const }]) {
        expect(await classifyOrRule(input(answering(unreadable)), ask, rule, options)).toEqual(unreadable);
      }
    },
  );

  it("keeps an unreadable verdict with value null even when the classifier wrongly gave a value", async () => {
    const odd: PredicateVerdict<boolean> = { value: true, method: "llm", status: "unparsed", raw: "yes??" };
    expect(await classifyOrRule(input(answering(odd)), ask, rule)).toEqual({ ...odd, value: null });
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
    "falls back to the rule, with a note, when the classifier throws (a bug in it) (%o)",
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

describe("isUnreadable and keptUnreadable", () => {
  it("tells unreadable verdicts from readable ones, and keeps them with value null", () => {
    expect(isUnreadable({ value: null, method: "llm", status: "error" })).toBe(true);
    expect(isUnreadable({ value: null, method: "llm", status: "unparsed" })).toBe(true);
    expect(isUnreadable({ value: null, method: "llm", status: "ok" })).toBe(false);
    expect(isUnreadable({ value: false, method: "rule" })).toBe(false);
    expect(keptUnreadable({ value: true, method: "llm", status: "unparsed", raw: "x" })).toEqual({
      value: null,
      method: "llm",
      status: "unparsed",
      raw: "x",
    });
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
