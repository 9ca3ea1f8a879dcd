import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { ConfessError, UsageError } from "../errors/confess-error.ts";
import {
  type MockHandler,
  type MockOpenAIServer,
  replySequence,
  startMockOpenAIServer,
} from "../testing/mock-openai-server.ts";
import { createAiSdkModel, toProviderPrompt } from "./ai-sdk-model.ts";
import type { Message, ToolDefinition } from "./messages.ts";
import { withRetry } from "./with-retry.ts";

const servers: MockOpenAIServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function mock(handler?: MockHandler): Promise<MockOpenAIServer> {
  const server = await startMockOpenAIServer(handler ? { handler } : {});
  servers.push(server);
  return server;
}

function compatModel(server: MockOpenAIServer, extra: { stream?: boolean; structuredOutput?: boolean } = {}) {
  return createAiSdkModel({ spec: "openai-compatible:mock-model", baseUrl: server.url, env: {}, ...extra });
}

const user = (content: string): Message => ({ role: "user", content });

const calculator: ToolDefinition = {
  name: "calculator",
  description: "Evaluates an arithmetic expression.",
  parameters: {
    type: "object",
    properties: { expression: { type: "string" } },
    required: ["expression"],
    additionalProperties: false,
  },
};

describe("createAiSdkModel over HTTP (openai-compatible)", () => {
  it("returns text, usage, finish reason and the response model", async () => {
    const server = await mock(() => ({
      text: "The answer is 4.",
      usage: { promptTokens: 11, completionTokens: 5 },
    }));
    const res = await compatModel(server).generate({ messages: [user("2+2?")], temperature: 0 });

    expect(res).toMatchObject({
      text: "The answer is 4.",
      toolCalls: [],
      finishReason: "stop",
      usage: { inputTokens: 11, outputTokens: 5 },
      responseModel: "mock-model",
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.path).toBe("/v1/chat/completions");
    expect(server.requests[0]?.body).toMatchObject({
      model: "mock-model",
      temperature: 0,
      messages: [{ role: "user", content: "2+2?" }],
    });
    expect(server.requests[0]?.body.stream).toBeFalsy();
  });

  it("maps a length finish reason", async () => {
    const server = await mock(() => ({ text: "The answer", finishReason: "length" }));
    const res = await compatModel(server).generate({ messages: [user("long?")], maxOutputTokens: 2 });
    expect(res.finishReason).toBe("length");
    expect(server.requests[0]?.body.max_tokens).toBe(2);
  });

  it("streams text, reasoning, usage and finish reason", async () => {
    const server = await mock(() => ({
      text: "Streaming works across several words.",
      reasoning: "think first",
      usage: { promptTokens: 7, completionTokens: 9 },
    }));
    const res = await compatModel(server, { stream: true }).generate({ messages: [user("stream?")] });

    expect(res.text).toBe("Streaming works across several words.");
    expect(res.reasoning).toBe("think first");
    expect(res.finishReason).toBe("stop");
    expect(res.usage).toMatchObject({ inputTokens: 7, outputTokens: 9 });
    expect(server.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("returns reasoning from non-streamed responses", async () => {
    const server = await mock(() => ({ text: "42", reasoning: "6*7" }));
    const res = await compatModel(server).generate({ messages: [user("?")] });
    expect(res.reasoning).toBe("6*7");
  });

  it.each([false, true])("round-trips tool calls (stream: %s)", async (stream) => {
    const server = await mock(
      replySequence([
        { toolCalls: [{ id: "call_a", name: "calculator", arguments: { expression: "2+2" } }] },
        { text: "It is 4." },
      ]),
    );
    const model = compatModel(server, { stream });
    const first = await model.generate({ messages: [user("2+2?")], tools: [calculator] });

    expect(first.finishReason).toBe("tool-calls");
    expect(first.toolCalls).toEqual([{ id: "call_a", name: "calculator", arguments: { expression: "2+2" } }]);
    expect(server.requests[0]?.body.tools).toEqual([
      {
        type: "function",
        function: {
          name: "calculator",
          description: "Evaluates an arithmetic expression.",
          parameters: calculator.parameters,
        },
      },
    ]);

    const second = await model.generate({
      messages: [
        user("2+2?"),
        { role: "assistant", content: "", toolCalls: first.toolCalls, reasoning: "not sent back" },
        { role: "tool", toolCallId: "call_a", toolName: "calculator", content: "4" },
      ],
      tools: [calculator],
    });
    expect(second.text).toBe("It is 4.");
    const wire = server.requests[1]?.body.messages;
    expect(wire).toHaveLength(3);
    expect(wire[1]).toMatchObject({
      role: "assistant",
      tool_calls: [
        {
          id: "call_a",
          type: "function",
          function: { name: "calculator", arguments: '{"expression":"2+2"}' },
        },
      ],
    });
    expect(JSON.stringify(wire[1])).not.toContain("not sent back");
    expect(wire[2]).toEqual({ role: "tool", tool_call_id: "call_a", content: "4" });
  });

  it("sends response_format json_schema and returns the raw text, even when it does not match", async () => {
    const schema = {
      type: "object",
      properties: { compliant: { type: "boolean" } },
      required: ["compliant"],
      additionalProperties: false,
    };
    const server = await mock(replySequence([{ text: '{"compliant":true}' }, { text: "not json at all" }]));
    const model = compatModel(server);
    const request = {
      messages: [user("confess")],
      responseFormat: { type: "json" as const, name: "confession", schema },
    };

    const good = await model.generate(request);
    expect(good.text).toBe('{"compliant":true}');
    expect(server.requests[0]?.body.response_format).toMatchObject({
      type: "json_schema",
      json_schema: { name: "confession", schema },
    });

    const bad = await model.generate(request);
    expect(bad.text).toBe("not json at all");
    expect(bad.finishReason).toBe("stop");
  });

  it("does not send response_format when structured output is disabled", async () => {
    const server = await mock(() => ({ text: "{}" }));
    const model = compatModel(server, { structuredOutput: false });
    expect(model.capabilities.structuredOutput).toBe(false);
    await model.generate({
      messages: [user("confess")],
      responseFormat: { type: "json", name: "confession", schema: { type: "object" } },
    });
    expect(server.requests[0]?.body.response_format).toBeUndefined();
  });

  it("keeps a mid-conversation system message as a system message on the wire", async () => {
    const server = await mock();
    await compatModel(server).generate({
      messages: [
        { role: "system", content: "Be brief." },
        user("2+2?"),
        { role: "assistant", content: "4" },
        { role: "system", content: "Now write a confession report." },
      ],
    });
    expect(server.requests[0]?.body.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "2+2?" },
      { role: "assistant", content: "4" },
      { role: "system", content: "Now write a confession report." },
    ]);
  });

  it("maps 429 with Retry-After to a retryable error, and withRetry succeeds on the next reply", async () => {
    const server = await mock(
      replySequence([
        { error: { status: 429, message: "slow down", headers: { "retry-after": "1" } } },
        { text: "ok" },
      ]),
    );
    const model = compatModel(server);

    const error = await model.generate({ messages: [user("hi")] }).catch((e: unknown) => e);
    expect(ConfessError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: "CONFESS_PROVIDER_ERROR",
      status: 429,
      retryable: true,
      retryAfterSeconds: 1,
    });
    expect((error as Error).message).toContain("slow down");

    const server2 = await mock(
      replySequence([{ error: { status: 429, headers: { "retry-after": "1" } } }, { text: "ok" }]),
    );
    const sleeps: number[] = [];
    const retried = withRetry(compatModel(server2), {
      random: () => 0,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
    const res = await retried.generate({ messages: [user("hi")] });
    expect(res.text).toBe("ok");
    expect(sleeps).toEqual([1000]);
    expect(server2.requests).toHaveLength(2);
  });

  it("retries a 500 and then succeeds", async () => {
    const server = await mock(
      replySequence([{ error: { status: 500 } }, { error: { status: 503 } }, { text: "ok" }]),
    );
    const retries: number[] = [];
    const model = withRetry(compatModel(server), {
      sleep: async () => {},
      onRetry: (info) => retries.push((info.error as ConfessError).status ?? -1),
    });
    const res = await model.generate({ messages: [user("hi")] });
    expect(res.text).toBe("ok");
    expect(retries).toEqual([500, 503]);
  });

  it("does not retry a 400", async () => {
    const server = await mock(
      replySequence([{ error: { status: 400, message: "bad request" } }, { text: "ok" }]),
    );
    const model = withRetry(compatModel(server), { sleep: async () => {} });
    await expect(model.generate({ messages: [user("hi")] })).rejects.toMatchObject({
      code: "CONFESS_PROVIDER_ERROR",
      status: 400,
      retryable: false,
    });
    expect(server.requests).toHaveLength(1);
  });

  it("surfaces errors in streaming mode as thrown errors", async () => {
    const server = await mock(() => ({ error: { status: 503, headers: { "retry-after-ms": "250" } } }));
    const error = await compatModel(server, { stream: true })
      .generate({ messages: [user("hi")] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "CONFESS_PROVIDER_ERROR", status: 503, retryable: true });
    expect((error as ConfessError).retryAfterSeconds).toBe(0.25);
  });

  it("throws on a malformed streamed body instead of returning empty text", async () => {
    const server = await mock(() => ({
      raw: { status: 200, body: "data: {not json}\n\n", headers: { "content-type": "text/event-stream" } },
    }));
    await expect(
      compatModel(server, { stream: true }).generate({ messages: [user("hi")] }),
    ).rejects.toSatisfy(ConfessError.isInstance);
  });

  it("maps a refused connection to a retryable provider error", async () => {
    const server = await mock();
    const url = server.url;
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    const model = createAiSdkModel({ spec: "openai-compatible:m", baseUrl: url, env: {} });
    await expect(model.generate({ messages: [user("hi")] })).rejects.toMatchObject({
      code: "CONFESS_PROVIDER_ERROR",
      retryable: true,
    });
  });

  it("honours request.signal", async () => {
    const server = await startMockOpenAIServer({ latencyMs: 5_000 });
    servers.push(server);
    const controller = new AbortController();
    const pending = compatModel(server).generate({ messages: [user("hi")], signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ code: "CONFESS_ABORTED" });
  });

  it("sends the optional OPENAI_COMPATIBLE_API_KEY as a bearer token", async () => {
    const server = await mock();
    const model = createAiSdkModel({
      spec: "openai-compatible:m",
      baseUrl: server.url,
      env: { OPENAI_COMPATIBLE_API_KEY: "sk-local" },
    });
    await model.generate({ messages: [user("hi")] });
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-local");
  });
});

describe("createAiSdkModel construction", () => {
  it("openai: uses chat completions at the base URL with the key from env", async () => {
    const server = await mock(() => ({ text: "hello from openai" }));
    const model = createAiSdkModel({
      spec: "openai:gpt-test",
      baseUrl: server.url,
      env: { OPENAI_API_KEY: "sk-1" },
    });
    expect(model.id).toBe("openai:gpt-test");
    const res = await model.generate({ messages: [user("hi")] });
    expect(res.text).toBe("hello from openai");
    expect(server.requests[0]?.path).toBe("/v1/chat/completions");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer sk-1");
  });

  it("openai: a missing key names OPENAI_API_KEY", () => {
    const build = () =>
      createAiSdkModel({ spec: "openai:gpt-test", baseUrl: "http://127.0.0.1:1/v1", env: {} });
    expect(build).toThrow(/OPENAI_API_KEY/);
    try {
      build();
    } catch (error) {
      expect(error).toMatchObject({ code: "CONFESS_MISSING_API_KEY" });
    }
  });

  it("anthropic: builds with a key and names ANTHROPIC_API_KEY when missing", () => {
    const model = createAiSdkModel({ spec: "anthropic:claude-test", env: { ANTHROPIC_API_KEY: "k" } });
    expect(model.id).toBe("anthropic:claude-test");
    expect(model.capabilities).toEqual({ structuredOutput: true, tools: true });
    expect(() => createAiSdkModel({ spec: "anthropic:claude-test", env: {} })).toThrow(/ANTHROPIC_API_KEY/);
  });

  it("anthropic: sends a mid-conversation system message as a [system] user turn (stubbed fetch)", async () => {
    const bodies: Array<Record<string, unknown>> = [];
    const headers: Array<Record<string, string>> = [];
    // No network: a fetch stub answers in the Anthropic Messages API shape.
    const stub: typeof fetch = async (_url, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      headers.push(Object.fromEntries(new Headers(init?.headers).entries()));
      return new Response(
        JSON.stringify({
          id: "msg_1",
          type: "message",
          role: "assistant",
          model: "claude-test",
          content: [{ type: "text", text: '{"compliant":true}' }],
          stop_reason: "end_turn",
          stop_sequence: null,
          usage: { input_tokens: 12, output_tokens: 3 },
        }),
        { status: 200, headers: { "content-type": "application/json" } },
      );
    };
    const model = createAiSdkModel({
      spec: "anthropic:claude-test",
      env: { ANTHROPIC_API_KEY: "sk-ant" },
      fetch: stub,
      maxOutputTokens: 100,
    });
    const res = await model.generate({
      messages: [
        { role: "system", content: "Be brief." },
        user("2+2?"),
        { role: "assistant", content: "4" },
        { role: "system", content: "Confess." },
      ],
    });
    expect(res).toMatchObject({
      text: '{"compliant":true}',
      finishReason: "stop",
      usage: { inputTokens: 12, outputTokens: 3 },
    });
    expect(headers[0]?.["x-api-key"]).toBe("sk-ant");
    expect(bodies[0]?.system).toEqual([{ type: "text", text: "Be brief." }]);
    expect(bodies[0]?.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "2+2?" }] },
      { role: "assistant", content: [{ type: "text", text: "4" }] },
      { role: "user", content: [{ type: "text", text: "[system] Confess." }] },
    ]);
  });

  it("openai-compatible without a base URL is a usage error mentioning --base-url", () => {
    const build = () => createAiSdkModel({ spec: "openai-compatible:llama", env: {} });
    expect(build).toThrow(/--base-url/);
    expect(() => build()).toThrow(UsageError);
  });

  it("rejects bad and scripted specs as usage errors", () => {
    expect(() => createAiSdkModel({ spec: "nope", env: {} })).toThrow(/openai:<model>/);
    expect(() => createAiSdkModel({ spec: "scripted:honest", env: {} })).toThrow(UsageError);
  });

  it("exposes output-changing parameters only", () => {
    const model = createAiSdkModel({
      spec: "openai-compatible:m",
      baseUrl: "http://127.0.0.1:1/v1",
      env: {},
      stream: true,
      temperature: 0.5,
      maxOutputTokens: 100,
    });
    expect(model.parameters).toEqual({
      structuredOutput: true,
      temperature: 0.5,
      maxOutputTokens: 100,
      baseUrl: "http://127.0.0.1:1/v1",
    });
  });
});

describe("toProviderPrompt", () => {
  const conversation: Message[] = [
    { role: "system", content: "Be brief." },
    user("2+2?"),
    { role: "assistant", content: "4", reasoning: "easy" },
    { role: "system", content: "Confess." },
  ];
  const text = (t: string) => [{ type: "text", text: t }];

  it("keeps mid-conversation system messages for openai and drops reasoning", () => {
    expect(toProviderPrompt(conversation, "openai")).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: text("2+2?") },
      { role: "assistant", content: text("4") },
      { role: "system", content: "Confess." },
    ]);
  });

  it("turns mid-conversation system messages into [system] user messages for anthropic", () => {
    expect(toProviderPrompt(conversation, "anthropic")).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: text("2+2?") },
      { role: "assistant", content: text("4") },
      { role: "user", content: text("[system] Confess.") },
    ]);
  });

  it("sends assistant tool calls as parts and tool results as tool messages", () => {
    const prompt = toProviderPrompt(
      [
        user("weather?"),
        {
          role: "assistant",
          content: "",
          toolCalls: [{ id: "c1", name: "weather", arguments: { city: "Oslo" } }],
        },
        { role: "tool", toolCallId: "c1", toolName: "weather", content: "rain" },
      ],
      "openai",
    );
    expect(prompt.slice(1)).toEqual([
      {
        role: "assistant",
        content: [{ type: "tool-call", toolCallId: "c1", toolName: "weather", input: { city: "Oslo" } }],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "c1",
            toolName: "weather",
            output: { type: "text", value: "rain" },
          },
        ],
      },
    ]);
  });
});

describe("mock server speaks the real OpenAI wire format", () => {
  it("works with the official openai client, non-streaming and streaming", async () => {
    const server = await mock(() => ({
      text: "Hello from the mock.",
      usage: { promptTokens: 3, completionTokens: 4 },
    }));
    const client = new OpenAI({ baseURL: server.url, apiKey: "sk-test", maxRetries: 0 });

    const completion = await client.chat.completions.create({
      model: "mock-model",
      messages: [{ role: "user", content: "hi" }],
    });
    expect(completion.choices[0]?.message.content).toBe("Hello from the mock.");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.usage?.total_tokens).toBe(7);

    const stream = await client.chat.completions.create({
      model: "mock-model",
      messages: [{ role: "user", content: "hi" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    let finish: string | null | undefined;
    let usage: number | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage?.completion_tokens ?? usage;
    }
    expect(text).toBe("Hello from the mock.");
    expect(finish).toBe("stop");
    expect(usage).toBe(4);

    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toEqual(["mock-model"]);
  });

  it("maps injected errors to the client's APIError with status and headers", async () => {
    const server = await mock(() => ({
      error: { status: 429, message: "rate limited", headers: { "retry-after": "2" } },
    }));
    const client = new OpenAI({ baseURL: server.url, apiKey: "sk-test", maxRetries: 0 });
    const error = await client.chat.completions
      .create({ model: "m", messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(429);
    expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get("retry-after")).toBe("2");
  });
});
