import { createOpenAI } from "@ai-sdk/openai";
import { generateText, jsonSchema, stepCountIs, streamText, tool } from "ai";
import OpenAI from "openai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type MockOpenAIServer, replySequence, startMockOpenAIServer } from "./mock-openai-server.ts";

const servers: MockOpenAIServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: Parameters<typeof startMockOpenAIServer>[0] = {}) {
  const server = await startMockOpenAIServer(options);
  servers.push(server);
  return server;
}

// biome-ignore lint/suspicious/noExplicitAny: the tests index freely into wire JSON.
const json = async (res: Response): Promise<any> => res.json();

const chat = (server: MockOpenAIServer, body: Record<string, unknown>) =>
  fetch(`${server.url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer t" },
    body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hello" }], ...body }),
  });

describe("startMockOpenAIServer", () => {
  it("binds to 127.0.0.1 on an ephemeral port and records requests", async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const res = await chat(server, {});
    const body = await json(res);
    expect(body.choices[0].message).toEqual({ role: "assistant", content: "echo: hello" });
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
    expect(server.requests).toEqual([
      expect.objectContaining({
        method: "POST",
        path: "/v1/chat/completions",
        body: expect.objectContaining({ model: "m" }),
        headers: expect.objectContaining({ authorization: "Bearer t" }),
      }),
    ]);
  });

  it("lists models and answers 404 for unknown routes", async () => {
    const server = await start();
    const models = await json(await fetch(`${server.url}/models`));
    expect(models).toMatchObject({ object: "list", data: [{ id: "mock-model" }] });
    const missing = await fetch(`${server.url}/embeddings`, { method: "POST", body: "{}" });
    expect(missing.status).toBe(404);
    expect((await json(missing)).error.message).toContain("POST /v1/embeddings");
  });

  it("streams SSE chunks, a usage chunk when asked, and [DONE]", async () => {
    const server = await start({
      handler: () => ({ text: "a b c", toolCalls: [{ name: "t", arguments: { x: 1 } }] }),
    });
    const res = await chat(server, { stream: true, stream_options: { include_usage: true } });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const events = (await res.text()).split("\n\n").filter(Boolean);
    expect(events.every((e) => e.startsWith("data: "))).toBe(true);
    expect(events.at(-1)).toBe("data: [DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice(6)));
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    expect(text).toBe("a b c");
    expect(chunks.find((c) => c.choices[0]?.delta.tool_calls)?.choices[0].delta.tool_calls[0]).toMatchObject({
      index: 0,
      id: "call_1",
      function: { name: "t", arguments: '{"x":1}' },
    });
    expect(chunks.at(-2).choices[0].finish_reason).toBe("tool_calls");
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: expect.any(Number) } });

    const noUsage = await (await chat(server, { stream: true })).text();
    expect(noUsage).not.toContain('"usage"');
  });

  it("injects errors with headers and raw bodies", async () => {
    const server = await start({
      handler: replySequence([
        { error: { status: 429, message: "slow", headers: { "retry-after": "3" } } },
        { raw: { status: 502, body: "<html>bad gateway</html>", headers: { "content-type": "text/html" } } },
      ]),
    });
    const limited = await chat(server, {});
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect((await json(limited)).error.message).toBe("slow");
    const raw = await chat(server, {});
    expect(raw.status).toBe(502);
    expect(await raw.text()).toBe("<html>bad gateway</html>");
  });

  it("replySequence fails loudly (HTTP 400) when exhausted, or cycles", async () => {
    const once = await start({ handler: replySequence([{ text: "one" }]) });
    expect((await json(await chat(once, {}))).choices[0].message.content).toBe("one");
    const exhausted = await chat(once, {});
    expect(exhausted.status).toBe(400);
    expect((await json(exhausted)).error.message).toContain("exhausted");

    const cycling = await start({ handler: replySequence([{ text: "a" }, { text: "b" }], { cycle: true }) });
    const texts: string[] = [];
    for (let i = 0; i < 3; i++) texts.push((await json(await chat(cycling, {}))).choices[0].message.content);
    expect(texts).toEqual(["a", "b", "a"]);
  });

  it("answers 400 when the handler throws", async () => {
    const server = await start({
      handler: () => {
        throw new Error("handler bug");
      },
    });
    const res = await chat(server, {});
    expect(res.status).toBe(400);
    expect((await json(res)).error.message).toContain("handler bug");
  });

  it("delays replies by latencyMs", async () => {
    const server = await start({ latencyMs: 50 });
    const t0 = performance.now();
    await json(await chat(server, {}));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45);
  });

  it("closes promptly even with keep-alive connections open", async () => {
    const server = await startMockOpenAIServer();
    await json(await chat(server, {}));
    const t0 = performance.now();
    await server.close();
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

const respond = (server: MockOpenAIServer, body: Record<string, unknown>) =>
  fetch(`${server.url}/responses`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer t" },
    body: JSON.stringify({ model: "m", input: "hello", ...body }),
  });

/** Splits an SSE body into its events, checking each has an `event:` line naming its data's type. */
function sseEvents(text: string) {
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((block) => {
      const [eventLine, dataLine, ...rest] = block.split("\n");
      expect(rest).toEqual([]);
      expect(eventLine).toMatch(/^event: /);
      expect(dataLine).toMatch(/^data: /);
      const data = JSON.parse((dataLine ?? "").slice(6));
      expect(data.type).toBe(eventLine?.slice(7));
      return data;
    });
}

const weather = { name: "get_weather", arguments: { city: "Zürich", days: 3 } };

describe("POST /v1/responses", () => {
  it("answers with a response object: message, function calls and usage", async () => {
    const server = await start({
      handler: () => ({
        text: "Sunny.",
        toolCalls: [weather],
        usage: { promptTokens: 7, completionTokens: 3 },
      }),
    });
    const res = await respond(server, { instructions: "Be brief." });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({
      id: "resp_mock_1",
      object: "response",
      status: "completed",
      model: "m",
      instructions: "Be brief.",
      incomplete_details: null,
      usage: { input_tokens: 7, output_tokens: 3, total_tokens: 10 },
    });
    expect(body.output).toEqual([
      {
        type: "message",
        id: "msg_mock_1_0",
        status: "completed",
        role: "assistant",
        content: [{ type: "output_text", text: "Sunny.", annotations: [], logprobs: [] }],
      },
      {
        type: "function_call",
        id: "fc_mock_1_1",
        call_id: "call_1",
        name: "get_weather",
        arguments: '{"city":"Zürich","days":3}',
        status: "completed",
      },
    ]);
    expect(server.requests[0]).toMatchObject({ path: "/v1/responses", body: { input: "hello" } });
  });

  it("echoes the last user input by default and shares the handler with chat completions", async () => {
    const server = await start();
    const fromString = await json(await respond(server, {}));
    expect(fromString.output[0].content[0].text).toBe("echo: hello");
    const fromItems = await json(
      await respond(server, {
        input: [
          { role: "user", content: "first" },
          { role: "assistant", content: "ok" },
          {
            role: "user",
            content: [
              { type: "input_text", text: "sec" },
              { type: "input_text", text: "ond" },
            ],
          },
        ],
      }),
    );
    expect(fromItems.output[0].content[0].text).toBe("echo: second");
  });

  it("streams the typed events in OpenAI's order, with sequence numbers and usage", async () => {
    const server = await start({
      handler: () => ({ text: "a b", reasoning: "think", toolCalls: [weather] }),
    });
    const res = await respond(server, { stream: true });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const events = sseEvents(await res.text());
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const types = events.map((e) => e.type);
    expect(types.filter((t) => !t.endsWith(".delta"))).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.reasoning_summary_part.added",
      "response.reasoning_summary_text.done",
      "response.reasoning_summary_part.done",
      "response.output_item.done",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.output_item.added",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events[0].response).toMatchObject({ id: "resp_mock_1", status: "in_progress", output: [] });
    const textDeltas = events.filter((e) => e.type === "response.output_text.delta");
    expect(textDeltas.map((e) => e.delta)).toEqual(["a ", "b"]);
    expect(textDeltas[0]).toMatchObject({ item_id: "msg_mock_1_1", output_index: 1, content_index: 0 });
    const argDeltas = events.filter((e) => e.type === "response.function_call_arguments.delta");
    expect(argDeltas.length).toBeGreaterThan(1);
    expect(argDeltas.map((e) => e.delta).join("")).toBe('{"city":"Zürich","days":3}');
    const completed = events.at(-1);
    expect(completed.response.status).toBe("completed");
    expect(completed.response.output.map((item: { type: string }) => item.type)).toEqual([
      "reasoning",
      "message",
      "function_call",
    ]);
    expect(completed.response.usage.total_tokens).toBeGreaterThan(0);
  });

  it("ends a `length` reply as an incomplete response", async () => {
    const server = await start({ handler: () => ({ text: "cut", finishReason: "length" }) });
    const body = await json(await respond(server, {}));
    expect(body).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" } });
    const events = sseEvents(await (await respond(server, { stream: true })).text());
    expect(events.at(-1)).toMatchObject({ type: "response.incomplete", response: { status: "incomplete" } });
  });

  it("injects errors and raw bodies on the responses path too", async () => {
    const server = await start({
      handler: replySequence([
        { error: { status: 500, message: "boom" } },
        { raw: { status: 200, body: "{not json" } },
      ]),
    });
    const failed = await respond(server, {});
    expect(failed.status).toBe(500);
    expect((await json(failed)).error).toMatchObject({ message: "boom", type: "mock_error" });
    expect(await (await respond(server, {})).text()).toBe("{not json");
  });
});

describe("stream faults", () => {
  it("cuts a stream after `cutStreamAfter` events, on both APIs", async () => {
    const server = await start({ handler: () => ({ text: "one two three four", cutStreamAfter: 3 }) });
    const chatRes = await chat(server, { stream: true });
    const chatBody = await readUntilError(chatRes);
    expect(chatBody.error).toBeDefined();
    expect(chatBody.text.split("\n\n").filter(Boolean)).toHaveLength(3);
    expect(chatBody.text).not.toContain("[DONE]");

    const responsesBody = await readUntilError(await respond(server, { stream: true }));
    expect(responsesBody.error).toBeDefined();
    expect(responsesBody.text.split("\n\n").filter(Boolean)).toHaveLength(3);
    expect(responsesBody.text).not.toContain("response.completed");
  });

  it("paces streams with streamIntervalMs and counts clients that go away mid-stream", async () => {
    const server = await start({ streamIntervalMs: 10, handler: () => ({ text: "w ".repeat(30) }) });
    const full = await (await chat(server, { stream: true })).text();
    expect(full.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(server.abortedStreams).toBe(0);

    const controller = new AbortController();
    const aborted = await fetch(`${server.url}/responses`, {
      method: "POST",
      body: JSON.stringify({ model: "m", input: "x", stream: true }),
      signal: controller.signal,
    });
    const reader = aborted.body?.getReader();
    await reader?.read();
    controller.abort();
    await vi.waitFor(() => expect(server.abortedStreams).toBe(1));
  });
});

/** Reads a body to its end or its first error, keeping what arrived. */
async function readUntilError(res: Response): Promise<{ text: string; error?: unknown }> {
  const decoder = new TextDecoder();
  let text = "";
  try {
    for await (const chunk of res.body ?? []) text += decoder.decode(chunk, { stream: true });
    return { text };
  } catch (error) {
    return { text, error };
  }
}

describe("official clients against the mock", () => {
  it("openai: responses.create, JSON and streamed", async () => {
    const server = await start({ handler: () => ({ text: "Hello there, friend.", toolCalls: [weather] }) });
    const client = new OpenAI({ baseURL: server.url, apiKey: "k", maxRetries: 0 });
    const response = await client.responses.create({ model: "m", input: "hi" });
    expect(response.output_text).toBe("Hello there, friend.");
    expect(response.output[1]).toMatchObject({
      type: "function_call",
      call_id: "call_1",
      name: "get_weather",
    });
    expect(response.usage?.total_tokens).toBeGreaterThan(0);

    const stream = await client.responses.create({ model: "m", input: "hi", stream: true });
    let text = "";
    let args = "";
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      if (event.type === "response.output_text.delta") text += event.delta;
      if (event.type === "response.function_call_arguments.delta") args += event.delta;
      if (event.type === "response.completed") completed = event.response;
    }
    expect(text).toBe("Hello there, friend.");
    expect(JSON.parse(args)).toEqual(weather.arguments);
    expect(completed?.status).toBe("completed");
    expect(completed?.usage?.output_tokens).toBeGreaterThan(0);
  });

  it("openai: responses.stream accumulates the events into the final response", async () => {
    // the SDK's accumulator checks every event against the snapshot, so this fails on any misshapen event
    const server = await start({
      handler: () => ({ text: "Done it.", reasoning: "hmm", toolCalls: [weather] }),
    });
    const client = new OpenAI({ baseURL: server.url, apiKey: "k", maxRetries: 0 });
    const final = await client.responses.stream({ model: "m", input: "hi" }).finalResponse();
    expect(final.output_text).toBe("Done it.");
    expect(final.output.map((item) => item.type)).toEqual(["reasoning", "message", "function_call"]);
    expect(final.output[2]).toMatchObject({ arguments: JSON.stringify(weather.arguments) });
  });

  it("openai: errors from the responses path become APIErrors with the status", async () => {
    const server = await start({ handler: () => ({ error: { status: 400, message: "bad input" } }) });
    const client = new OpenAI({ baseURL: server.url, apiKey: "k", maxRetries: 0 });
    await expect(client.responses.create({ model: "m", input: "hi" })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("bad input"),
    });
  });

  it("AI SDK: generateText and streamText over responses", async () => {
    const server = await start({
      handler: () => ({
        text: "The answer is 4.",
        reasoning: "2+2",
        usage: { promptTokens: 9, completionTokens: 5 },
      }),
    });
    const model = createOpenAI({ baseURL: server.url, apiKey: "k" }).responses("m");
    const generated = await generateText({ model, prompt: "2+2?", system: "Be exact.", maxRetries: 0 });
    expect(generated.text).toBe("The answer is 4.");
    expect(generated.reasoningText).toBe("2+2");
    expect(generated.finishReason).toBe("stop");
    expect(generated.usage).toMatchObject({ inputTokens: 9, outputTokens: 5 });
    expect(server.requests[0]?.body).toMatchObject({
      model: "m",
      input: [{ role: "system" }, { role: "user" }],
    });

    const streamed = streamText({ model, prompt: "2+2?", maxRetries: 0 });
    let text = "";
    for await (const delta of streamed.textStream) text += delta;
    expect(text).toBe("The answer is 4.");
    expect(await streamed.finishReason).toBe("stop");
    expect(await streamed.usage).toMatchObject({ inputTokens: 9, outputTokens: 5 });
    expect(server.requests[1]?.body.stream).toBe(true);
  });

  it("AI SDK: tool calls over responses, generated and streamed, and the follow-up step", async () => {
    const server = await start({
      handler: (request) => {
        const items: Array<{ type?: string }> = request.body.input;
        return items.some((item) => item.type === "function_call_output")
          ? { text: "It is sunny." }
          : { toolCalls: [{ ...weather, id: "call_w" }] };
      },
    });
    const model = createOpenAI({ baseURL: server.url, apiKey: "k" }).responses("m");
    const tools = {
      get_weather: tool({
        description: "Weather for a city",
        inputSchema: jsonSchema<{ city: string; days: number }>({
          type: "object",
          properties: { city: { type: "string" }, days: { type: "number" } },
          required: ["city", "days"],
        }),
        execute: async ({ city }) => `sunny in ${city}`,
      }),
    };
    const generated = await generateText({
      model,
      prompt: "Weather?",
      tools,
      stopWhen: stepCountIs(2),
      maxRetries: 0,
    });
    expect(generated.steps[0]?.toolCalls).toEqual([
      expect.objectContaining({ toolCallId: "call_w", toolName: "get_weather", input: weather.arguments }),
    ]);
    expect(generated.steps[0]?.finishReason).toBe("tool-calls");
    expect(generated.text).toBe("It is sunny.");
    const followUp = server.requests[1]?.body.input;
    expect(followUp).toContainEqual(
      expect.objectContaining({ type: "function_call_output", call_id: "call_w", output: "sunny in Zürich" }),
    );

    const streamed = streamText({ model, prompt: "Weather?", tools, maxRetries: 0 });
    const calls = await streamed.toolCalls;
    expect(calls).toEqual([expect.objectContaining({ toolCallId: "call_w", input: weather.arguments })]);
    expect(await streamed.finishReason).toBe("tool-calls");
  });

  it("AI SDK: an incomplete response finishes with `length`", async () => {
    const server = await start({ handler: () => ({ text: "trunc", finishReason: "length" }) });
    const model = createOpenAI({ baseURL: server.url, apiKey: "k" }).responses("m");
    expect((await generateText({ model, prompt: "x", maxRetries: 0 })).finishReason).toBe("length");
    const streamed = streamText({ model, prompt: "x", maxRetries: 0 });
    expect(await streamed.text).toBe("trunc");
    expect(await streamed.finishReason).toBe("length");
  });
});
