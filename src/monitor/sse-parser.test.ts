import { describe, expect, it } from "vitest";
import { createSseParser, type SseEvent } from "./sse-parser.ts";

/** Feeds the pieces in order, then flushes; returns every event. */
function parseAll(pieces: string[]): SseEvent[] {
  const parser = createSseParser();
  const events = pieces.flatMap((piece) => parser.feed(piece));
  return [...events, ...parser.flush()];
}

/** Every way to cut `text` in two, plus one-character pieces. */
function splits(text: string): string[][] {
  const out: string[][] = [[...text]];
  for (let i = 0; i <= text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  return out;
}

const stream =
  'event: response.created\ndata: {"type":"response.created"}\n\n' +
  ": keep-alive comment\n" +
  "data: first line\ndata:second line\n\n" +
  "id: 7\nretry: 1000\ndata:  two spaces\r\n\r\n" +
  "event: x\rdata: cr only\r\r" +
  "data: [DONE]\n\n";

const expected: SseEvent[] = [
  { event: "response.created", data: '{"type":"response.created"}' },
  { data: "first line\nsecond line" },
  { data: " two spaces" },
  { event: "x", data: "cr only" },
  { data: "[DONE]" },
];

describe("createSseParser", () => {
  it("reads names, multi-line data, comments and every line ending", () => {
    expect(parseAll([stream])).toEqual(expected);
  });

  it("gives the same events however the text is split, mid-line and between \\r and \\n", () => {
    for (const pieces of splits(stream)) expect(parseAll(pieces)).toEqual(expected);
  });

  it("returns each event as soon as its blank line arrives", () => {
    const parser = createSseParser();
    expect(parser.feed("data: a\n")).toEqual([]);
    expect(parser.feed("\ndata: b")).toEqual([{ data: "a" }]);
    expect(parser.feed("\n")).toEqual([]);
    expect(parser.feed("\n")).toEqual([{ data: "b" }]);
  });

  it("keeps multi-byte characters whole when bytes are split mid-character and decoded as a stream", () => {
    const text = 'data: {"t":"Zürich — 東京 🙂"}\n\n';
    const bytes = new TextEncoder().encode(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      const decoder = new TextDecoder();
      const parser = createSseParser();
      const events = [
        ...parser.feed(decoder.decode(bytes.slice(0, cut), { stream: true })),
        ...parser.feed(decoder.decode(bytes.slice(cut), { stream: true })),
        ...parser.feed(decoder.decode()),
        ...parser.flush(),
      ];
      expect(events).toEqual([{ data: '{"t":"Zürich — 東京 🙂"}' }]);
    }
  });

  it("skips events without data and drops a leading byte-order mark", () => {
    expect(parseAll(["\uFEFFevent: ping\n\n", "data\n\n", ":\n\n"])).toEqual([{ data: "" }]);
    expect(parseAll(["\uFEFF", "data: x\n\n"])).toEqual([{ data: "x" }]);
  });

  it("flushes an unterminated last event and line, and a held \\r, exactly once", () => {
    const parser = createSseParser();
    expect(parser.feed("event: e\ndata: tail\r")).toEqual([]);
    expect(parser.flush()).toEqual([{ event: "e", data: "tail" }]);
    expect(parser.flush()).toEqual([]);
    expect(parseAll(["data: partial"])).toEqual([{ data: "partial" }]);
  });

  it("does not carry an event name over to the next event", () => {
    expect(parseAll(["event: a\ndata: 1\n\ndata: 2\n\n"])).toEqual([
      { event: "a", data: "1" },
      { data: "2" },
    ]);
  });
});
