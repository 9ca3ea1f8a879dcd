import { describe, expect, it } from "vitest";
import { spanCredit, tokenAdvantages } from "./token-credit.ts";

describe("tokenAdvantages", () => {
  it("puts each part's advantage on its tokens and 0 / mask 0 elsewhere", () => {
    const credit = tokenAdvantages(7, [
      { start: 1, end: 3, advantage: 0.5 },
      { start: 5, end: 7, advantage: -1 },
    ]);
    expect([...credit.advantages]).toEqual([0, 0.5, 0.5, 0, 0, -1, -1]);
    expect([...credit.mask]).toEqual([0, 1, 1, 0, 0, 1, 1]);
  });

  it("masks a part whose advantage is null, and keeps a 0 advantage trained", () => {
    const credit = tokenAdvantages(4, [
      { start: 0, end: 2, advantage: null },
      { start: 2, end: 4, advantage: 0 },
    ]);
    expect([...credit.advantages]).toEqual([0, 0, 0, 0]);
    expect([...credit.mask]).toEqual([0, 0, 1, 1]);
  });

  it("refuses parts outside the sequence or overlapping", () => {
    expect(() => tokenAdvantages(3, [{ start: 2, end: 4, advantage: 1 }])).toThrow(/inside a sequence of 3/);
    expect(() =>
      tokenAdvantages(5, [
        { start: 0, end: 3, advantage: 1 },
        { start: 2, end: 4, advantage: 1 },
      ]),
    ).toThrow(/overlap at token 2/);
  });
});

describe("spanCredit", () => {
  it("dual-span: the answer takes the task advantage, the confession the confession advantage, x_c nothing", () => {
    const credit = spanCredit(
      9,
      [
        { name: "answer", start: 0, end: 3 },
        { name: "confession", start: 5, end: 8 },
      ],
      { task: 0.5, confession: -1 },
    );
    expect([...credit.advantages]).toEqual([0.5, 0.5, 0.5, 0, 0, -1, -1, -1, 0]);
    expect([...credit.mask]).toEqual([1, 1, 1, 0, 0, 1, 1, 1, 0]);
  });

  it("separate: a confession episode trains only y_c", () => {
    const credit = spanCredit(3, [{ name: "confession", start: 0, end: 3 }], { task: 0.9, confession: 0.25 });
    expect([...credit.advantages]).toEqual([0.25, 0.25, 0.25]);
  });
});
