import { describe, expect, it } from "vitest";
import { startMockOpenAIServer } from "../testing/mock-openai-server.ts";
import { chatCompletionToAnswer, chatRequestToMessages, createChatAccumulator } from "./chat-format.ts";
import { createSseParser } from "./sse-parser.ts";

describe("chatRequestToMessages", () => {
  it("converts every role, content parts, tool calls and tool results", () => {
    const result = chatRequestToMessages({
      model: "m",
      messages: [
        { role: "developer", content: "Be careful." },
        { role: "system", content: [{ type: "text", text: "Sys" }] },
        {
          role: "user",
          content: [
            { type: "text", text: "What is in " },
            { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } },
            { type: "text", text: "?" },
          ],
        },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "call_a", type: "function", function: { name: "look", arguments: '{"zoom":2}' } },
            { id: "call_b", type: "function", function: { name: "raw", arguments: "{not json" } },
          ],
        },
        { role: "tool", tool_call_id: "call_a", content: "a cat" },
        { role: "tool", tool_call_id: "call_b", content: [{ type: "text", text: "b" }] },
        { role: "assistant", content: "A cat.", reasoning_content: "looked" },
        { role: "assistant", content: null, refusal: "I can't." },
      ],
    });
    expect(result).toEqual({
      ok: true,
      value: [
        { role: "system", content: "Be careful." },
        { role: "system", content: "Sys" },
        { role: "user", content: "What is in [image_url part]?" },
        {
          role: "assistant",
          content: "",
          toolCalls: [
            { id: "call_a", name: "look", arguments: { zoom: 2 } },
            { id: "call_b", name: "raw", arguments: "{not json" },
          ],
        },
        { role: "tool", toolCallId: "call_a", toolName: "look", content: "a cat" },
        { role: "tool", toolCallId: "call_b", toolName: "raw", content: "b" },
        { role: "assistant", content: "A cat.", reasoning: "looked" },
        { role: "assistant", content: "I can't." },
      ],
    });
  });

  it("reads the legacy function_call and function messages", () => {
    const result = chatRequestToMessages({
      messages: [
        { role: "assistant", content: null, function_call: { name: "f", arguments: "" } },
        { role: "function", name: "f", content: "out" },
      ],
    });
    expect(result).toEqual({
      ok: true,
      value: [
        { role: "assistant", content: "", toolCalls: [{ id: "f", name: "f", arguments: {} }] },
        { role: "tool", toolCallId: "f", toolName: "f", content: "out" },
      ],
    });
  });

  it("keeps an unknown role as a note and names an unmatched tool result `unknown`", () => {
    const result = chatRequestToMessages({
      messages: [
        { role: "critic", content: "hmm" },
        { role: "tool", tool_call_id: "nope", content: "x" },
      ],
    });
    expect(result.ok && result.value).toEqual([
      {
        role: "system",
        content: expect.stringMatching(/^\[message with role "critic" not shown as text: .*hmm/),
      },
      { role: "tool", toolCallId: "nope", toolName: "unknown", content: "x" },
    ]);
  });

  it("fails on bodies it cannot read", () => {
    expect(chatRequestToMessages("text")).toEqual({
      ok: false,
      error: "the request body is not a JSON object",
    });
    expect(chatRequestToMessages({ model: "m" })).toEqual({
      ok: false,
      error: "the request has no `messages` array",
    });
    expect(chatRequestToMessages({ messages: [{ role: "user", content: "a" }, 3] })).toEqual({
      ok: false,
      error: "messages[1] is not an object",
    });
  });
});

describe("chatCompletionToAnswer", () => {
  it("reads text, tool calls, finish reason and usage", () => {
    const answer = chatCompletionToAnswer({
      id: "c1",
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: "Checking.",
            tool_calls: [{ id: "call_1", type: "function", function: { name: "t", arguments: '{"x":1}' } }],
          },
          finish_reason: "tool_calls",
        },
      ],
      usage: {
        prompt_tokens: 10,
        completion_tokens: 4,
        total_tokens: 14,
        completion_tokens_details: { reasoning_tokens: 2 },
      },
    });
    expect(answer).toEqual({
      text: "Checking.",
      toolCalls: [{ id: "call_1", name: "t", arguments: { x: 1 } }],
      finishReason: "tool_calls",
      usage: { inputTokens: 10, outputTokens: 4, reasoningTokens: 2 },
    });
  });

  it("uses the refusal when there is no text, and reads junk as empty", () => {
    expect(
      chatCompletionToAnswer({
        choices: [{ message: { content: null, refusal: "No." }, finish_reason: "stop" }],
      }),
    ).toMatchObject({ text: "No.", finishReason: "stop", usage: null });
    for (const junk of [null, "x", [], { choices: "no" }, { choices: [null] }]) {
      expect(chatCompletionToAnswer(junk)).toEqual({
        text: "",
        toolCalls: [],
        finishReason: null,
        usage: null,
      });
    }
  });
});

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  JSON.stringify({
    id: "c",
    object: "chat.completion.chunk",
    choices: [{ index: 0, delta, finish_reason: finish }],
  });

describe("createChatAccumulator", () => {
  it("joins content deltas and tool-call argument fragments across chunks", () => {
    const acc = createChatAccumulator();
    acc.push(chunk({ role: "assistant", content: "" }));
    acc.push(chunk({ content: "Let me " }));
    acc.push(chunk({ content: "check." }));
    acc.push(
      chunk({
        tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "get", arguments: "" } }],
      }),
    );
    acc.push(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"ci' } }] }));
    acc.push(
      chunk({ tool_calls: [{ index: 1, id: "call_b", function: { name: "other", arguments: "{}" } }] }),
    );
    acc.push(chunk({ tool_calls: [{ index: 0, function: { arguments: 'ty":"Bern"}' } }] }));
    expect(acc.done).toBe(false);
    acc.push(chunk({}, "tool_calls"));
    acc.push(JSON.stringify({ id: "c", choices: [], usage: { prompt_tokens: 5, completion_tokens: 9 } }));
    acc.push("[DONE]");
    expect(acc.answer).toEqual({
      text: "Let me check.",
      toolCalls: [
        { id: "call_a", name: "get", arguments: { city: "Bern" } },
        { id: "call_b", name: "other", arguments: {} },
      ],
    });
    expect(acc.finishReason).toBe("tool_calls");
    expect(acc.usage).toEqual({ inputTokens: 5, outputTokens: 9 });
    expect(acc.done).toBe(true);
    expect(acc.malformed).toBe(0);
    expect(acc.error).toBeNull();
  });

  it("skips and counts malformed lines, never throwing", () => {
    const acc = createChatAccumulator();
    acc.push("{not json");
    acc.push(chunk({ content: "ok" }));
    acc.push("42");
    acc.push("");
    expect(acc.malformed).toBe(3);
    expect(acc.answer.text).toBe("ok");
    expect(acc.done).toBe(false);
  });

  it("records an error chunk and keeps the partial answer", () => {
    const acc = createChatAccumulator();
    acc.push(chunk({ content: "par" }));
    acc.push(JSON.stringify({ error: { message: "overloaded", type: "server_error" } }));
    expect(acc.error).toBe("overloaded");
    expect(acc.answer.text).toBe("par");
    expect(acc.done).toBe(false);
  });

  it("ignores choices other than the first and keeps unparsable arguments as text", () => {
    const acc = createChatAccumulator();
    acc.push(JSON.stringify({ choices: [{ index: 1, delta: { content: "other" }, finish_reason: null }] }));
    acc.push(chunk({ tool_calls: [{ index: 0, id: "c1", function: { name: "f", arguments: "{oops" } }] }));
    expect(acc.answer).toEqual({ text: "", toolCalls: [{ id: "c1", name: "f", arguments: "{oops" }] });
  });

  it("reassembles the mock server's stream read in byte chunks split anywhere", async () => {
    const server = await startMockOpenAIServer({
      handler: () => ({
        text: "Grüße aus Zürich 🙂 und mehr",
        toolCalls: [{ name: "send", arguments: { to: "Müller", n: 2 } }],
        usage: { promptTokens: 3, completionTokens: 8 },
      }),
    });
    try {
      const res = await fetch(`${server.url}/chat/completions`, {
        method: "POST",
        body: JSON.stringify({
          model: "m",
          messages: [],
          stream: true,
          stream_options: { include_usage: true },
        }),
      });
      const bytes = new Uint8Array(await res.arrayBuffer());
      for (const size of [1, 2, 3, 7, 64, bytes.length]) {
        const decoder = new TextDecoder();
        const parser = createSseParser();
        const acc = createChatAccumulator();
        for (let at = 0; at < bytes.length; at += size) {
          for (const event of parser.feed(decoder.decode(bytes.slice(at, at + size), { stream: true }))) {
            acc.push(event.data);
          }
        }
        for (const event of [...parser.feed(decoder.decode()), ...parser.flush()]) acc.push(event.data);
        expect(acc.answer).toEqual({
          text: "Grüße aus Zürich 🙂 und mehr",
          toolCalls: [{ id: "call_1", name: "send", arguments: { to: "Müller", n: 2 } }],
        });
        expect(acc).toMatchObject({ done: true, finishReason: "tool_calls", malformed: 0 });
        expect(acc.usage).toEqual({ inputTokens: 3, outputTokens: 8 });
      }
    } finally {
      await server.close();
    }
  });
});
