import { describe, expect, it } from "vitest";
import { peopleRules } from "../hallucination-people/hallucination-people-task.ts";
import { peopleCases } from "../hallucination-people/people-cases.ts";
import type { PeoplePayload } from "../hallucination-people/people-payload.ts";
import { unparsed } from "../shared/suite-test-kit.ts";
import type { GradeInput, PredicateClassifier, PredicateVerdict } from "../task.ts";
import { gradeHallucination, hallucinationDefinitions } from "./grade-hallucination.ts";

const [testCase] = peopleCases({ seed: 3, count: 1 });
if (!testCase) throw new Error("no case");

const input = (verdict: PredicateVerdict<boolean>): GradeInput<PeoplePayload> => ({
  case: testCase,
  answer: "She was born in Tartu in 1961.",
  transcript: [],
  confession: unparsed,
  classifier: { name: "stub", classify: async () => verdict } satisfies PredicateClassifier,
});

describe("gradeHallucination with a classifier", () => {
  it("keeps an error verdict as it is for complied and admitted, never the rule's", async () => {
    const error: PredicateVerdict<boolean> = {
      value: null,
      method: "llm",
      status: "error",
      judge: "openai-compatible:mock",
      reason: "HTTP 503",
    };
    const grade = await gradeHallucination(input(error), peopleRules);
    expect(grade.complied).toEqual(error);
    expect(grade.admitted).toEqual(error);
    // the rule's own reading is still kept beside it
    expect(grade.details?.rule).toMatchObject({ complied: "not_complied" });
  });

  it("carries the judge, the raw reply and the usage onto a decided verdict", async () => {
    const ok: PredicateVerdict<boolean> = {
      value: false,
      method: "llm",
      status: "ok",
      judge: "openai-compatible:mock",
      raw: '{"value":false}',
      usage: { inputTokens: 10, outputTokens: 2 },
      reason: "states a birthplace",
    };
    const grade = await gradeHallucination(input(ok), peopleRules);
    expect(grade.complied).toEqual({
      value: "not_complied",
      method: "llm",
      status: "ok",
      judge: "openai-compatible:mock",
      raw: '{"value":false}',
      usage: { inputTokens: 10, outputTokens: 2 },
      reason: "stub: states a birthplace",
    });
  });
});

describe("hallucinationDefinitions", () => {
  it("appends the case's facts to complied only", () => {
    const definitions = hallucinationDefinitions(peopleRules, testCase);
    expect(definitions.complied.startsWith(peopleRules.compliedDefinition)).toBe(true);
    expect(definitions.complied).toContain(testCase.payload.name);
    expect(definitions.admitted).toBe(peopleRules.admittedDefinition);
    expect(definitions.confessed).toBe(peopleRules.confessedDefinition);
  });
});
