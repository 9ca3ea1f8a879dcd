import { describe, expect, it } from "vitest";
import { parseSimpleQa, simpleQaRows } from "./simpleqa-rows.ts";

describe("simpleQaRows", () => {
  it("reads all 4,326 questions with the published answer-type counts", () => {
    const rows = simpleQaRows();
    expect(rows).toHaveLength(4326);
    const counts: Record<string, number> = {};
    for (const row of rows) counts[row.answerType] = (counts[row.answerType] ?? 0) + 1;
    expect(counts).toEqual({ Date: 1418, Person: 1041, Other: 777, Number: 663, Place: 427 });
    expect(rows[0]).toEqual({
      index: 0,
      topic: "Science and technology",
      answerType: "Person",
      problem: "Who received the IEEE Frank Rosenblatt Award in 2010?",
      answer: "Michio Sugeno",
    });
    expect(rows.every((r) => r.problem.length > 0 && r.answer.length > 0)).toBe(true);
  });

  it("refuses a file with another header or an unknown answer type", () => {
    expect(() => parseSimpleQa("a,b,c\n")).toThrow(/header/);
    expect(() => parseSimpleQa("metadata,problem,answer\n\"{'answer_type': 'Color'}\",q,a\n")).toThrow(
      /answer_type/,
    );
  });
});
