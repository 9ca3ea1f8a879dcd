import { describe, expect, it } from "vitest";
import {
  errorText,
  isRecord,
  numberOrUndefined,
  parseJson,
  parseToolArguments,
  textNote,
} from "./wire-values.ts";

describe("wire values", () => {
  it("tells objects from arrays and null", () => {
    expect([{}, { a: 1 }].map(isRecord)).toEqual([true, true]);
    expect([[], null, "x", 1, undefined].map(isRecord)).toEqual([false, false, false, false, false]);
  });

  it("parses JSON without throwing", () => {
    expect(parseJson('{"a":1}')).toEqual({ a: 1 });
    expect(parseJson("{a")).toBeUndefined();
  });

  it("parses tool arguments, keeping unparsable text and reading empty as {}", () => {
    expect(parseToolArguments('{"x":[1]}')).toEqual({ x: [1] });
    expect(parseToolArguments("{x")).toBe("{x");
    expect(parseToolArguments("  ")).toEqual({});
    expect(parseToolArguments(undefined)).toEqual({});
    expect(parseToolArguments({ already: true })).toEqual({ already: true });
  });

  it("writes bounded notes and error texts", () => {
    expect(textNote("item", { id: 1 })).toBe('[item not shown as text: {"id":1}]');
    const long = textNote("item", "x".repeat(1000));
    expect(long.length).toBeLessThan(340);
    expect(long.endsWith("…]")).toBe(true);
    expect(textNote("item", undefined)).toBe("[item not shown as text: undefined]");
    expect(errorText({ message: "boom", code: 1 })).toBe("boom");
    expect(errorText("plain")).toBe("plain");
    expect(errorText({ code: 7 })).toBe('{"code":7}');
    expect([numberOrUndefined(3), numberOrUndefined("3"), numberOrUndefined(Number.NaN)]).toEqual([
      3,
      undefined,
      undefined,
    ]);
  });
});
