/** One server-sent event: its `event:` name when it had one, and its `data:` lines joined by newlines. */
export interface SseEvent {
  event?: string;
  data: string;
}

/** An incremental server-sent-events reader; see {@link createSseParser}. */
export interface SseParser {
  /** Reads more of the stream and returns the events it completed (possibly none). */
  feed(chunk: string): SseEvent[];
  /** At the end of the stream: the last event, when the stream ended without its blank line. */
  flush(): SseEvent[];
}

/**
 * A minimal server-sent-events parser for text that arrives in arbitrary pieces: a line or an event may
 * be split anywhere across `feed` calls, lines may end in `\n`, `\r\n` or `\r`. It follows the SSE rules
 * the OpenAI streams use: `data:` lines join with `\n`, one space after the colon is dropped, `:` lines
 * are comments, `id:` and `retry:` are ignored, and a blank line ends an event (one with no data is not
 * reported). Feed it decoded text: a `TextDecoder` with `{ stream: true }` keeps multi-byte characters
 * that straddle network chunks whole.
 *
 * @example
 * const parser = createSseParser();
 * const decoder = new TextDecoder();
 * for await (const bytes of body) {
 *   for (const { event, data } of parser.feed(decoder.decode(bytes, { stream: true }))) handle(event, data);
 * }
 * for (const { event, data } of parser.feed(decoder.decode()).concat(parser.flush())) handle(event, data);
 */
export function createSseParser(): SseParser {
  let pending = "";
  // How far into `pending` has been searched for a line end, so a long line is not rescanned per chunk.
  let scanned = 0;
  let started = false;
  let dataLines: string[] = [];
  let eventName: string | undefined;

  const dispatch = (out: SseEvent[]) => {
    if (dataLines.length > 0) {
      out.push(
        eventName === undefined
          ? { data: dataLines.join("\n") }
          : { event: eventName, data: dataLines.join("\n") },
      );
    }
    dataLines = [];
    eventName = undefined;
  };

  const line = (text: string, out: SseEvent[]) => {
    if (text === "") {
      dispatch(out);
      return;
    }
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") dataLines.push(value);
    else if (field === "event") eventName = value;
  };

  return {
    feed(chunk) {
      pending += chunk;
      if (!started && pending.length > 0) {
        started = true;
        if (pending.startsWith("\uFEFF")) pending = pending.slice(1);
      }
      const out: SseEvent[] = [];
      let start = 0;
      for (let i = scanned; i < pending.length; i++) {
        const c = pending[i];
        if (c !== "\n" && c !== "\r") continue;
        // A `\r` as the last character may be the first half of `\r\n`: wait for the next chunk.
        if (c === "\r" && i === pending.length - 1) break;
        line(pending.slice(start, i), out);
        if (c === "\r" && pending[i + 1] === "\n") i++;
        start = i + 1;
      }
      pending = pending.slice(start);
      // a held `\r` is looked at again with what follows it
      scanned = pending.endsWith("\r") ? pending.length - 1 : pending.length;
      return out;
    },
    flush() {
      const out: SseEvent[] = [];
      // The stream is over: a held `\r` ends its line, and an unterminated line or event still counts.
      const rest = pending.endsWith("\r") ? pending.slice(0, -1) : pending;
      pending = "";
      scanned = 0;
      if (rest !== "") line(rest, out);
      dispatch(out);
      return out;
    },
  };
}
