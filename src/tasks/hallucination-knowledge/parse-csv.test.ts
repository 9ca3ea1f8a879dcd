import { describe, expect, it } from "vitest";
import { parseCsv } from "./parse-csv.ts";

describe("parseCsv", () => {
  it("reads plain and quoted fields, doubled quotes and commas inside quotes", () => {
    expect(parseCsv('a,b,c\n"x, y","say ""hi""",3\n')).toEqual([
      ["a", "b", "c"],
      ["x, y", 'say "hi"', "3"],
    ]);
  });

  it("accepts CRLF, a quoted line break, empty fields and no final line break", () => {
    expect(parseCsv('a,,"two\r\nlines"\r\nlast,x,')).toEqual([
      ["a", "", "two\r\nlines"],
      ["last", "x", ""],
    ]);
  });

  it("rejects an unterminated quote", () => {
    expect(() => parseCsv('a,"open\n')).toThrow(/quoted/);
  });
});
