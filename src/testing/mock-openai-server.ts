import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A scripted tool call the mock model makes. `id` defaults to `call_<n>`. */
export interface MockToolCall {
  name: string;
  arguments: object;
  id?: string;
}

/**
 * What the mock answers to one `POST /v1/chat/completions`: a completion, an HTTP error (for retry tests)
 * or a raw response (for malformed-body tests).
 */
export type MockReply =
  | {
      text?: string;
      toolCalls?: MockToolCall[];
      /** Sent as `reasoning_content`, the field OpenAI-compatible servers (vLLM, DeepSeek) use. */
      reasoning?: string;
      finishReason?: "stop" | "length" | "tool_calls";
      /** Token counts to report; a deterministic estimate from the text lengths otherwise. */
      usage?: { promptTokens: number; completionTokens: number };
      /** The `model` field of the response; the request's model otherwise. */
      model?: string;
    }
  | { error: { status: number; message?: string; headers?: Record<string, string> } }
  | { raw: { status: number; body: string; headers?: Record<string, string> } };

/** One request the mock received, as the handler and the `requests` log see it. */
export interface MockRequest {
  method: string;
  /** The URL path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** The parsed JSON body (the raw text when it is not JSON; undefined when empty). */
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are free-form JSON that tests index into.
  body: any;
  /** Lower-cased header names. */
  headers: Record<string, string>;
}

export type MockHandler = (request: MockRequest) => MockReply | Promise<MockReply>;

export interface MockOpenAIServerOptions {
  /** Decides the reply to each chat completion; {@link defaultMockHandler} when omitted. */
  handler?: MockHandler;
  /** Delay before each chat-completion reply, to simulate a slow model. */
  latencyMs?: number;
  /** Port to bind on 127.0.0.1; an ephemeral port when omitted. */
  port?: number;
}

export interface MockOpenAIServer {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:53117/v1`. */
  url: string;
  /** Every request received, in order (chat completions, model listings and unknown paths alike). */
  requests: MockRequest[];
  close(): Promise<void>;
}

export const MOCK_MODEL_ID = "mock-model";

/**
 * The reply used when no handler is given: echoes the last user message, so it is deterministic and
 * easy to assert on.
 *
 * @example
 * defaultMockHandler({ method: "POST", path: "/v1/chat/completions", headers: {},
 *   body: { messages: [{ role: "user", content: "hi" }] } }); // { text: "echo: hi" }
 */
export function defaultMockHandler(request: MockRequest): MockReply {
  const messages: Array<{ role?: string; content?: unknown }> = Array.isArray(request.body?.messages)
    ? request.body.messages
    : [];
  const lastUser = messages.filter((m) => m.role === "user").at(-1);
  const content =
    typeof lastUser?.content === "string" ? lastUser.content : JSON.stringify(lastUser?.content);
  return { text: `echo: ${content ?? ""}` };
}

/**
 * A handler that answers with the given replies in order. When they run out it either starts over
 * (`cycle: true`) or answers HTTP 400 (not retryable, so a test that makes more calls than it
 * scripted fails at once with a message saying so).
 *
 * @example
 * const server = await startMockOpenAIServer({
 *   handler: replySequence([{ error: { status: 429, headers: { "retry-after": "1" } } }, { text: "ok" }]),
 * });
 */
export function replySequence(replies: MockReply[], options: { cycle?: boolean } = {}): MockHandler {
  if (replies.length === 0) throw new Error("replySequence needs at least one reply");
  let next = 0;
  return () => {
    if (next >= replies.length) {
      if (!options.cycle) {
        return {
          error: {
            status: 400,
            message: `mock replySequence exhausted: all ${replies.length} scripted replies were used`,
          },
        };
      }
      next = 0;
    }
    // biome-ignore lint/style/noNonNullAssertion: next is always within bounds here.
    return replies[next++]!;
  };
}

/**
 * Starts a small OpenAI-compatible server on 127.0.0.1 for tests and benchmarks: `POST /v1/chat/completions`
 * (JSON, or SSE when `stream: true`) and `GET /v1/models`. Nothing leaves the machine.
 *
 * @example
 * const server = await startMockOpenAIServer({ handler: () => ({ text: "4" }) });
 * const model = createAiSdkModel({ spec: "openai-compatible:mock-model", baseUrl: server.url });
 * await model.generate({ messages: [{ role: "user", content: "2+2?" }] });
 * await server.close();
 */
export async function startMockOpenAIServer(
  options: MockOpenAIServerOptions = {},
): Promise<MockOpenAIServer> {
  const handler = options.handler ?? defaultMockHandler;
  const requests: MockRequest[] = [];
  let completionCount = 0;

  const server = createServer(async (req, res) => {
    // latency runs from the request's arrival, so reading and handling it do not add to it
    const due = performance.now() + (options.latencyMs ?? 0);
    try {
      const request = await readRequest(req);
      requests.push(request);
      if (request.method === "GET" && request.path === "/v1/models") {
        sendJson(res, 200, {
          object: "list",
          data: [{ id: MOCK_MODEL_ID, object: "model", created: 0, owned_by: "confessional-mock" }],
        });
        return;
      }
      if (request.method === "POST" && request.path === "/v1/chat/completions") {
        const reply = await handler(request);
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        completionCount += 1;
        sendReply(res, request, reply, `chatcmpl-mock-${completionCount}`);
        return;
      }
      sendError(res, 404, `mock server: no route for ${request.method} ${request.path}`);
    } catch (error) {
      // A throwing handler is a broken test setup; answer 400 so clients do not retry it.
      sendError(
        res,
        400,
        `mock server handler failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
  server.keepAliveTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Idle keep-alive sockets would otherwise hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}

async function readRequest(req: IncomingMessage): Promise<MockRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  let body: unknown;
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  return { method: req.method ?? "GET", path: url.pathname, body, headers };
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers?: Record<string, string>,
): void {
  // The shape OpenAI uses, which the SDKs parse into their error messages.
  sendJson(
    res,
    status,
    { error: { message, type: "mock_error", param: null, code: String(status) } },
    headers,
  );
}

function sendReply(res: ServerResponse, request: MockRequest, reply: MockReply, id: string): void {
  if ("error" in reply) {
    sendError(
      res,
      reply.error.status,
      reply.error.message ?? `mock error ${reply.error.status}`,
      reply.error.headers,
    );
    return;
  }
  if ("raw" in reply) {
    res.writeHead(reply.raw.status, { "content-type": "application/json", ...reply.raw.headers });
    res.end(reply.raw.body);
    return;
  }

  const model = reply.model ?? (typeof request.body?.model === "string" ? request.body.model : MOCK_MODEL_ID);
  const toolCalls = (reply.toolCalls ?? []).map((call, index) => ({
    id: call.id ?? `call_${index + 1}`,
    type: "function" as const,
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
  const text = reply.text ?? (toolCalls.length > 0 ? null : "");
  const finishReason = reply.finishReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop");
  const promptTokens =
    reply.usage?.promptTokens ?? estimateTokens(JSON.stringify(request.body?.messages ?? ""));
  const completionTokens =
    reply.usage?.completionTokens ??
    estimateTokens(
      (text ?? "") + (reply.reasoning ?? "") + toolCalls.map((c) => c.function.arguments).join(""),
    );
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
  const created = 1_700_000_000;

  if (request.body?.stream !== true) {
    sendJson(res, 200, {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: text,
            ...(reply.reasoning !== undefined && { reasoning_content: reply.reasoning }),
            ...(toolCalls.length > 0 && { tool_calls: toolCalls }),
          },
          finish_reason: finishReason,
          logprobs: null,
        },
      ],
      usage,
    });
    return;
  }

  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices, ...extra })}\n\n`;
  const delta = (d: Record<string, unknown>, finish: string | null = null) =>
    chunk([{ index: 0, delta: d, finish_reason: finish, logprobs: null }]);

  let out = delta({ role: "assistant", content: "" });
  if (reply.reasoning) out += delta({ reasoning_content: reply.reasoning });
  // Split the text into word-sized deltas so clients really have to concatenate.
  for (const piece of (text ?? "").match(/\S+\s*|\s+/g) ?? []) out += delta({ content: piece });
  toolCalls.forEach((call, index) => {
    out += delta({ tool_calls: [{ index, ...call }] });
  });
  out += delta({}, finishReason);
  // OpenAI sends usage in a last chunk with no choices, and only when asked for it.
  if (request.body?.stream_options?.include_usage) out += chunk([], { usage });
  out += "data: [DONE]\n\n";
  res.end(out);
}

/** Roughly four characters a token: deterministic, which is all the tests need. */
function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
