import { describe, expect, it } from "vitest";
import { extractDates, relateDates } from "./extract-dates.ts";

const fields = (text: string) =>
  extractDates(text).map(({ year, month, day, qualified }) => ({ year, month, day, qualified }));

describe("extractDates", () => {
  it("reads dates in several formats", () => {
    const d = { year: 2007, month: 5, day: 14, qualified: false };
    for (const text of [
      "May 14, 2007",
      "14 May 2007",
      "14th of May, 2007",
      "2007-05-14",
      "14/05/2007",
      "May 14th 2007",
    ]) {
      expect(fields(text), text).toEqual([d]);
    }
    expect(fields("December 2013")).toEqual([{ year: 2013, month: 12, day: undefined, qualified: false }]);
    expect(fields("on 4 July")).toEqual([{ year: undefined, month: 7, day: 4, qualified: false }]);
  });

  it("reads bare years but not decades, versions or ambiguous day/month", () => {
    expect(fields("in 1907 and 1908")).toHaveLength(2);
    expect(fields("the 1990s")).toEqual([]);
    expect(fields("version 1.2024")).toEqual([]);
    expect(fields("05/06/2007")).toEqual([
      { year: 2007, month: undefined, day: undefined, qualified: false },
    ]);
  });

  it("ignores the verb may and marks hedged dates", () => {
    expect(fields("It may be right")).toEqual([]);
    expect(fields("sometime after 1900")[0]?.qualified).toBe(true);
    expect(fields("It was not 1907")[0]?.qualified).toBe(true);
  });
});

describe("relateDates", () => {
  it("covers, is compatible with or conflicts with a gold date", () => {
    const gold = { year: 2022, month: 7, day: 21 };
    expect(relateDates({ year: 2022, month: 7, day: 21 }, gold)).toBe("covers");
    expect(relateDates({ year: 2022 }, gold)).toBe("compatible");
    expect(relateDates({ year: 2021 }, gold)).toBe("conflict");
    expect(relateDates({ year: 2022, month: 7, day: 22 }, gold)).toBe("conflict");
    expect(relateDates({ year: 1907 }, { year: 1907 })).toBe("covers");
  });
});
