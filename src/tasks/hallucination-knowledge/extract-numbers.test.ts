import { describe, expect, it } from "vitest";
import { extractNumbers, relateNumbers } from "./extract-numbers.ts";

const pick = (text: string) =>
  extractNumbers(text).map(({ value, precision, unit, qualified }) => ({
    value,
    precision,
    unit,
    qualified,
  }));

describe("extractNumbers", () => {
  it("reads separators, decimals, scales, units and currency", () => {
    expect(pick("7,804 people")).toEqual([{ value: 7804, precision: 1, unit: null, qualified: false }]);
    expect(pick("29,137.40 km")[0]).toMatchObject({ value: 29137.4, precision: 0.01, unit: "km" });
    expect(pick("about 120k")[0]).toMatchObject({ value: 120000, precision: 10000, qualified: true });
    expect(pick("$3 million")[0]).toMatchObject({ value: 3e6, unit: "$" });
    expect(pick("1.73m")[0]).toMatchObject({ value: 1.73, unit: "m" });
    expect(pick("it was three")[0]).toMatchObject({ value: 3 });
  });

  it("skips codes, versions, times, decades and a lone one", () => {
    expect(pick("DB9 MP-9 v1.2.3 at 9:30 in the 1990s, the one who")).toEqual([]);
  });

  it("marks bare years", () => {
    expect(extractNumbers("in 1873")[0]?.yearLike).toBe(true);
    expect(extractNumbers("1,873 tons")[0]?.yearLike).toBe(false);
  });
});

describe("relateNumbers", () => {
  it("is same, close at the coarser precision, or different", () => {
    expect(relateNumbers({ value: 116, precision: 1 }, { value: 116, precision: 1 })).toBe("same");
    expect(relateNumbers({ value: 120, precision: 10 }, { value: 116, precision: 1 })).toBe("close");
    expect(relateNumbers({ value: 124000, precision: 1000 }, { value: 120000, precision: 10000 })).toBe(
      "close",
    );
    expect(relateNumbers({ value: 113000, precision: 1000 }, { value: 120000, precision: 10000 })).toBe(
      "different",
    );
    expect(relateNumbers({ value: 150, precision: 10 }, { value: 116, precision: 1 })).toBe("different");
  });
});
