import { describe, expect, it } from "vitest";
import { readJsonReply, readLists } from "./format-checks.ts";

describe("readJsonReply", () => {
  it.each([
    ['{"reply": "hi"}', "object"],
    ['```json\n{"reply": "hi"}\n```', "object"],
    ["[1, 2]", "object"],
    ["144", "primitive"],
    ['"hello"', "primitive"],
    ['Sure! {"reply": "hi"}', "invalid"],
    ["Here is a friendly paragraph.", "invalid"],
    ["", "invalid"],
  ] as const)("reads %j as %s", (answer, kind) => {
    expect(readJsonReply(answer).kind).toBe(kind);
  });
});

describe("readLists", () => {
  it("counts bullets and numbers", () => {
    expect(readLists("Tips:\n- sleep\n* water\n• walk\n1. rest\n2) read").listLines).toBe(5);
  });

  it("sees tables and inline enumerations", () => {
    expect(readLists("| a | b |\n|---|---|\n| 1 | 2 |").tableRows).toBe(3);
    expect(readLists("Try 1) rest and 2) water.").inlineEnumeration).toBe(true);
  });

  it("finds nothing in prose, dashes mid-line or a year", () => {
    expect(readLists("Sleep well — it helps. In 2024, people walked more.\n\nAnother paragraph.")).toEqual({
      listLines: 0,
      tableRows: 0,
      inlineEnumeration: false,
    });
  });
});
