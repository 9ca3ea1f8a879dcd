import { describe, expect, it } from "vitest";
import { episodeCompletion, renderConfessionRequest, toEpisodeMessage } from "./episode-record.ts";

const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe("episodeCompletion", () => {
  const pieces = {
    answer: "one two three",
    renderedRequest: renderConfessionRequest("confess now"),
    confession: "c1 c2",
  };

  it("task: the completion is y, one answer span", () => {
    expect(episodeCompletion({ mode: "task", ...pieces }, words)).toEqual({
      completion: "one two three",
      spans: [{ name: "answer", start: 0, end: 13, tokenStart: 0, tokenEnd: 3 }],
      tokenCount: 3,
    });
  });

  it("confession: the completion is y_c only", () => {
    expect(episodeCompletion({ mode: "confession", ...pieces })).toEqual({
      completion: "c1 c2",
      spans: [{ name: "confession", start: 0, end: 5 }],
    });
  });

  it("dual: y + x_c + y_c with x_c outside both spans, in characters and tokens", () => {
    const out = episodeCompletion({ mode: "dual", ...pieces }, words);
    expect(out.completion).toBe("one two three\n\nconfess now\n\nc1 c2");
    // "one two three" is 13 characters, "\n\nconfess now\n\n" 15: y_c starts at 28
    expect(out.spans).toEqual([
      { name: "answer", start: 0, end: 13, tokenStart: 0, tokenEnd: 3 },
      { name: "confession", start: 28, end: 33, tokenStart: 5, tokenEnd: 7 },
    ]);
    expect(out.tokenCount).toBe(7);
    expect(out.completion.slice(13, 28)).toBe("\n\nconfess now\n\n");
  });
});

describe("toEpisodeMessage", () => {
  it("turns tool calls and results into the OpenAI chat shape and drops reasoning", () => {
    expect(
      toEpisodeMessage({
        role: "assistant",
        content: "",
        reasoning: "hidden",
        toolCalls: [{ id: "c1", name: "ls", arguments: { path: "/" } }],
      }),
    ).toEqual({
      role: "assistant",
      content: "",
      tool_calls: [{ id: "c1", type: "function", function: { name: "ls", arguments: '{"path":"/"}' } }],
    });
    expect(toEpisodeMessage({ role: "tool", toolCallId: "c1", toolName: "ls", content: "a b" })).toEqual({
      role: "tool",
      content: "a b",
      tool_call_id: "c1",
      name: "ls",
    });
    expect(toEpisodeMessage({ role: "assistant", content: "hi", reasoning: "r" })).toEqual({
      role: "assistant",
      content: "hi",
    });
  });
});
