import { createOpenAI } from "@ai-sdk/openai";
import { generateText, jsonSchema, stepCountIs, tool } from "ai";
import { afterEach, describe, expect, it } from "vitest";
import {
  type MockOpenAIServer,
  type MockReply,
  startMockOpenAIServer,
} from "../testing/mock-openai-server.ts";
import {
  createResponsesAccumulator,
  responsesInputToMessages,
  responsesOutputToAnswer,
} from "./responses-format.ts";
import { createSseParser } from "./sse-parser.ts";

const servers: MockOpenAIServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function mock(handler: () => MockReply) {
  const server = await startMockOpenAIServer({ handler });
  servers.push(server);
  return server;
}

describe("responsesInputToMessages", () => {
  it("puts instructions first and reads a string input as one user message", () => {
    expect(responsesInputToMessages({ model: "m", instructions: "Be brief.", input: "2+2?" })).toEqual({
      ok: true,
      value: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "2+2?" },
      ],
    });
  });

  it("reads message items, function calls into their assistant turn, and their outputs", () => {
    const result = responsesInputToMessages({
      input: [
        { role: "developer", content: "Use tools." },
        {
          type: "message",
          role: "user",
          content: [
            { type: "input_text", text: "Look at " },
            { type: "input_image", image_url: "data:image/png;base64,AAAA" },
          ],
        },
        { type: "message", role: "assistant", content: [{ type: "output_text", text: "Let me look." }] },
        { type: "function_call", call_id: "call_a", name: "zoom", arguments: '{"level":2}' },
        { type: "function_call", call_id: "call_b", name: "crop", arguments: "{broken" },
        { type: "function_call_output", call_id: "call_a", output: "zoomed" },
        {
          type: "function_call_output",
          call_id: "call_b",
          output: [{ type: "input_text", text: "cropped" }],
        },
        { type: "function_call", call_id: "call_c", name: "save", arguments: "" },
        { type: "function_call_output", call_id: "call_c", output: "saved" },
        { role: "assistant", content: [{ type: "refusal", refusal: "No more." }] },
      ],
    });
    expect(result).toEqual({
      ok: true,
      value: [
        { role: "system", content: "Use tools." },
        { role: "user", content: "Look at [input_image part]" },
        {
          role: "assistant",
          content: "Let me look.",
          toolCalls: [
            { id: "call_a", name: "zoom", arguments: { level: 2 } },
            { id: "call_b", name: "crop", arguments: "{broken" },
          ],
        },
        { role: "tool", toolCallId: "call_a", toolName: "zoom", content: "zoomed" },
        { role: "tool", toolCallId: "call_b", toolName: "crop", content: "cropped" },
        { role: "assistant", content: "", toolCalls: [{ id: "call_c", name: "save", arguments: {} }] },
        { role: "tool", toolCallId: "call_c", toolName: "save", content: "saved" },
        { role: "assistant", content: "No more." },
      ],
    });
  });

  it("keeps unknown items, roles and stored context as notes instead of dropping them", () => {
    const result = responsesInputToMessages({
      previous_response_id: "resp_0",
      input: [
        { type: "item_reference", id: "msg_9" },
        { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "thought" }] },
        { role: "critic", content: "hmm" },
        { type: "function_call_output", call_id: "call_x", output: "orphan" },
      ],
    });
    expect(result.ok && result.value).toEqual([
      {
        role: "system",
        content: "[continues the stored response resp_0, whose earlier turns are not shown]",
      },
      {
        role: "system",
        content: expect.stringMatching(/^\[input item "item_reference" not shown as text: .*msg_9/),
      },
      { role: "system", content: expect.stringContaining('"thought"') },
      { role: "system", content: expect.stringContaining('[message with role "critic"') },
      { role: "tool", toolCallId: "call_x", toolName: "unknown", content: "orphan" },
    ]);
  });

  it("fails on bodies it cannot read", () => {
    expect(responsesInputToMessages(null)).toEqual({
      ok: false,
      error: "the request body is not a JSON object",
    });
    expect(responsesInputToMessages({ input: 5 })).toEqual({
      ok: false,
      error: "`input` is neither a string nor an array of items",
    });
    expect(responsesInputToMessages({ input: ["x"] })).toEqual({
      ok: false,
      error: "input[0] is not an object",
    });
  });

  it("reads the AI SDK's own follow-up request after a tool call, expanding its item reference", async () => {
    const server = await mock(() => ({
      text: "Let me add.",
      toolCalls: [{ name: "add", arguments: { a: 2, b: 2 }, id: "call_add" }],
    }));
    const model = createOpenAI({ baseURL: server.url, apiKey: "k" }).responses("m");
    const add = tool({
      inputSchema: jsonSchema<{ a: number; b: number }>({
        type: "object",
        properties: { a: { type: "number" }, b: { type: "number" } },
      }),
      execute: async ({ a, b }) => String(a + b),
    });
    await generateText({
      model,
      system: "Use the tool.",
      prompt: "2+2?",
      tools: { add },
      stopWhen: stepCountIs(2),
      maxRetries: 0,
    });
    const followUp = server.requests[1]?.body;
    // the SDK refers to the stored assistant message by id (it assumes `store: true`), repeating the call
    expect(followUp.input).toContainEqual({ type: "item_reference", id: "msg_mock_1_0" });
    const plain = responsesInputToMessages(followUp);
    expect(plain.ok && plain.value).toEqual([
      { role: "system", content: "Use the tool." },
      { role: "user", content: "2+2?" },
      { role: "system", content: expect.stringContaining('[input item "item_reference"') },
      {
        role: "assistant",
        content: "",
        toolCalls: [{ id: "call_add", name: "add", arguments: { a: 2, b: 2 } }],
      },
      { role: "tool", toolCallId: "call_add", toolName: "add", content: "4" },
    ]);

    // with the first response's output items at hand, the reference becomes the assistant's text
    const again = await fetch(`${server.url}/responses`, {
      method: "POST",
      body: '{"model":"m","input":"2+2?"}',
    });
    const [message] = ((await again.json()) as { output: unknown[] }).output;
    const expanded = responsesInputToMessages(followUp, {
      lookupItem: (id) => (id === "msg_mock_1_0" ? message : undefined),
    });
    expect(expanded.ok && expanded.value.slice(2)).toEqual([
      {
        role: "assistant",
        content: "Let me add.",
        toolCalls: [{ id: "call_add", name: "add", arguments: { a: 2, b: 2 } }],
      },
      { role: "tool", toolCallId: "call_add", toolName: "add", content: "4" },
    ]);
  });
});

describe("responsesOutputToAnswer", () => {
  it("reads the mock's response: text, tool calls, status and usage", async () => {
    const server = await mock(() => ({
      text: "Two.",
      reasoning: "counting",
      toolCalls: [{ name: "log", arguments: { n: 2 } }],
      usage: { promptTokens: 4, completionTokens: 6 },
    }));
    const res = await fetch(`${server.url}/responses`, { method: "POST", body: '{"model":"m","input":"?"}' });
    expect(responsesOutputToAnswer(await res.json())).toEqual({
      text: "Two.",
      toolCalls: [{ id: "call_1", name: "log", arguments: { n: 2 } }],
      status: "completed",
      finishReason: "completed",
      usage: { inputTokens: 4, outputTokens: 6, reasoningTokens: 0 },
    });
  });

  it("joins message parts and refusals, reads incomplete responses, and junk as empty", () => {
    const answer = responsesOutputToAnswer({
      status: "incomplete",
      incomplete_details: { reason: "max_output_tokens" },
      output: [
        {
          type: "message",
          role: "assistant",
          content: [
            { type: "output_text", text: "a" },
            { type: "refusal", refusal: "b" },
          ],
        },
        { type: "web_search_call", id: "ws", status: "completed" },
        { type: "message", role: "assistant", content: [{ type: "output_text", text: "c" }] },
      ],
    });
    expect(answer).toMatchObject({
      text: "abc",
      toolCalls: [],
      status: "incomplete",
      finishReason: "max_output_tokens",
    });
    expect(responsesOutputToAnswer({ output_text: "convenience" }).text).toBe("convenience");
    for (const junk of [undefined, 3, [], { output: "x" }, { output: [null, 1] }]) {
      expect(responsesOutputToAnswer(junk)).toEqual({
        text: "",
        toolCalls: [],
        status: null,
        finishReason: null,
        usage: null,
      });
    }
  });
});

const ev = (type: string, fields: Record<string, unknown> = {}) => ({
  event: type,
  data: JSON.stringify({ type, ...fields }),
});

describe("createResponsesAccumulator", () => {
  it("joins text deltas and argument fragments and finishes at response.completed", () => {
    const acc = createResponsesAccumulator();
    acc.push(ev("response.created", { response: { id: "resp_1", status: "in_progress", output: [] } }));
    expect(acc).toMatchObject({ responseId: "resp_1", status: "in_progress", done: false });
    acc.push(
      ev("response.output_item.added", { output_index: 0, item: { type: "message", id: "m1", content: [] } }),
    );
    acc.push(
      ev("response.content_part.added", {
        item_id: "m1",
        output_index: 0,
        content_index: 0,
        part: { type: "output_text", text: "" },
      }),
    );
    acc.push(
      ev("response.output_text.delta", { item_id: "m1", output_index: 0, content_index: 0, delta: "Hel" }),
    );
    acc.push(
      ev("response.output_text.delta", { item_id: "m1", output_index: 0, content_index: 0, delta: "lo" }),
    );
    acc.push(
      ev("response.output_item.added", {
        output_index: 1,
        item: { type: "function_call", id: "fc1", call_id: "call_1", name: "go", arguments: "" },
      }),
    );
    acc.push(
      ev("response.function_call_arguments.delta", { item_id: "fc1", output_index: 1, delta: '{"to' }),
    );
    acc.push(
      ev("response.function_call_arguments.delta", { item_id: "fc1", output_index: 1, delta: '":"x"}' }),
    );
    expect(acc.answer).toEqual({
      text: "Hello",
      toolCalls: [{ id: "call_1", name: "go", arguments: { to: "x" } }],
    });
    acc.push(
      ev("response.completed", {
        response: {
          id: "resp_1",
          status: "completed",
          output: [],
          usage: { input_tokens: 3, output_tokens: 5, output_tokens_details: { reasoning_tokens: 1 } },
        },
      }),
    );
    expect(acc).toMatchObject({
      done: true,
      failed: false,
      status: "completed",
      finishReason: "completed",
      malformed: 0,
    });
    expect(acc.usage).toEqual({ inputTokens: 3, outputTokens: 5, reasoningTokens: 1 });
    expect(acc.answer.text).toBe("Hello");
  });

  it("lets done events and the final response output replace what the deltas built", () => {
    const acc = createResponsesAccumulator();
    acc.push(
      ev("response.output_text.delta", { item_id: "m1", output_index: 0, content_index: 0, delta: "draft" }),
    );
    acc.push(
      ev("response.output_text.done", { item_id: "m1", output_index: 0, content_index: 0, text: "final" }),
    );
    expect(acc.answer.text).toBe("final");
    acc.push(
      ev("response.completed", {
        response: {
          status: "completed",
          output: [{ type: "message", id: "m1", content: [{ type: "output_text", text: "from output" }] }],
        },
      }),
    );
    expect(acc.answer.text).toBe("from output");
  });

  it("places events that carry only an item_id, and reads the type from the event name or the data", () => {
    const acc = createResponsesAccumulator();
    acc.push(ev("response.output_text.delta", { item_id: "m1", delta: "a" }));
    acc.push(ev("response.function_call_arguments.delta", { item_id: "fc1", delta: "{}" }));
    acc.push(ev("response.output_text.delta", { item_id: "m1", delta: "b" }));
    acc.push({ event: "response.output_text.delta", data: JSON.stringify({ item_id: "m1", delta: "c" }) });
    acc.push(JSON.stringify({ type: "response.output_text.delta", item_id: "m1", delta: "d" }));
    expect(acc.answer).toEqual({ text: "abcd", toolCalls: [{ id: "fc1", name: "", arguments: {} }] });
  });

  it("skips and counts malformed data, never throwing; [DONE] is not malformed", () => {
    const acc = createResponsesAccumulator();
    acc.push({ data: "{oops" });
    acc.push({ event: "response.output_text.delta", data: "[1,2]" });
    acc.push({ data: "[DONE]" });
    acc.push(ev("response.output_text.delta", { output_index: 0, delta: "fine" }));
    expect(acc.malformed).toBe(2);
    expect(acc.answer.text).toBe("fine");
    expect(acc.done).toBe(false);
  });

  it("marks response.failed, error events and incomplete responses", () => {
    const failed = createResponsesAccumulator();
    failed.push(
      ev("response.failed", {
        response: { id: "r", status: "failed", error: { code: "x", message: "server broke" } },
      }),
    );
    expect(failed).toMatchObject({
      done: true,
      failed: true,
      status: "failed",
      error: "server broke",
      responseId: "r",
    });

    const errored = createResponsesAccumulator();
    errored.push(ev("response.output_text.delta", { output_index: 0, delta: "par" }));
    errored.push(ev("error", { code: "rate_limit", message: "slow down", param: null }));
    expect(errored).toMatchObject({ done: true, failed: true, error: "slow down", finishReason: "error" });
    expect(errored.answer.text).toBe("par");

    const incomplete = createResponsesAccumulator();
    incomplete.push(
      ev("response.incomplete", { response: { incomplete_details: { reason: "max_output_tokens" } } }),
    );
    expect(incomplete).toMatchObject({
      done: true,
      failed: false,
      status: "incomplete",
      finishReason: "max_output_tokens",
    });
  });

  it("reassembles the mock server's stream read in byte chunks split anywhere", async () => {
    const server = await mock(() => ({
      text: "Grüße aus Zürich 🙂 und mehr",
      reasoning: "denke nach",
      toolCalls: [{ name: "send", arguments: { to: "Müller", note: "ß🙂" } }],
      usage: { promptTokens: 3, completionTokens: 8 },
    }));
    const res = await fetch(`${server.url}/responses`, {
      method: "POST",
      body: JSON.stringify({ model: "m", input: "x", stream: true }),
    });
    const bytes = new Uint8Array(await res.arrayBuffer());
    for (const size of [1, 2, 3, 5, 64, bytes.length]) {
      const decoder = new TextDecoder();
      const parser = createSseParser();
      const acc = createResponsesAccumulator();
      for (let at = 0; at < bytes.length; at += size) {
        for (const event of parser.feed(decoder.decode(bytes.slice(at, at + size), { stream: true })))
          acc.push(event);
      }
      for (const event of [...parser.feed(decoder.decode()), ...parser.flush()]) acc.push(event);
      expect(acc.answer).toEqual({
        text: "Grüße aus Zürich 🙂 und mehr",
        toolCalls: [{ id: "call_1", name: "send", arguments: { to: "Müller", note: "ß🙂" } }],
      });
      expect(acc).toMatchObject({ done: true, failed: false, responseId: "resp_mock_1", malformed: 0 });
      expect(acc.usage).toEqual({ inputTokens: 3, outputTokens: 8, reasoningTokens: 0 });
    }
  });

  it("is not done when the stream is cut before response.completed", async () => {
    const server = await mock(() => ({ text: "one two three", cutStreamAfter: 6 }));
    const res = await fetch(`${server.url}/responses`, {
      method: "POST",
      body: JSON.stringify({ model: "m", input: "x", stream: true }),
    });
    const parser = createSseParser();
    const acc = createResponsesAccumulator();
    const decoder = new TextDecoder();
    await expect(
      (async () => {
        for await (const bytes of res.body ?? []) {
          for (const event of parser.feed(decoder.decode(bytes, { stream: true }))) acc.push(event);
        }
      })(),
    ).rejects.toThrow();
    for (const event of parser.flush()) acc.push(event);
    expect(acc.done).toBe(false);
    expect(acc.answer.text).toBe("one two ");
  });
});
