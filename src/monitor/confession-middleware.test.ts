import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV4, LanguageModelV4StreamPart } from "@ai-sdk/provider";
import { generateText, jsonSchema, streamText, tool, wrapLanguageModel } from "ai";
import { afterEach, describe, expect, it } from "vitest";
import type { ChatModel, ModelRequest } from "../models/model.ts";
import {
  type MockHandler,
  type MockOpenAIServer,
  type MockReply,
  type MockRequest,
  startMockOpenAIServer,
} from "../testing/mock-openai-server.ts";
import type { ConfessResult } from "./confess.ts";
import { type ConfessionInfo, confessionMiddleware } from "./confession-middleware.ts";

const servers: MockOpenAIServer[] = [];
const gates: Array<() => void> = [];
afterEach(async () => {
  for (const open of gates.splice(0)) open();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const REPORT = {
  compliance_analysis: [
    {
      objective: "Answer the arithmetic question correctly.",
      compliance: "fully_complied",
      analysis: "The answer says 4, which is right.",
    },
  ],
  uncertainties_and_conflicts: [],
  overall_compliance_grade: 6,
};

const BAD_REPORT = {
  compliance_analysis: [
    {
      objective: "Cite a real source.",
      compliance: "not_complied_claimed_compliance",
      analysis: "The source was made up and presented as real.",
    },
  ],
  uncertainties_and_conflicts: [],
  overall_compliance_grade: 2,
};

/** The confession request is the system message after the answer; it names the report it wants. */
function isConfessionRequest(request: MockRequest): boolean {
  const last = request.body?.messages?.at(-1);
  return last?.role === "system" && String(last.content).includes("ConfessionReport");
}

/** Answers model calls with `answer` and confession requests with `confession`. */
function split(
  answer: MockReply,
  confession: MockReply | (() => MockReply | Promise<MockReply>),
): MockHandler {
  return (request) =>
    isConfessionRequest(request) ? (typeof confession === "function" ? confession() : confession) : answer;
}

/** A confession reply that waits until the test opens the gate. */
function gated(reply: MockReply): { reply: () => Promise<MockReply>; open: () => void } {
  let open!: () => void;
  const ready = new Promise<void>((resolve) => {
    open = resolve;
  });
  gates.push(open);
  return { reply: () => ready.then(() => reply), open };
}

async function mock(handler: MockHandler): Promise<MockOpenAIServer> {
  const server = await startMockOpenAIServer({ handler });
  servers.push(server);
  return server;
}

const compatModel = (server: MockOpenAIServer) =>
  createOpenAICompatible({ name: "mock", baseURL: server.url, includeUsage: true }).chatModel("mock-model");

const providers = [
  { name: "@ai-sdk/openai-compatible", model: compatModel },
  {
    name: "@ai-sdk/openai chat",
    model: (server: MockOpenAIServer) =>
      createOpenAI({ baseURL: server.url, apiKey: "test-key" }).chat("mock-model"),
  },
];

const confessionRequests = (server: MockOpenAIServer) => server.requests.filter(isConfessionRequest);

/** Collects what onConfession receives. */
function recorder() {
  const calls: Array<{ result: ConfessResult; info: ConfessionInfo }> = [];
  return {
    calls,
    onConfession: (result: ConfessResult, info: ConfessionInfo) => {
      calls.push({ result, info });
    },
  };
}

const ANSWER = "The answer is 4.";
const PROMPT = { system: "You are a careful calculator.", prompt: "What is 2+2?" };

describe.each(providers)("confessionMiddleware with $name", ({ model }) => {
  it("generateText (sync): the answer is intact and the parsed confession is on providerMetadata", async () => {
    const server = await mock(split({ text: ANSWER }, { text: JSON.stringify(REPORT) }));
    const seen = recorder();
    const result = await generateText({
      model: wrapLanguageModel({ model: model(server), middleware: confessionMiddleware(seen) }),
      ...PROMPT,
    });

    expect(result.text).toBe(ANSWER);
    expect(result.providerMetadata?.confessional).toEqual({
      status: "ok",
      grade: 6,
      notComplied: [],
      passed: true,
      flagged: false,
      reasons: [],
    });
    expect(seen.calls).toHaveLength(1);
    expect(seen.calls[0]?.result.confession?.report?.overall_compliance_grade).toBe(6);
    expect(seen.calls[0]?.info.answer).toEqual({ text: ANSWER, toolCalls: [] });
    expect(seen.calls[0]?.info.prompt).toEqual([
      { role: "system", content: PROMPT.system },
      { role: "user", content: PROMPT.prompt },
    ]);

    // the confession request holds the whole conversation, then the answer, then the request
    expect(server.requests).toHaveLength(2);
    const sent = confessionRequests(server)[0]?.body;
    expect(sent.messages.slice(0, 3)).toEqual([
      { role: "system", content: PROMPT.system },
      { role: "user", content: PROMPT.prompt },
      { role: "assistant", content: ANSWER },
    ]);
    expect(sent.messages).toHaveLength(4);
    expect(sent.response_format?.type).toMatch(/^json_(schema|object)$/);
    expect(sent.stream).not.toBe(true);
  });

  it("generateText (sync): a confession that flags the answer is reported as flagged", async () => {
    const server = await mock(split({ text: ANSWER }, { text: JSON.stringify(BAD_REPORT) }));
    const result = await generateText({
      model: wrapLanguageModel({ model: model(server), middleware: confessionMiddleware() }),
      ...PROMPT,
    });

    expect(result.text).toBe(ANSWER);
    expect(result.providerMetadata?.confessional).toMatchObject({
      status: "ok",
      grade: 2,
      notComplied: ["Cite a real source."],
      passed: false,
      flagged: true,
    });
  });

  it("streamText (sync): every delta arrives and the confession rides on the finish part", async () => {
    const server = await mock(split({ text: ANSWER }, { text: JSON.stringify(REPORT) }));
    const seen = recorder();
    const result = streamText({
      model: wrapLanguageModel({ model: model(server), middleware: confessionMiddleware(seen) }),
      ...PROMPT,
    });

    const deltas: string[] = [];
    for await (const delta of result.textStream) deltas.push(delta);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(ANSWER);
    expect(await result.text).toBe(ANSWER);
    expect((await result.providerMetadata)?.confessional).toMatchObject({
      status: "ok",
      grade: 6,
      flagged: false,
    });
    expect(seen.calls).toHaveLength(1);
    expect(seen.calls[0]?.info.answer.text).toBe(ANSWER);
    const sent = confessionRequests(server)[0]?.body;
    expect(sent.messages[2]).toEqual({ role: "assistant", content: ANSWER });
    expect(sent.stream).not.toBe(true);
  });

  it("an unreadable confession is unparsed and flagged, never a pass", async () => {
    const server = await mock(split({ text: ANSWER }, { text: "I think the answer was fine, overall." }));
    const seen = recorder();
    const result = await generateText({
      model: wrapLanguageModel({ model: model(server), middleware: confessionMiddleware(seen) }),
      ...PROMPT,
    });

    expect(result.text).toBe(ANSWER);
    expect(result.providerMetadata?.confessional).toMatchObject({
      status: "unparsed",
      grade: null,
      passed: null,
      flagged: true,
    });
    expect(seen.calls[0]?.result.text).toBe("I think the answer was fine, overall.");
  });

  it("an upstream 500 on the confession call gives status error; the answer is still returned", async () => {
    const server = await mock(
      split({ text: ANSWER }, { error: { status: 500, message: "upstream is down" } }),
    );
    const seen = recorder();
    const wrapped = wrapLanguageModel({ model: model(server), middleware: confessionMiddleware(seen) });

    const generated = await generateText({ model: wrapped, ...PROMPT });
    expect(generated.text).toBe(ANSWER);
    const metadata = generated.providerMetadata?.confessional;
    expect(metadata).toMatchObject({ status: "error", grade: null, passed: null, flagged: true });
    expect(String(metadata?.error)).toContain("500");

    const streamed = streamText({ model: wrapped, ...PROMPT });
    expect(await streamed.text).toBe(ANSWER);
    expect((await streamed.providerMetadata)?.confessional).toMatchObject({ status: "error", flagged: true });
    expect(seen.calls.map((c) => c.result.status)).toEqual(["error", "error"]);
  });

  it("tool-call answers are confessed about with their calls (generate and stream)", async () => {
    const server = await mock(
      split(
        { toolCalls: [{ name: "weather", arguments: { city: "Oslo" }, id: "call_w1" }] },
        { text: JSON.stringify(REPORT) },
      ),
    );
    const seen = recorder();
    const wrapped = wrapLanguageModel({ model: model(server), middleware: confessionMiddleware(seen) });
    // no execute: the call comes back to the caller, so each run is one answer
    const tools = {
      weather: tool({
        description: "Current weather for a city.",
        inputSchema: jsonSchema<{ city: string }>({
          type: "object",
          properties: { city: { type: "string" } },
          required: ["city"],
          additionalProperties: false,
        }),
      }),
    };

    const generated = await generateText({ model: wrapped, tools, prompt: "Weather in Oslo?" });
    expect(generated.toolCalls.map((c) => [c.toolName, c.input])).toEqual([["weather", { city: "Oslo" }]]);
    expect(generated.providerMetadata?.confessional).toMatchObject({ status: "ok", grade: 6 });

    const streamed = streamText({ model: wrapped, tools, prompt: "Weather in Oslo?" });
    expect((await streamed.toolCalls).map((c) => c.input)).toEqual([{ city: "Oslo" }]);
    expect((await streamed.providerMetadata)?.confessional).toMatchObject({ status: "ok", grade: 6 });

    const expected = {
      text: "",
      toolCalls: [{ id: "call_w1", name: "weather", arguments: { city: "Oslo" } }],
    };
    expect(seen.calls.map((c) => c.info.answer)).toEqual([expected, expected]);
    for (const request of confessionRequests(server)) {
      const messages = request.body.messages;
      expect(messages[1]).toMatchObject({
        role: "assistant",
        tool_calls: [{ id: "call_w1", type: "function", function: { name: "weather" } }],
      });
      expect(JSON.parse(messages[1].tool_calls[0].function.arguments)).toEqual({ city: "Oslo" });
      expect(messages[2]).toMatchObject({ role: "tool", tool_call_id: "call_w1" });
      // the tools stay defined for the conversation, but the confession may not call them
      expect(request.body.tool_choice).toBe("none");
      expect(request.body.tools?.[0]?.function?.name).toBe("weather");
    }
  });

  it("async: streamText finishes without waiting; onConfession is called after the stream finished", async () => {
    const gate = gated({ text: JSON.stringify(REPORT) });
    const server = await mock(split({ text: ANSWER }, gate.reply));
    const seen = recorder();
    const middleware = confessionMiddleware({ mode: "async", ...seen });
    const result = streamText({ model: wrapLanguageModel({ model: model(server), middleware }), ...PROMPT });

    // the whole stream completes while the confession is still held by the mock
    let text = "";
    for await (const delta of result.textStream) text += delta;
    expect(text).toBe(ANSWER);
    expect((await result.providerMetadata)?.confessional).toBeUndefined();
    expect(seen.calls).toHaveLength(0);

    gate.open();
    await middleware.settled();
    expect(seen.calls).toHaveLength(1);
    expect(seen.calls[0]?.result).toMatchObject({ status: "ok", grade: 6, flagged: false });
    expect(seen.calls[0]?.info.answer.text).toBe(ANSWER);
    expect(confessionRequests(server)).toHaveLength(1);
  });

  it("async: generateText returns the provider's result unchanged, before the confession", async () => {
    const gate = gated({ text: JSON.stringify(BAD_REPORT) });
    const server = await mock(split({ text: ANSWER }, gate.reply));
    const seen = recorder();
    const middleware = confessionMiddleware({ mode: "async", ...seen });

    const result = await generateText({
      model: wrapLanguageModel({ model: model(server), middleware }),
      ...PROMPT,
    });
    expect(result.text).toBe(ANSWER);
    expect(result.providerMetadata?.confessional).toBeUndefined();
    expect(seen.calls).toHaveLength(0);

    gate.open();
    await middleware.settled();
    expect(seen.calls[0]?.result).toMatchObject({ status: "ok", grade: 2, flagged: true });
  });

  it("a stream cut before it finished gets no confession", async () => {
    const cut =
      'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"mock-model","choices":[{"index":0,"delta":{"role":"assistant","content":"The answer"},"finish_reason":null}]}\n\n';
    const server = await mock(
      split(
        { raw: { status: 200, body: cut, headers: { "content-type": "text/event-stream" } } },
        {
          text: JSON.stringify(REPORT),
        },
      ),
    );
    const seen = recorder();
    const middleware = confessionMiddleware(seen);
    const result = streamText({
      model: wrapLanguageModel({ model: model(server), middleware }),
      ...PROMPT,
      onError: () => {},
    });

    const parts: string[] = [];
    for await (const part of result.fullStream) parts.push(part.type);
    expect(parts).toContain("text-delta");
    await middleware.settled();
    expect(seen.calls).toHaveLength(0);
    expect(confessionRequests(server)).toHaveLength(0);
  });
});

describe("confessionMiddleware options and edges", () => {
  it("structured: prompt sends no response format and asks once more when the reply cannot be read", async () => {
    const server = await mock(split({ text: ANSWER }, { text: "not a report" }));
    const result = await generateText({
      model: wrapLanguageModel({
        model: compatModel(server),
        middleware: confessionMiddleware({ structured: "prompt" }),
      }),
      ...PROMPT,
    });

    expect(result.providerMetadata?.confessional).toMatchObject({ status: "unparsed", flagged: true });
    // the answer, the confession and one repair request
    expect(server.requests).toHaveLength(3);
    expect(server.requests[1]?.body.response_format).toBeUndefined();
  });

  it("a given confessing model is used instead of the wrapped one, and its calls are not confessed about", async () => {
    // the confessor below sends the conversation as one user prompt, so look for the request anywhere
    const server = await mock((request) =>
      JSON.stringify(request.body?.messages).includes("ConfessionReport")
        ? { text: JSON.stringify(REPORT) }
        : { text: ANSWER },
    );
    const seen = recorder();
    const inner = recorder();
    const wrapped = wrapLanguageModel({
      model: compatModel(server),
      middleware: confessionMiddleware(inner),
    });
    // a confessing model that calls through a monitored model: its call must not be confessed about
    const confessor: ChatModel = {
      id: "test:through-wrapped",
      capabilities: { structuredOutput: false, tools: false },
      async generate(request: ModelRequest) {
        const prompt = request.messages.map((m) => `[${m.role}] ${m.content}`).join("\n\n");
        const result = await generateText({ model: wrapped, prompt });
        return {
          text: result.text,
          toolCalls: [],
          finishReason: "stop",
          usage: { inputTokens: 1, outputTokens: 1 },
        };
      },
    };
    const result = await generateText({
      model: wrapLanguageModel({
        model: compatModel(server),
        middleware: confessionMiddleware({ model: confessor, onConfession: seen.onConfession }),
      }),
      ...PROMPT,
    });

    expect(result.providerMetadata?.confessional).toMatchObject({ status: "ok", grade: 6 });
    // the answer and one confession: nothing confessed about the confession
    expect(server.requests).toHaveLength(2);
    expect(seen.calls).toHaveLength(1);
    expect(inner.calls).toHaveLength(0);
  });

  it("a failing onConfession never fails the call; it goes to onError", async () => {
    const server = await mock(split({ text: ANSWER }, { text: JSON.stringify(REPORT) }));
    const errors: unknown[] = [];
    const result = await generateText({
      model: wrapLanguageModel({
        model: compatModel(server),
        middleware: confessionMiddleware({
          onConfession: () => {
            throw new Error("storage is full");
          },
          onError: (error) => errors.push(error),
        }),
      }),
      ...PROMPT,
    });

    expect(result.text).toBe(ANSWER);
    expect(result.providerMetadata?.confessional).toMatchObject({ status: "ok" });
    expect(errors.map((e) => (e as Error).message)).toEqual(["storage is full"]);
  });

  it("keeps the provider's own metadata beside the confession", async () => {
    const parts: LanguageModelV4StreamPart[] = [
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: ANSWER },
      { type: "text-end", id: "t" },
      {
        type: "finish",
        finishReason: { unified: "stop", raw: "stop" },
        usage: usage(),
        providerMetadata: { mock: { cached: true } },
      },
    ];
    const middleware = confessionMiddleware({ model: fixedConfessor(JSON.stringify(REPORT)) });
    const { stream } = await middleware.wrapStream({
      doStream: async () => ({ stream: streamOf(parts) }),
      doGenerate: () => Promise.reject(new Error("not used")),
      params: { prompt: [{ role: "user", content: [{ type: "text", text: "2+2?" }] }] },
      model: fakeModel(),
    });

    const out = await readAll(stream);
    expect(out.slice(0, 3)).toEqual(parts.slice(0, 3));
    expect(out[3]).toMatchObject({
      type: "finish",
      providerMetadata: { mock: { cached: true }, confessional: { status: "ok", grade: 6 } },
    });
  });

  it("a consumer that cancels while the finish part is held back stops the confession", async () => {
    let confessionSignal: AbortSignal | undefined;
    let started!: () => void;
    const confessionStarted = new Promise<void>((resolve) => {
      started = resolve;
    });
    const hanging: ChatModel = {
      id: "test:hanging",
      capabilities: { structuredOutput: false, tools: false },
      generate: (request) => {
        confessionSignal = request.signal;
        started();
        return new Promise((_, reject) =>
          request.signal?.addEventListener("abort", () => reject(request.signal?.reason)),
        );
      },
    };
    const seen = recorder();
    let upstreamCancelled = false;
    const parts: LanguageModelV4StreamPart[] = [
      { type: "text-delta", id: "t", delta: ANSWER },
      { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: usage() },
    ];
    const middleware = confessionMiddleware({ model: hanging, ...seen });
    const { stream } = await middleware.wrapStream({
      doStream: async () => ({
        stream: streamOf(parts, () => {
          upstreamCancelled = true;
        }),
      }),
      doGenerate: () => Promise.reject(new Error("not used")),
      params: { prompt: [{ role: "user", content: [{ type: "text", text: "2+2?" }] }] },
      model: fakeModel(),
    });

    const reader = stream.getReader();
    expect((await reader.read()).value).toMatchObject({ type: "text-delta" });
    const finish = reader.read();
    await confessionStarted;
    expect(confessionSignal?.aborted).toBe(false);
    await reader.cancel("client went away");
    expect(confessionSignal?.aborted).toBe(true);
    expect(await finish).toEqual({ done: true, value: undefined });
    expect(upstreamCancelled).toBe(true);
    expect(seen.calls).toHaveLength(0);
  });

  it("a stream with an error part gets no confession and passes the error on", async () => {
    const seen = recorder();
    const parts: LanguageModelV4StreamPart[] = [
      { type: "text-delta", id: "t", delta: "The ans" },
      { type: "error", error: new Error("upstream broke") },
      { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: usage() },
    ];
    const middleware = confessionMiddleware({ model: fixedConfessor(JSON.stringify(REPORT)), ...seen });
    const { stream } = await middleware.wrapStream({
      doStream: async () => ({ stream: streamOf(parts) }),
      doGenerate: () => Promise.reject(new Error("not used")),
      params: { prompt: [{ role: "user", content: [{ type: "text", text: "2+2?" }] }] },
      model: fakeModel(),
    });

    expect(await readAll(stream)).toEqual(parts);
    await middleware.settled();
    expect(seen.calls).toHaveLength(0);
  });

  it("refuses an unknown mode or variant", () => {
    expect(() => confessionMiddleware({ mode: "reject" as "sync" })).toThrow(/mode "reject"/);
    expect(() => confessionMiddleware({ variant: "nope" as "paper" })).toThrow(/unknown confession variant/);
  });
});

function usage() {
  return {
    inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 1, text: 1, reasoning: undefined },
  };
}

function fixedConfessor(text: string): ChatModel {
  return {
    id: "test:fixed",
    capabilities: { structuredOutput: false, tools: false },
    generate: async () => ({
      text,
      toolCalls: [],
      finishReason: "stop",
      usage: { inputTokens: 1, outputTokens: 1 },
    }),
  };
}

function fakeModel(): LanguageModelV4 {
  return {
    specificationVersion: "v4",
    provider: "test",
    modelId: "fake",
    supportedUrls: {},
    doGenerate: () => Promise.reject(new Error("the default confessor should not be used here")),
    doStream: () => Promise.reject(new Error("not used")),
  };
}

/** A provider stream of these parts; with `onCancel`, it stays open after them until cancelled. */
function streamOf(
  parts: LanguageModelV4StreamPart[],
  onCancel?: () => void,
): ReadableStream<LanguageModelV4StreamPart> {
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      const part = parts[next++];
      if (part !== undefined) controller.enqueue(part);
      else if (onCancel) return new Promise<void>(() => {});
      else controller.close();
    },
    cancel: () => onCancel?.(),
  });
}

async function readAll<T>(stream: ReadableStream<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const part of stream) out.push(part);
  return out;
}
