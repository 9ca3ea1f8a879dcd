import { existsSync, readFileSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { createOpenAI } from "@ai-sdk/openai";
import { generateText, jsonSchema, stepCountIs, streamText, tool } from "ai";
import { Command, CommanderError } from "commander";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runServeCommand } from "../src/cli/commands/serve-action.ts";
import { registerServeCommand } from "../src/cli/commands/serve-command.ts";
import type { CliIO } from "../src/cli/io.ts";
import { UsageError } from "../src/errors/confess-error.ts";
import { createApiKey, createKeyVerifier } from "../src/monitor/api-keys.ts";
import { MonitorStore } from "../src/monitor/monitor-store.ts";
import { type MonitorServer, startMonitorServer } from "../src/monitor/proxy/start-monitor-server.ts";
import { SURFACE_NOTICE_MARKER } from "../src/monitor/surface-notice.ts";
import {
  defaultMockHandler,
  type MockOpenAIServer,
  type MockReply,
  type MockRequest,
  startMockOpenAIServer,
} from "../src/testing/index.ts";
import { tempDir } from "./cli-helpers.ts";

// Black-box tests of `confess serve`'s proxy (issue 5): real HTTP, the official `openai` client and the AI SDK
// as clients, a local upstream mock behind it, and the store read back after each exchange.

const UPSTREAM_KEY = "sk-upstream-SECRET-7f3a9c";
const MODEL = "mock-model";

// ---- the upstream mock: answers, and confessions whose grade depends on the answer ---------------------

type Wire = { role: string; content: string };
/** A message's text: a string, or (Responses input items) content parts with text. */
const textOf = (content: unknown): string =>
  typeof content === "string"
    ? content
    : Array.isArray(content)
      ? content.map((part) => (typeof part?.text === "string" ? part.text : "")).join("")
      : "";
/** The conversation of either API: chat `messages`, or the message items of a Responses `input`. */
const wireMessages = (r: MockRequest): Wire[] => {
  const items = Array.isArray(r.body?.messages)
    ? r.body.messages
    : Array.isArray(r.body?.input)
      ? r.body.input
      : [];
  return items
    .filter((m: { role?: unknown }) => typeof m?.role === "string")
    .map((m: { role: string; content: unknown }) => ({ role: m.role, content: textOf(m.content) }));
};
const isConfession = (r: MockRequest) => {
  const last = wireMessages(r).at(-1);
  return (last?.role === "system" || last?.role === "developer") && last.content.includes("ConfessionReport");
};
/** The answer a confession request is about: the last assistant message before the request. */
const confessedAnswer = (r: MockRequest) =>
  wireMessages(r).findLast((m) => m.role === "assistant")?.content ?? "";

const report = (grade: number, complied: boolean) =>
  JSON.stringify({
    compliance_analysis: [
      {
        objective: "Answer the user's question",
        compliance: complied ? "fully_complied" : "not_complied_not_reported",
        analysis: complied ? "The answer does it." : "The answer skips the question.",
      },
    ],
    uncertainties_and_conflicts: [],
    overall_compliance_grade: grade,
  });

/** Replies the test scripts for the next answers (not confessions), in order. */
const scripted: MockReply[] = [];
const slow = new Set<string>();
let confessionCalls = 0;

function upstreamHandler(request: MockRequest): MockReply | Promise<MockReply> {
  if (isConfession(request)) {
    confessionCalls++;
    const answer = confessedAnswer(request);
    if (answer.includes("GARBLE")) return { text: "I would rather not fill in a report." };
    return { text: answer.includes("BAD") ? report(2, false) : report(6, true) };
  }
  const next = scripted.shift();
  if (next) return next;
  const last = JSON.stringify(request.body ?? {});
  for (const word of slow) {
    if (last.includes(word))
      return new Promise((resolve) => setTimeout(() => resolve({ text: "late" }), 1500));
  }
  if (Array.isArray(request.body?.tools) && last.includes("weather")) {
    return { toolCalls: [{ name: "get_weather", arguments: { city: "Oslo" } }] };
  }
  return defaultMockHandler(request);
}

// ---- fixtures --------------------------------------------------------------------------------------------

let upstream: MockOpenAIServer;
let store: MonitorStore;
let dbPath: string;
let proxy: MonitorServer;
let clientKey: string;
const logs: string[] = [];

beforeAll(async () => {
  upstream = await startMockOpenAIServer({ handler: upstreamHandler });
  dbPath = join(tempDir(), "monitor.db");
  store = MonitorStore.open(dbPath);
  clientKey = createApiKey(store.db, "tests").key;
  proxy = await startMonitorServer({
    upstream: upstream.url,
    upstreamKey: UPSTREAM_KEY,
    sink: store,
    keys: createKeyVerifier(store.db),
    port: 0,
    timeoutMs: 500,
    bodyLimitBytes: 64 * 1024,
    log: (line) => logs.push(line),
  });
});

afterAll(async () => {
  await proxy?.close();
  await upstream?.close();
  store?.close();
});

const openai = (options: { apiKey?: string; headers?: Record<string, string> } = {}) =>
  new OpenAI({
    baseURL: proxy.url,
    apiKey: options.apiKey ?? clientKey,
    maxRetries: 0,
    ...(options.headers ? { defaultHeaders: options.headers } : {}),
  });

let idCounter = 0;
const newId = (label: string) => `t-${label}-${++idCounter}`;

/** Waits for background confessions, then reads one request's records. */
async function stored(id: string) {
  await proxy.drain();
  const detail = store.getRequest(id);
  if (!detail) throw new Error(`no request ${id} in the store`);
  return detail;
}

// ---- tests -----------------------------------------------------------------------------------------------

describe("mode lock", () => {
  it("with allowModeOverride false, a client's x-confession-mode is ignored and the server's mode applies", async () => {
    const lockedStore = MonitorStore.open(":memory:");
    const locked = await startMonitorServer({
      upstream: upstream.url,
      upstreamKey: UPSTREAM_KEY,
      sink: lockedStore,
      keys: null,
      port: 0,
      mode: "sync",
      allowModeOverride: false,
    });
    try {
      const client = new OpenAI({ baseURL: locked.url, apiKey: "unused", maxRetries: 0 });
      const id = newId("locked");
      const completion = await client.chat.completions.create(
        { model: MODEL, messages: [{ role: "user", content: "try to hide" }] },
        { headers: { "x-confession-mode": "off", "x-request-id": id } },
      );
      expect((completion as unknown as { confession?: unknown }).confession).toBeDefined();
      await locked.drain();
      expect(lockedStore.getRequest(id)?.request.mode).toBe("sync");
    } finally {
      await locked.close();
      lockedStore.close();
    }
  });
});

describe("request ids", () => {
  it("a client id used twice gives two separate records under the monitor's own ids", async () => {
    const id = newId("dup");
    const first = await openai()
      .chat.completions.create(
        { model: MODEL, messages: [{ role: "user", content: "first" }] },
        { headers: { "x-request-id": id } },
      )
      .withResponse();
    const second = await openai()
      .chat.completions.create(
        { model: MODEL, messages: [{ role: "user", content: "second" }] },
        { headers: { "x-request-id": id } },
      )
      .withResponse();
    const ours = [first, second].map((r) => r.response.headers.get("x-confession-id"));
    expect(ours[0]).toMatch(/^req_/);
    expect(ours[1]).toMatch(/^req_/);
    expect(ours[0]).not.toBe(ours[1]);
    await proxy.drain();
    for (const [i, text] of ["first", "second"].entries()) {
      const detail = store.getRequest(ours[i] as string);
      expect(detail?.request.clientRequestId).toBe(id);
      expect(detail?.attempts[0]?.answer.text).toBe(`echo: ${text}`);
      expect(detail?.confessions).toHaveLength(1);
    }
    expect(logs.join("")).not.toMatch(/UNIQUE constraint/);
  });
});

describe("openai client, chat completions", () => {
  it("async JSON: the answer arrives unchanged, the confession is stored afterwards", async () => {
    const id = newId("chat-json");
    const { data, response } = await openai()
      .chat.completions.create(
        { model: MODEL, messages: [{ role: "user", content: "hello there" }] },
        { headers: { "x-request-id": id } },
      )
      .withResponse();
    expect(data.choices[0]?.message.content).toBe("echo: hello there");
    expect(response.headers.get("x-request-id")).toBe(id);
    expect((data as unknown as Record<string, unknown>).confession).toBeUndefined();

    const detail = await stored(id);
    expect(detail.request).toMatchObject({
      api: "chat.completions",
      mode: "async",
      outcome: "ok",
      httpStatus: 200,
    });
    expect(detail.request.keyId).toMatch(/^key_/);
    expect(detail.attempts).toHaveLength(1);
    expect(detail.attempts[0]?.answer.text).toBe("echo: hello there");
    expect(detail.confessions).toHaveLength(1);
    expect(detail.confessions[0]).toMatchObject({ status: "ok", grade: 6, passed: true, flagged: false });

    // the upstream got the upstream key, never the client's
    const forwarded = upstream.requests.find((r) => r.headers["x-request-id"] === id);
    expect(forwarded?.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
  });

  it("async stream: chunks pass through, the confession is stored afterwards", async () => {
    const id = newId("chat-sse");
    const stream = await openai().chat.completions.create(
      { model: MODEL, messages: [{ role: "user", content: "stream me please" }], stream: true },
      { headers: { "x-request-id": id } },
    );
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toBe("echo: stream me please");

    const detail = await stored(id);
    expect(detail.request).toMatchObject({ stream: true, outcome: "ok", mode: "async" });
    expect(detail.attempts[0]?.answer.text).toBe("echo: stream me please");
    expect(detail.confessions[0]?.status).toBe("ok");
  });
});

describe("openai client, sync mode", () => {
  const sync = { "x-confession-mode": "sync" };

  it("chat JSON carries the confession as a field and in headers", async () => {
    const id = newId("chat-sync");
    const { data, response } = await openai()
      .chat.completions.create(
        { model: MODEL, messages: [{ role: "user", content: "sync please" }] },
        { headers: { ...sync, "x-request-id": id } },
      )
      .withResponse();
    expect(data.choices[0]?.message.content).toBe("echo: sync please");
    expect((data as unknown as { confession: unknown }).confession).toEqual({
      status: "ok",
      grade: 6,
      not_complied: [],
      flagged: false,
      reasons: [],
    });
    expect(response.headers.get("x-confession-status")).toBe("ok");
    expect(response.headers.get("x-confession-grade")).toBe("6");
    expect((await stored(id)).request.mode).toBe("sync");
  });

  it("chat stream: one extra chunk before [DONE] that the client passes over", async () => {
    const id = newId("chat-sync-sse");
    const stream = await openai().chat.completions.create(
      { model: MODEL, messages: [{ role: "user", content: "BAD stream" }], stream: true },
      { headers: { ...sync, "x-request-id": id } },
    );
    let text = "";
    const confessions: unknown[] = [];
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      const extra = (chunk as unknown as { confession?: unknown }).confession;
      if (extra) {
        expect(chunk.choices).toEqual([]);
        expect(chunk.id).toMatch(/^chatcmpl-mock-/);
        confessions.push(extra);
      }
    }
    expect(text).toBe("echo: BAD stream");
    expect(confessions).toEqual([
      expect.objectContaining({
        status: "ok",
        grade: 2,
        flagged: true,
        not_complied: ["Answer the user's question"],
      }),
    ]);
    const detail = await stored(id);
    expect(detail.confessions[0]).toMatchObject({ grade: 2, flagged: true, passed: false });
  });

  it("responses JSON and stream carry the confession; the text is intact", async () => {
    const id = newId("resp-sync");
    const response = await openai().responses.create(
      { model: MODEL, input: "responses sync" },
      { headers: { ...sync, "x-request-id": id } },
    );
    expect(response.output_text).toBe("echo: responses sync");
    expect((response as unknown as { confession: { status: string } }).confession.status).toBe("ok");

    const streamId = newId("resp-sync-sse");
    const stream = await openai().responses.create(
      { model: MODEL, input: "responses stream", stream: true },
      { headers: { ...sync, "x-request-id": streamId } },
    );
    let text = "";
    const types: string[] = [];
    let completed: unknown;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "response.output_text.delta") text += event.delta;
      if (event.type === "response.completed") completed = event.response;
    }
    expect(text).toBe("echo: responses stream");
    // the confession rides on the final event, which every client knows, instead of an event type of its own
    expect(types.at(-1)).toBe("response.completed");
    expect((completed as { confession?: { status: string } }).confession?.status).toBe("ok");
    const detail = await stored(streamId);
    expect(detail.request).toMatchObject({ api: "responses", stream: true, outcome: "ok" });
    expect(detail.confessions[0]?.status).toBe("ok");
  });

  it("the official responses.stream() helper works in sync and reject mode", async () => {
    for (const mode of ["sync", "reject"] as const) {
      const id = newId(`resp-helper-${mode}`);
      const final = await openai()
        .responses.stream(
          { model: MODEL, input: `helper ${mode}` },
          { headers: { "x-confession-mode": mode, "x-request-id": id } },
        )
        .finalResponse();
      expect(final.output_text).toBe(`echo: helper ${mode}`);
      expect((final as unknown as { confession?: { status: string } }).confession?.status).toBe("ok");
      const detail = await stored(id);
      expect(detail.request).toMatchObject({ api: "responses", stream: true, outcome: "ok", mode });
    }
  });

  it("the official chat.completions.stream() helper works in sync and reject mode", async () => {
    for (const mode of ["sync", "reject"] as const) {
      const final = await openai()
        .chat.completions.stream(
          { model: MODEL, messages: [{ role: "user", content: `chat helper ${mode}` }] },
          { headers: { "x-confession-mode": mode } },
        )
        .finalChatCompletion();
      expect(final.choices[0]?.message.content).toBe(`echo: chat helper ${mode}`);
    }
  });
});

describe("openai client, responses API (async)", () => {
  it("JSON and stream answers arrive unchanged and are confessed", async () => {
    const id = newId("resp-json");
    const response = await openai().responses.create(
      { model: MODEL, instructions: "Be brief.", input: "what is up" },
      { headers: { "x-request-id": id } },
    );
    expect(response.output_text).toBe("echo: what is up");
    const detail = await stored(id);
    expect(detail.attempts[0]?.answer.text).toBe("echo: what is up");
    expect(detail.confessions[0]?.status).toBe("ok");

    const streamId = newId("resp-sse");
    const stream = openai().responses.stream(
      { model: MODEL, input: "stream it" },
      { headers: { "x-request-id": streamId } },
    );
    const final = await stream.finalResponse();
    expect(final.output_text).toBe("echo: stream it");
    const streamed = await stored(streamId);
    expect(streamed.attempts[0]?.answer.text).toBe("echo: stream it");
    expect(streamed.confessions[0]?.status).toBe("ok");
  });
});

describe("AI SDK as the client", () => {
  const provider = () => createOpenAI({ baseURL: proxy.url, apiKey: clientKey });
  const weather = tool({
    description: "Current weather for a city",
    inputSchema: jsonSchema<{ city: string }>({
      type: "object",
      properties: { city: { type: "string" } },
      required: ["city"],
    }),
  });

  for (const api of ["chat", "responses"] as const) {
    const model = () => (api === "chat" ? provider().chat(MODEL) : provider().responses(MODEL));

    it(`${api}: generateText with a tool, async and sync`, async () => {
      const id = newId(`sdk-${api}-tool`);
      const result = await generateText({
        model: model(),
        prompt: "What is the weather in Oslo?",
        tools: { get_weather: weather },
        stopWhen: stepCountIs(1),
        headers: { "x-request-id": id },
      });
      expect(result.toolCalls).toEqual([
        expect.objectContaining({ toolName: "get_weather", input: { city: "Oslo" } }),
      ]);
      const detail = await stored(id);
      expect(detail.attempts[0]?.answer.toolCalls).toEqual([
        expect.objectContaining({ name: "get_weather", arguments: { city: "Oslo" } }),
      ]);
      expect(detail.confessions[0]?.status).toBe("ok");
      // the tools went upstream untouched
      const forwarded = upstream.requests.find((r) => r.headers["x-request-id"] === id);
      expect(JSON.stringify(forwarded?.body.tools)).toContain("get_weather");

      const syncId = newId(`sdk-${api}-sync`);
      const sync = await generateText({
        model: model(),
        prompt: "plain question",
        headers: { "x-request-id": syncId, "x-confession-mode": "sync" },
      });
      expect(sync.text).toBe("echo: plain question");
      expect((await stored(syncId)).confessions).toHaveLength(1);
    });

    it(`${api}: streamText in async and sync mode`, async () => {
      for (const mode of ["async", "sync"]) {
        const id = newId(`sdk-${api}-stream-${mode}`);
        const result = streamText({
          model: model(),
          prompt: `stream ${mode} words`,
          headers: { "x-request-id": id, "x-confession-mode": mode },
        });
        expect(await result.text).toBe(`echo: stream ${mode} words`);
        const detail = await stored(id);
        expect(detail.request).toMatchObject({ mode, stream: true, outcome: "ok" });
        expect(detail.confessions[0]?.status).toBe("ok");
      }
    });
  }
});

describe("reject mode", () => {
  const reject = { "x-confession-mode": "reject" };

  it("returns the first answer whose confession passes; every attempt is stored", async () => {
    scripted.push({ text: "BAD first" }, { text: "good second" });
    const id = newId("reject");
    const { data, response } = await openai()
      .chat.completions.create(
        { model: MODEL, messages: [{ role: "user", content: "try" }] },
        { headers: { ...reject, "x-request-id": id } },
      )
      .withResponse();
    expect(data.choices[0]?.message.content).toBe("good second");
    expect((data as unknown as { confession: unknown }).confession).toMatchObject({
      status: "ok",
      grade: 6,
      flagged: false,
      attempt: 2,
      attempts: 2,
    });
    expect(response.headers.get("x-confession-grade")).toBe("6");
    const detail = await stored(id);
    expect(detail.request).toMatchObject({ mode: "reject", attempts: 2, chosenAttempt: 2, outcome: "ok" });
    expect(detail.attempts.map((a) => a.answer.text)).toEqual(["BAD first", "good second"]);
    expect(detail.confessions.map((c) => [c.attempt, c.grade, c.passed])).toEqual([
      [1, 2, false],
      [2, 6, true],
    ]);
  });

  it("none passes: the best by grade (the earliest of equals), flagged; an unreadable confession counts lowest", async () => {
    scripted.push({ text: "GARBLE one" }, { text: "BAD two" }, { text: "BAD three" });
    const id = newId("reject-none");
    const data = await openai().chat.completions.create(
      { model: MODEL, messages: [{ role: "user", content: "try hard" }] },
      { headers: { ...reject, "x-request-id": id } },
    );
    expect(data.choices[0]?.message.content).toBe("BAD two");
    const confession = (
      data as unknown as { confession: { flagged: boolean; attempt: number; reasons: string[] } }
    ).confession;
    expect(confession).toMatchObject({ flagged: true, attempt: 2, attempts: 3 });
    expect(confession.reasons.join(" ")).toContain("no answer passed");
    const detail = await stored(id);
    expect(detail.request).toMatchObject({ attempts: 3, chosenAttempt: 2 });
    expect(detail.confessions.map((c) => [c.status, c.grade])).toEqual([
      ["unparsed", null],
      ["ok", 2],
      ["ok", 2],
    ]);
    // an unreadable confession is never a pass
    expect(
      detail.confessions.filter((c) => c.status !== "ok").every((c) => c.passed === null && c.flagged),
    ).toBe(true);
  });

  it("a streaming client gets the chosen answer replayed as a stream, with the confession chunk", async () => {
    scripted.push({ text: "BAD streamed" }, { text: "good streamed answer" });
    const id = newId("reject-sse");
    const stream = await openai().chat.completions.create(
      { model: MODEL, messages: [{ role: "user", content: "try" }], stream: true },
      { headers: { ...reject, "x-request-id": id } },
    );
    let text = "";
    let confession: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      confession ??= (chunk as unknown as { confession?: unknown }).confession;
    }
    expect(text).toBe("good streamed answer");
    expect(confession).toMatchObject({ attempt: 2, flagged: false });
    expect((await stored(id)).attempts).toHaveLength(2);
  });
});

describe("off mode and sampling", () => {
  it("x-confession-mode: off forwards and records without a confession", async () => {
    const id = newId("off");
    const data = await openai().chat.completions.create(
      { model: MODEL, messages: [{ role: "user", content: "no check" }] },
      { headers: { "x-confession-mode": "off", "x-request-id": id } },
    );
    expect(data.choices[0]?.message.content).toBe("echo: no check");
    const detail = await stored(id);
    expect(detail.request.mode).toBe("off");
    expect(detail.attempts).toHaveLength(1);
    expect(detail.confessions).toEqual([]);
  });

  it("an unknown mode header is a 400 that says what is valid", async () => {
    const id = newId("bad-mode");
    const error = await openai()
      .chat.completions.create(
        { model: MODEL, messages: [{ role: "user", content: "x" }] },
        { headers: { "x-confession-mode": "loud", "x-request-id": id } },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toContain("off, async, sync, reject");
    expect((await stored(id)).request).toMatchObject({ outcome: "bad_request", httpStatus: 400 });
  });
});

/** A raw HTTP request to the proxy, for what clients cannot send (no key, bad JSON, chunked bodies). */
function raw(
  path: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | string[];
    keepOpen?: boolean;
  } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${proxy.origin}${path}`,
      { method: init.method ?? "POST", headers: init.headers ?? {} },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => {
          body += d;
        });
        res.on("end", () => {
          if (init.keepOpen) req.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on("error", reject);
    const parts = init.body === undefined ? [] : Array.isArray(init.body) ? init.body : [init.body];
    for (const part of parts) req.write(part);
    if (init.keepOpen) req.flushHeaders();
    else req.end();
  });
}

const chatBody = (content: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model: MODEL, messages: [{ role: "user", content }], ...extra });

/** The server still answers: a plain request after a fault succeeds. */
async function stillServing() {
  const data = await openai().chat.completions.create({
    model: MODEL,
    messages: [{ role: "user", content: "still there?" }],
  });
  expect(data.choices[0]?.message.content).toBe("echo: still there?");
}

describe("faults", () => {
  it("upstream 500: the same status and the upstream's error body", async () => {
    scripted.push({ error: { status: 500, message: "upstream exploded" } });
    const id = newId("up500");
    const error = await openai()
      .chat.completions.create(
        { model: MODEL, messages: [{ role: "user", content: "x" }] },
        { headers: { "x-request-id": id } },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(500);
    expect((error as Error).message).toContain("upstream exploded");
    // the upstream's own error, marked as such (the proxy's own refusals never carry the header)
    expect((error as InstanceType<typeof OpenAI.APIError>).headers?.get("x-confession-upstream-error")).toBe(
      "500",
    );
    const detail = await stored(id);
    expect(detail.request).toMatchObject({ outcome: "upstream_error", httpStatus: 500, attempts: 0 });
    expect(detail.confessions).toEqual([]);
    await stillServing();
  });

  it("upstream timeout: 504", async () => {
    slow.add("sleepy-json");
    const id = newId("timeout");
    const error = await openai()
      .chat.completions.create(
        { model: MODEL, messages: [{ role: "user", content: "sleepy-json" }] },
        { headers: { "x-request-id": id } },
      )
      .catch((e: unknown) => e);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(504);
    expect((await stored(id)).request).toMatchObject({ outcome: "upstream_timeout", httpStatus: 504 });
    await stillServing();
  });

  it("a stream cut mid-way ends with an error event the client raises, recorded as upstream_error", async () => {
    scripted.push({ text: "one two three four five six", cutStreamAfter: 3 });
    const id = newId("cut");
    const stream = await openai().chat.completions.create(
      { model: MODEL, messages: [{ role: "user", content: "x" }], stream: true },
      { headers: { "x-request-id": id } },
    );
    let text = "";
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toContain("ended before it was complete");
    expect(text).toBe("one two ");
    const detail = await stored(id);
    expect(detail.request).toMatchObject({ outcome: "upstream_error", chosenAttempt: null });
    expect(detail.attempts[0]?.answer.text).toBe("one two ");
    expect(detail.confessions).toEqual([]);
    await stillServing();
  });

  it("a stream that ends cleanly after its finish reason but without [DONE] is complete, and confessed", async () => {
    const chunk = (delta: Record<string, unknown>, finish: string | null) =>
      `data: ${JSON.stringify({ id: "chatcmpl-x", object: "chat.completion.chunk", created: 1, model: MODEL, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    scripted.push({
      raw: {
        status: 200,
        headers: { "content-type": "text/event-stream" },
        body: chunk({ role: "assistant", content: "no done " }, null) + chunk({ content: "marker" }, "stop"),
      },
    });
    const id = newId("no-done");
    const stream = await openai().chat.completions.create(
      { model: MODEL, messages: [{ role: "user", content: "x" }], stream: true },
      { headers: { "x-request-id": id } },
    );
    let text = "";
    for await (const part of stream) text += part.choices[0]?.delta.content ?? "";
    expect(text).toBe("no done marker");
    const detail = await stored(id);
    expect(detail.request).toMatchObject({ outcome: "ok" });
    expect(detail.confessions[0]?.status).toBe("ok");
  });

  it("a stream cut in the middle of an event (async): the client gets the documented error, not broken JSON", async () => {
    const chunk = JSON.stringify({
      id: "chatcmpl-y",
      object: "chat.completion.chunk",
      created: 1,
      model: MODEL,
      choices: [{ index: 0, delta: { role: "assistant", content: "partial " }, finish_reason: null }],
    });
    scripted.push({
      raw: {
        status: 200,
        headers: { "content-type": "text/event-stream" },
        body: `data: ${chunk}\n\ndata: {"id": "chatcmpl-y", "choi`,
      },
    });
    const id = newId("mid-event");
    const stream = await openai().chat.completions.create(
      { model: MODEL, messages: [{ role: "user", content: "x" }], stream: true },
      { headers: { "x-request-id": id } },
    );
    let text = "";
    const error = await (async () => {
      try {
        for await (const part of stream) text += part.choices[0]?.delta.content ?? "";
      } catch (e) {
        return e as { message?: string };
      }
      return undefined;
    })();
    expect(text).toBe("partial ");
    expect(error?.message ?? "").toMatch(/ended before it was complete|stream/i);
    expect(error?.message ?? "").not.toMatch(/JSON/);
    expect((await stored(id)).request).toMatchObject({ outcome: "upstream_error" });
    await stillServing();
  });

  it("malformed upstream JSON: 502", async () => {
    scripted.push({ raw: { status: 200, body: '{"id": "chatcmpl-1", "choices": [' } });
    const id = newId("malformed");
    const response = await raw("/v1/chat/completions", {
      headers: {
        authorization: `Bearer ${clientKey}`,
        "content-type": "application/json",
        "x-request-id": id,
      },
      body: chatBody("x"),
    });
    expect(response.status).toBe(502);
    expect(JSON.parse(response.body).error).toMatchObject({
      type: "upstream_error",
      code: "upstream_invalid_json",
    });
    expect((await stored(id)).request).toMatchObject({ outcome: "upstream_error", httpStatus: 502 });
    await stillServing();
  });

  it("oversized bodies: 413, by Content-Length and by counting a chunked upload", async () => {
    const id = newId("big");
    const error = await openai()
      .chat.completions.create(
        { model: MODEL, messages: [{ role: "user", content: "x".repeat(100 * 1024) }] },
        { headers: { "x-request-id": id } },
      )
      .catch((e: unknown) => e);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(413);
    expect((await stored(id)).request).toMatchObject({ outcome: "too_large", httpStatus: 413 });

    const chunkedId = newId("big-chunked");
    const chunk = "y".repeat(16 * 1024);
    const response = await raw("/v1/chat/completions", {
      headers: {
        authorization: `Bearer ${clientKey}`,
        "transfer-encoding": "chunked",
        "x-request-id": chunkedId,
      },
      body: [
        `{"model":"${MODEL}","messages":[{"role":"user","content":"`,
        chunk,
        chunk,
        chunk,
        chunk,
        chunk,
        '"}]}',
      ],
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error.code).toBe("request_too_large");
    expect((await stored(chunkedId)).request.outcome).toBe("too_large");

    // a Content-Length over the limit is refused before any of the body is read (here, most never comes)
    const declaredId = newId("big-declared");
    const declared = await raw("/v1/chat/completions", {
      headers: {
        authorization: `Bearer ${clientKey}`,
        "content-length": String(1024 * 1024),
        "x-request-id": declaredId,
      },
      body: [],
      keepOpen: true,
    });
    expect(declared.status).toBe(413);
    expect((await stored(declaredId)).request).toMatchObject({
      outcome: "too_large",
      request: { note: expect.stringContaining("Content-Length") },
    });
    await stillServing();
  });

  it("missing and wrong keys: 401, recorded without a key id", async () => {
    const missingId = newId("nokey");
    const missing = await raw("/v1/chat/completions", {
      headers: { "content-type": "application/json", "x-request-id": missingId },
      body: chatBody("x"),
    });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body).error).toMatchObject({ code: "missing_api_key", param: null });

    const wrongId = newId("wrongkey");
    const error = await openai({ apiKey: "ck-not-a-real-key" })
      .chat.completions.create(
        { model: MODEL, messages: [{ role: "user", content: "x" }] },
        { headers: { "x-request-id": wrongId } },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    for (const id of [missingId, wrongId]) {
      expect((await stored(id)).request).toMatchObject({
        outcome: "unauthorized",
        httpStatus: 401,
        keyId: null,
      });
    }
    // nothing reached the upstream for them
    expect(
      upstream.requests.some((r) => [missingId, wrongId].includes(r.headers["x-request-id"] ?? "")),
    ).toBe(false);
    await stillServing();
  });

  it("invalid JSON and a missing model: 400; unknown routes: 404 OpenAI-style, not recorded", async () => {
    const id = newId("badjson");
    const bad = await raw("/v1/chat/completions", {
      headers: { authorization: `Bearer ${clientKey}`, "x-request-id": id },
      body: "{nope",
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.code).toBe("invalid_json");
    expect((await stored(id)).request).toMatchObject({ outcome: "bad_request", request: { text: "{nope" } });

    const noModel = await raw("/v1/responses", {
      headers: { authorization: `Bearer ${clientKey}` },
      body: JSON.stringify({ input: "hi" }),
    });
    expect(noModel.status).toBe(400);
    expect(JSON.parse(noModel.body).error).toMatchObject({ param: "model", code: "missing_model" });

    const unknown = await raw("/v1/embeddings", {
      headers: { authorization: `Bearer ${clientKey}` },
      body: "{}",
    });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toEqual({
      error: {
        message: expect.stringContaining("no route for POST /v1/embeddings"),
        type: "invalid_request_error",
        param: null,
        code: "unknown_route",
      },
    });
    await stillServing();
  });

  it("a client that disconnects mid-stream cancels the upstream request and is recorded", async () => {
    const paced = await startMockOpenAIServer({
      streamIntervalMs: 30,
      handler: () => ({ text: "word ".repeat(200) }),
    });
    const pacedStore = MonitorStore.open(":memory:");
    const pacedProxy = await startMonitorServer({
      upstream: paced.url,
      sink: pacedStore,
      keys: null,
      port: 0,
    });
    try {
      const id = newId("disconnect");
      const controller = new AbortController();
      const response = await fetch(`${pacedProxy.url}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-request-id": id },
        body: chatBody("talk", { stream: true }),
        signal: controller.signal,
      });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      controller.abort();
      await expect
        .poll(() => pacedStore.getRequest(id)?.request.outcome, { timeout: 5000 })
        .toBe("client_disconnected");
      await expect.poll(() => paced.abortedStreams, { timeout: 5000 }).toBe(1);
      await pacedProxy.drain();
      expect(pacedStore.getRequest(id)?.confessions).toEqual([]);
      // still serving
      const after = await fetch(`${pacedProxy.url}/models`);
      expect(after.status).toBe(200);
    } finally {
      await pacedProxy.close();
      await paced.close();
      pacedStore.close();
    }
  });
});

describe("a model served only on the Responses API", () => {
  it("confesses over /v1/responses, and without an upstream key sends no Authorization header", async () => {
    const responsesOnly = await startMockOpenAIServer({
      handler: (request) =>
        request.path !== "/v1/responses"
          ? { error: { status: 404, message: "this model is only served on /v1/responses" } }
          : isConfession(request)
            ? { text: confessedAnswer(request).includes("BAD") ? report(2, false) : report(6, true) }
            : { text: "a BAD answer" },
    });
    const sideStore = MonitorStore.open(":memory:");
    const side = await startMonitorServer({
      upstream: responsesOnly.url,
      sink: sideStore,
      keys: null,
      port: 0,
      mode: "sync",
    });
    try {
      const id = newId("responses-only");
      const client = new OpenAI({ baseURL: side.url, apiKey: "unused", maxRetries: 0 });
      const response = await client.responses.create(
        { model: MODEL, input: "answer me" },
        { headers: { "x-request-id": id } },
      );
      expect(response.output_text).toBe("a BAD answer");
      const confession = (response as unknown as { confession: { status: string; grade: number } })
        .confession;
      expect(confession).toMatchObject({ status: "ok", grade: 2 });
      expect(sideStore.getRequest(id)?.confessions[0]).toMatchObject({
        status: "ok",
        grade: 2,
        flagged: true,
      });
      const calls = responsesOnly.requests.filter((r) => r.method === "POST");
      expect(calls.map((r) => r.path)).toEqual(["/v1/responses", "/v1/responses"]);
      expect(calls.every((r) => r.headers.authorization === undefined)).toBe(true);
    } finally {
      await side.close();
      await responsesOnly.close();
      sideStore.close();
    }
  });

  it("sends the upstream key with a Responses confession", async () => {
    const id = newId("resp-key");
    await openai().responses.create(
      { model: MODEL, input: "key check" },
      { headers: { "x-request-id": id } },
    );
    await proxy.drain();
    const confessionCall = upstream.requests.find(
      (r) => r.path === "/v1/responses" && isConfession(r) && confessedAnswer(r) === "echo: key check",
    );
    expect(confessionCall?.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
  });
});

describe("sync mode, client gone during the confession", () => {
  it("the answer is still confessed about in the background, and the request is recorded as disconnected", async () => {
    const slowConfessions = await startMockOpenAIServer({
      handler: (request) =>
        isConfession(request)
          ? new Promise((resolve) => setTimeout(() => resolve({ text: report(6, true) }), 600))
          : { text: "quick answer" },
    });
    const sideStore = MonitorStore.open(":memory:");
    const side = await startMonitorServer({
      upstream: slowConfessions.url,
      sink: sideStore,
      keys: null,
      port: 0,
      mode: "sync",
    });
    try {
      const id = newId("sync-gone");
      const controller = new AbortController();
      const pending = fetch(`${side.url}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-request-id": id },
        body: chatBody("leaving early"),
        signal: controller.signal,
      }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
      controller.abort();
      await pending;
      await expect
        .poll(() => sideStore.getRequest(id)?.request.outcome, { timeout: 5000 })
        .toBe("client_disconnected");
      await side.drain();
      expect(sideStore.getRequest(id)?.confessions).toEqual([
        expect.objectContaining({ status: "ok", grade: 6 }),
      ]);
    } finally {
      await side.close();
      await slowConfessions.close();
      sideStore.close();
    }
  });
});

describe("more upstream faults, on servers of their own", () => {
  it("an unreachable upstream is a 502; a stream that stalls ends with a timeout error event", async () => {
    // an upstream that starts a stream, sends one chunk, then says nothing more
    let stalledClosed = false;
    const stalling: Server = createServer((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "text/event-stream" });
      const chunk = { id: "chatcmpl-stall", object: "chat.completion.chunk", created: 1, model: MODEL };
      res.write(
        `data: ${JSON.stringify({ ...chunk, choices: [{ index: 0, delta: { content: "Hel" } }] })}\n\n`,
      );
      res.on("close", () => {
        stalledClosed = true;
      });
    });
    await new Promise<void>((resolve) => stalling.listen(0, "127.0.0.1", resolve));
    const stallingUrl = `http://127.0.0.1:${(stalling.address() as AddressInfo).port}/v1`;
    const sideStore = MonitorStore.open(":memory:");
    const stalled = await startMonitorServer({
      upstream: stallingUrl,
      sink: sideStore,
      keys: null,
      port: 0,
      timeoutMs: 300,
    });
    const nowhere = await startMonitorServer({
      upstream: "http://127.0.0.1:9/v1",
      sink: sideStore,
      keys: null,
      port: 0,
    });
    try {
      const unreachableId = newId("unreachable");
      const down = await fetch(`${nowhere.url}/chat/completions`, {
        method: "POST",
        headers: { "x-request-id": unreachableId },
        body: chatBody("x"),
      });
      expect(down.status).toBe(502);
      expect(((await down.json()) as { error: { code: string } }).error.code).toBe("upstream_unreachable");

      const stallId = newId("stall");
      const client = new OpenAI({ baseURL: stalled.url, apiKey: "unused", maxRetries: 0 });
      const stream = await client.chat.completions.create(
        { model: MODEL, messages: [{ role: "user", content: "x" }], stream: true },
        { headers: { "x-request-id": stallId } },
      );
      let text = "";
      const error = await (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
      })().catch((e: unknown) => e);
      expect(text).toBe("Hel");
      expect((error as Error).message).toContain("stalled");

      await stalled.drain();
      expect(sideStore.getRequest(unreachableId)?.request).toMatchObject({
        outcome: "upstream_error",
        httpStatus: 502,
      });
      expect(sideStore.getRequest(stallId)?.request).toMatchObject({
        outcome: "upstream_timeout",
        httpStatus: 200,
      });
      expect(sideStore.getRequest(stallId)?.attempts[0]?.answer.text).toBe("Hel");
      await expect.poll(() => stalledClosed).toBe(true);
    } finally {
      await stalled.close();
      await nowhere.close();
      sideStore.close();
      stalling.closeAllConnections();
      await new Promise((resolve) => stalling.close(resolve));
    }
  });
});

describe("surfacing, webhooks, sampling", () => {
  it("surface appends the notice to a flagged answer (sync JSON) and the webhook gets the flag", async () => {
    const received: unknown[] = [];
    const hook: Server = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => {
        body += d;
      });
      req.on("end", () => {
        received.push(JSON.parse(body));
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/flags`;
    const sideStore = MonitorStore.open(":memory:");
    const side = await startMonitorServer({
      upstream: upstream.url,
      upstreamKey: UPSTREAM_KEY,
      sink: sideStore,
      keys: null,
      port: 0,
      mode: "sync",
      surface: true,
      webhookUrl: hookUrl,
    });
    try {
      const client = new OpenAI({ baseURL: side.url, apiKey: "unused", maxRetries: 0 });
      const id = newId("surface");
      const flagged = await client.chat.completions.create(
        { model: MODEL, messages: [{ role: "user", content: "BAD idea" }] },
        { headers: { "x-request-id": id } },
      );
      const content = flagged.choices[0]?.message.content ?? "";
      expect(content.startsWith("echo: BAD idea\n\n")).toBe(true);
      expect(content).toContain(SURFACE_NOTICE_MARKER);
      const fine = await client.chat.completions.create({
        model: MODEL,
        messages: [{ role: "user", content: "fine" }],
      });
      expect(fine.choices[0]?.message.content).toBe("echo: fine");
      // structured output is never touched: the flag is in the confession field only
      const structured = await client.chat.completions.create({
        model: MODEL,
        messages: [{ role: "user", content: "BAD json" }],
        response_format: { type: "json_object" },
      });
      expect(structured.choices[0]?.message.content).not.toContain(SURFACE_NOTICE_MARKER);
      expect((structured as unknown as { confession: { flagged: boolean } }).confession.flagged).toBe(true);
      // Responses: the notice goes at the end of the last output text
      const response = await client.responses.create({ model: MODEL, input: "BAD input" });
      expect(response.output_text.startsWith("echo: BAD input\n\n")).toBe(true);
      expect(response.output_text).toContain(SURFACE_NOTICE_MARKER);

      await side.drain();
      // the chat answer, the structured one, the responses one
      expect(received).toHaveLength(3);
      expect(received).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            client_request_id: id,
            mode: "sync",
            confession: expect.objectContaining({ flagged: true }),
          }),
          expect.objectContaining({
            api: "responses",
            confession: expect.objectContaining({ flagged: true }),
          }),
        ]),
      );
      expect(sideStore.getRequest(id)?.webhooks).toEqual([expect.objectContaining({ status: "delivered" })]);
    } finally {
      await side.close();
      sideStore.close();
      await new Promise((resolve) => hook.close(resolve));
    }
  });

  it("a sample rate of 0 forwards the default mode's requests as off; a mode header still applies", async () => {
    const sideStore = MonitorStore.open(":memory:");
    const side = await startMonitorServer({
      upstream: upstream.url,
      sink: sideStore,
      keys: null,
      port: 0,
      sampleRate: 0,
    });
    try {
      const client = new OpenAI({ baseURL: side.url, apiKey: "unused", maxRetries: 0 });
      const before = confessionCalls;
      const outId = newId("sampled-out");
      await client.chat.completions.create(
        { model: MODEL, messages: [{ role: "user", content: "a" }] },
        { headers: { "x-request-id": outId } },
      );
      const inId = newId("header-mode");
      await client.chat.completions.create(
        { model: MODEL, messages: [{ role: "user", content: "b" }] },
        { headers: { "x-request-id": inId, "x-confession-mode": "async" } },
      );
      await side.drain();
      expect(sideStore.getRequest(outId)?.request.mode).toBe("off");
      expect(sideStore.getRequest(outId)?.confessions).toEqual([]);
      expect(sideStore.getRequest(inId)?.confessions).toHaveLength(1);
      expect(confessionCalls).toBe(before + 1);
    } finally {
      await side.close();
      sideStore.close();
    }
  });
});

describe("the upstream key stays on the server", () => {
  it("GET /v1/models and /healthz work; the key is in no response, log or store file", async () => {
    const models = await openai().models.list();
    expect(models.data.map((m) => m.id)).toEqual([MODEL]);
    expect((await openai().models.retrieve(MODEL)).id).toBe(MODEL);
    const health = await raw("/healthz", { method: "GET" });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ status: "ok", version: expect.any(String) });

    // a failure whose text could carry it: the upstream refuses and echoes what it was sent
    scripted.push({ error: { status: 401, message: `bad key ${UPSTREAM_KEY}` } });
    const echoed = await raw("/v1/chat/completions", {
      headers: { authorization: `Bearer ${clientKey}`, "x-request-id": newId("echo-key") },
      body: chatBody("x"),
    });
    expect(echoed.status).toBe(401);
    expect(echoed.body).not.toContain(UPSTREAM_KEY);
    expect(JSON.parse(echoed.body).error.message).toBe("bad key [redacted]");

    await proxy.drain();
    const files = [dbPath, `${dbPath}-wal`].filter(existsSync);
    for (const file of files) expect(readFileSync(file).includes(UPSTREAM_KEY)).toBe(false);
    expect(logs.join("")).not.toContain(UPSTREAM_KEY);
  });
});

describe("confess serve (in-process)", () => {
  const cli = () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      stdin: async () => "",
      env: { CONFESS_UPSTREAM_API_KEY: UPSTREAM_KEY },
      isTTY: false,
    };
    return { io, out, err };
  };
  const run = async (args: string[], io: CliIO) => {
    let code = -1;
    const program = new Command("confess")
      .exitOverride()
      .configureOutput({ writeErr: io.stderr, writeOut: io.stdout });
    registerServeCommand(program, io, (c) => {
      code = c;
    });
    for (const command of program.commands) command.exitOverride().configureOutput({ writeErr: io.stderr });
    try {
      await program.parseAsync(args, { from: "user" });
    } catch (error) {
      if (error instanceof CommanderError) return 2;
      if (UsageError.isUsage(error)) {
        io.stderr((error as Error).message);
        return 2;
      }
      throw error;
    }
    return code;
  };

  it("bad flags exit 2 and say what to fix", async () => {
    const db = join(tempDir(), "cli.db");
    const cases: Array<[string[], RegExp]> = [
      [["serve", "--upstream", "not a url"], /is not a URL/],
      [["serve", "--upstream", "ftp://x/v1"], /http:\/\/ or https:\/\//],
      [["serve", "--upstream", upstream.url, "--mode", "loud"], /expected one of: off, async, sync, reject/],
      [["serve", "--upstream", upstream.url, "--sample", "2"], /from 0 to 1/],
      [["serve", "--upstream", upstream.url, "--min-grade", "9"], /whole number from 1 to 7/],
      [["serve", "--upstream", upstream.url, "--flag-levels", "meh"], /unknown compliance level "meh"/],
      [["serve", "--upstream", upstream.url, "--webhook", "mailto:x"], /http:\/\/ or https:\/\//],
      [
        ["serve", "--upstream", upstream.url, "--db", db],
        /no active key: create one with `confess keys create/,
      ],
      [
        ["serve", "--upstream", upstream.url, "--db", db, "--no-auth", "--port", new URL(proxy.url).port],
        /cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\); choose another --port/,
      ],
    ];
    for (const [args, message] of cases) {
      const { io, err } = cli();
      expect(await run(args, io), args.join(" ")).toBe(2);
      expect(err.join(""), args.join(" ")).toMatch(message);
    }
  });

  it("starts, prints its URL and whether keys are required, serves, and drains on stop", async () => {
    const db = join(tempDir(), "cli.db");
    const { io, out } = cli();
    const stop = new AbortController();
    let url = "";
    const flags = {
      upstream: upstream.url,
      port: 0,
      host: "127.0.0.1",
      mode: "async" as const,
      sample: 1,
      maxAttempts: 3,
      variant: "paper" as const,
      auth: false,
      bodyLimit: 1024 * 1024,
      timeout: 5,
      db,
    };
    const running = runServeCommand(flags, io, {
      stop: stop.signal,
      onListening: (server) => {
        url = server.url;
      },
    });
    await expect.poll(() => url).not.toBe("");
    expect(out.join("")).toContain(`listening on ${url}`);
    expect(out.join("")).toContain("client keys NOT required");
    const client = new OpenAI({ baseURL: url, apiKey: "unused", maxRetries: 0 });
    const data = await client.chat.completions.create(
      { model: MODEL, messages: [{ role: "user", content: "via cli" }] },
      { headers: { "x-request-id": "t-cli-1" } },
    );
    expect(data.choices[0]?.message.content).toBe("echo: via cli");
    stop.abort();
    expect(await running).toBe(0);
    // stopping waited for the confession
    const reopened = MonitorStore.open(db);
    try {
      expect(reopened.getRequest("t-cli-1")?.confessions).toHaveLength(1);
    } finally {
      reopened.close();
    }
  });
});
