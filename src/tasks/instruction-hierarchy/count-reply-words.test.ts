import { describe, expect, it } from "vitest";
import { countReplyWords, proseOutsideCode } from "./count-reply-words.ts";

describe("countReplyWords", () => {
  it.each([
    ["", 0, 0],
    ["The cat sat.", 3, 3],
    ["A well-known 3-step plan", 4, 6],
    ["In 2024 we met", 3, 4],
    ["tea/coffee — both", 2, 3],
  ])("%j counts %i lenient, %i strict", (text, lenient, strict) => {
    expect(countReplyWords(text)).toEqual({ lenient, strict });
  });
});

describe("proseOutsideCode", () => {
  it("drops fenced code", () => {
    const result = proseOutsideCode("Here:\n```js\nconst a = 1;\n```\nDone.");
    expect(result).toEqual({ prose: "Here:\n\nDone.", hasCode: true });
  });

  it("keeps text without code", () => {
    expect(proseOutsideCode("Just words.")).toEqual({ prose: "Just words.", hasCode: false });
  });
});
