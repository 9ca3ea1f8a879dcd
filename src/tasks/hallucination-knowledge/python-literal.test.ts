import { describe, expect, it } from "vitest";
import { readPythonLiteral } from "./python-literal.ts";

describe("readPythonLiteral", () => {
  it("reads a SimpleQA metadata dict", () => {
    const text =
      "{'topic': 'Science and technology', 'answer_type': 'Person', 'urls': ['https://a.org/x', \"https://b.org/it's\"]}";
    expect(readPythonLiteral(text)).toEqual({
      topic: "Science and technology",
      answer_type: "Person",
      urls: ["https://a.org/x", "https://b.org/it's"],
    });
  });

  it("reads escapes, numbers, booleans, None and tuples", () => {
    expect(readPythonLiteral("['it\\'s', '\\x41\\n', -3, 2.5, True, False, None, (1, 2)]")).toEqual([
      "it's",
      "A\n",
      -3,
      2.5,
      true,
      false,
      null,
      [1, 2],
    ]);
  });

  it("rejects trailing text and bad syntax", () => {
    expect(() => readPythonLiteral("{'a': 1} x")).toThrow(SyntaxError);
    expect(() => readPythonLiteral("{'a' 1}")).toThrow(SyntaxError);
    expect(() => readPythonLiteral("'open")).toThrow(SyntaxError);
  });
});
