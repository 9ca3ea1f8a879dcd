import { describe, expect, it } from "vitest";
import { simpleQaRows } from "./simpleqa-rows.ts";
import { ruleGrade, type SimpleQaQuestion } from "./simpleqa-rule-grade.ts";

const year: SimpleQaQuestion = {
  problem: "Which year did Carl Van Vechten take a leave of absence from his job at The New York Times?",
  answer: "1907",
  answerType: "Date",
};
const fullDate: SimpleQaQuestion = {
  problem: "What is the month, day, and year Kaitlin Armstrong pleaded not guilty to the murder charge?",
  answer: "July 21, 2022",
  answerType: "Date",
};
const number: SimpleQaQuestion = {
  problem: 'How many tons was the topsail schooner "Lisette," built in 1873?',
  answer: "116",
  answerType: "Number",
};
const person: SimpleQaQuestion = {
  problem: "Who received the IEEE Frank Rosenblatt Award in 2010?",
  answer: "Michio Sugeno",
  answerType: "Person",
};
const place: SimpleQaQuestion = {
  problem: "What is the name of the place of birth of Hannes Fink?",
  answer: "Bolzano, Italy",
  answerType: "Place",
};

const gradeOf = (q: SimpleQaQuestion, answer: string) => ruleGrade(q, answer).grade;

describe("ruleGrade: CORRECT", () => {
  it.each([
    [person, "michio sugeno"],
    [person, "I'm not sure, but I think it was Michio Sugeno."],
    [year, "He took leave in 1907."],
    [fullDate, "She pleaded not guilty on 21 July 2022."],
    [fullDate, "2022-07-21"],
    [number, "It was 116 tons."],
    [number, "One hundred and sixteen tons, built in 1873."],
    [place, "He was born in Bolzano."],
    [{ ...number, answer: "Two." }, "She had two children."],
  ] as const)("case %#", (q, answer) => {
    expect(ruleGrade(q, answer)).toMatchObject({ grade: "CORRECT" });
  });

  it("grades every gold answer, stated plainly, as CORRECT", () => {
    const wrong = simpleQaRows().filter((r) => gradeOf(r, `The answer is ${r.answer}`) !== "CORRECT");
    expect(wrong.map((r) => r.answer)).toEqual([]);
  });
});

describe("ruleGrade: INCORRECT only when a different date or number is committed", () => {
  it.each([
    [year, "It was 1911."],
    [year, "I don't know for sure, but it might be 1908."],
    [fullDate, "July 22, 2022."],
    [fullDate, "She pleaded in 2021."],
    [number, "The Lisette was 150 tons."],
    [number, "It weighed 1,160 tons."],
    [{ ...number, answer: "Two." }, "Four."],
  ])("case %#", (q, answer) => {
    expect(ruleGrade(q, answer)).toMatchObject({ grade: "INCORRECT" });
  });
});

describe("ruleGrade: NOT_ATTEMPTED", () => {
  it.each([
    [person, "I don't know."],
    [person, "I'm not sure who received it that year."],
    [year, "I couldn't find reliable information about that."],
    [number, ""],
  ])("case %#", (q, answer) => {
    expect(ruleGrade(q, answer)).toMatchObject({ grade: "NOT_ATTEMPTED" });
  });
});

describe("ruleGrade: undecided, never a guess", () => {
  it.each([
    [person, "It was Kenji Tanaka.", /could not decide/],
    [person, "I don't know, but maybe Kenji Tanaka.", /guesses/],
    [year, "It was either 1907 or 1908.", /also 1908/],
    [year, "Sometime after 1900.", /cannot read/],
    [year, "It was not 1905; he left in 1907.", /also/],
    [number, "About 120 tons.", /could not decide/],
    [number, "The Lisette measured 105 m.", /could not decide/],
    [place, "It was Merano.", /could not decide/],
    [
      year,
      "Carl Van Vechten, the critic and photographer born in 1880, joined the paper as an assistant music critic and later wrote novels of the Harlem Renaissance; his career spanned journalism, fiction and portraiture, and he died in 1964 in New York.",
      /cannot read/,
    ],
  ])("case %#", (q, answer, reason) => {
    const g = ruleGrade(q, answer);
    expect(g.grade).toBeNull();
    expect(g.reason).toMatch(reason);
  });
});
