import { describe, expect, it } from "vitest";
import { presentedToken, tokenMatches } from "./check-token.ts";
import { responseOfQuery, stripTrailingSpecialTokens } from "./engine-label.ts";
import { responsesOutputText } from "./responses-output-text.ts";
import { createSemaphore } from "./semaphore.ts";

describe("responseOfQuery", () => {
  it("strips the prompt prefix, else cuts after the prompt's last 200 characters, else null", () => {
    expect(responseOfQuery("PROMPT answer", "PROMPT ")).toBe("answer");
    const prompt = `${"p".repeat(250)}TAIL:`;
    // the first 50 characters differ (a re-tokenised BOS, say); the last 200 are found
    expect(responseOfQuery(`<s>${"q".repeat(50)}${prompt.slice(50)} the answer`, prompt)).toBe(" the answer");
    expect(responseOfQuery("nothing like it", prompt)).toBeNull();
  });
});

describe("stripTrailingSpecialTokens", () => {
  it("drops end-of-turn tokens after the response and nothing else", () => {
    expect(stripTrailingSpecialTokens("Done.<|im_end|>\n<|endoftext|>")).toBe("Done.");
    expect(stripTrailingSpecialTokens("Done.</s>")).toBe("Done.");
    expect(stripTrailingSpecialTokens("a <|im_end|> b")).toBe("a <|im_end|> b");
  });
});

describe("tokens", () => {
  it("compares tokens of any length; reads the header first, then ?token=", () => {
    expect(tokenMatches("abc", "abc")).toBe(true);
    expect(tokenMatches("abc", "abcd")).toBe(false);
    expect(presentedToken("Bearer  t1 ", "t2")).toBe("t1");
    expect(presentedToken("Basic t1", "t2")).toBe("t2");
    expect(presentedToken(undefined, "")).toBeUndefined();
  });
});

describe("responsesOutputText", () => {
  it("joins output_text parts of message items, skipping reasoning and tool calls", () => {
    const text = responsesOutputText([
      { type: "reasoning", summary: [{ type: "summary_text", text: "z" }] },
      { type: "function_call", name: "browse", arguments: "{}" },
      {
        type: "message",
        content: [
          { type: "output_text", text: "a" },
          { type: "refusal", refusal: "r" },
        ],
      },
      {
        type: "message",
        content: [
          { type: "output_text", text: "b" },
          { type: "output_text", text: "c" },
        ],
      },
    ]);
    expect(text).toBe("a\nbc");
  });
});

describe("createSemaphore", () => {
  it("runs at most `limit` jobs at once, in arrival order, and frees a slot when a job throws", async () => {
    const gate = createSemaphore(2);
    const releases: Array<() => void> = [];
    const started: number[] = [];
    const job = (i: number) => () =>
      new Promise<number>((resolve) => {
        started.push(i);
        releases.push(() => resolve(i));
      });
    const runs = [0, 1, 2, 3].map((i) => gate.run(job(i)));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(gate.waiting).toBe(2);
    releases[0]?.();
    await runs[0];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    const thrower = gate
      .run(() => {
        throw new Error("boom");
      })
      .then(
        () => "resolved",
        (error: Error) => error.message,
      );
    releases[1]?.();
    releases[2]?.();
    await Promise.all(runs.slice(0, 3));
    await new Promise((resolve) => setImmediate(resolve));
    releases[3]?.();
    expect(await runs[3]).toBe(3);
    expect(await thrower).toBe("boom");
    expect(gate.active).toBe(0);
  });

  it("a waiting job whose signal aborts is never started", async () => {
    const gate = createSemaphore(1);
    let release = () => {};
    const first = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
    const controller = new AbortController();
    let ran = false;
    const second = gate.run(async () => {
      ran = true;
    }, controller.signal);
    controller.abort(new Error("too late"));
    await expect(second).rejects.toThrow("too late");
    release();
    await first;
    expect(ran).toBe(false);
    expect(gate.waiting).toBe(0);
  });
});
