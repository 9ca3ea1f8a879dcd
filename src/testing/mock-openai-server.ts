import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A scripted tool call the mock model makes. `id` defaults to `call_<n>`. */
export interface MockToolCall {
  name: string;
  arguments: object;
  id?: string;
}

/**
 * What the mock answers to one `POST /v1/chat/completions` or `POST /v1/responses`: a completion, an HTTP
 * error (for retry tests) or a raw response (for malformed-body tests). The same reply renders in either
 * API's shape, so one handler serves both.
 */
export type MockReply =
  | {
      text?: string;
      toolCalls?: MockToolCall[];
      /**
       * Chat completions: sent as `reasoning_content`, the field OpenAI-compatible servers (vLLM, DeepSeek)
       * use. Responses: a `reasoning` output item with this text as its summary.
       */
      reasoning?: string;
      /** Responses: `length` ends the response `incomplete` (reason `max_output_tokens`). */
      finishReason?: "stop" | "length" | "tool_calls";
      /** Token counts to report; a deterministic estimate from the text lengths otherwise. */
      usage?: { promptTokens: number; completionTokens: number };
      /** The `model` field of the response; the request's model otherwise. */
      model?: string;
      /**
       * For stream-cut tests: when streaming, send only this many SSE events, then drop the connection
       * (no `[DONE]`, no `response.completed`). Ignored for JSON replies.
       */
      cutStreamAfter?: number;
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
  /**
   * Decides the reply to each completion of either API (`request.path` tells which);
   * {@link defaultMockHandler} when omitted.
   */
  handler?: MockHandler;
  /** Delay before each completion reply (both APIs), to simulate a slow model. */
  latencyMs?: number;
  /**
   * Pause between the SSE events of a streamed reply, to simulate a model that writes slowly (and give a
   * client time to disconnect mid-stream). Without it the whole stream is written at once.
   */
  streamIntervalMs?: number;
  /** Port to bind on 127.0.0.1; an ephemeral port when omitted. */
  port?: number;
}

export interface MockOpenAIServer {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:53117/v1`. */
  url: string;
  /** Every request received, in order (chat completions, responses, model listings and unknown paths alike). */
  requests: MockRequest[];
  /**
   * Streamed replies whose client went away before the last event was written: how a test sees that a
   * proxy cancelled its upstream request. Only a paced stream (`streamIntervalMs`) can be cut short.
   */
  readonly abortedStreams: number;
  close(): Promise<void>;
}

export const MOCK_MODEL_ID = "mock-model";

const CHAT_PATH = "/v1/chat/completions";
const RESPONSES_PATH = "/v1/responses";

/** A reply that is a completion (not an injected error or raw body). */
type CompletionReply = Exclude<MockReply, { error: unknown } | { raw: unknown }>;

/**
 * The reply used when no handler is given: echoes the last user message (of a chat completion's
 * `messages` or a response's `input`), so it is deterministic and easy to assert on.
 *
 * @example
 * defaultMockHandler({ method: "POST", path: "/v1/chat/completions", headers: {},
 *   body: { messages: [{ role: "user", content: "hi" }] } }); // { text: "echo: hi" }
 * defaultMockHandler({ method: "POST", path: "/v1/responses", headers: {}, body: { input: "hi" } });
 * // { text: "echo: hi" }
 */
export function defaultMockHandler(request: MockRequest): MockReply {
  if (request.path === RESPONSES_PATH) return { text: `echo: ${lastResponsesUserText(request.body)}` };
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
 * and `POST /v1/responses` (JSON, or SSE when `stream: true`, shaped as OpenAI sends them so the `openai`
 * package and the AI SDK's providers read them) and `GET /v1/models`. Nothing leaves the machine.
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
  let abortedStreams = 0;
  const send = (res: ServerResponse, events: string[], cutAfter: number | undefined) =>
    writeStream(res, events, cutAfter, options.streamIntervalMs ?? 0, () => {
      abortedStreams += 1;
    });

  const server = createServer(async (req, res) => {
    // latency runs from the request's arrival, so reading and handling it do not add to it
    const due = performance.now() + (options.latencyMs ?? 0);
    try {
      const request = await readRequest(req);
      requests.push(request);
      const model = { id: MOCK_MODEL_ID, object: "model", created: 0, owned_by: "confessional-mock" };
      if (request.method === "GET" && request.path === "/v1/models") {
        sendJson(res, 200, { object: "list", data: [model] });
        return;
      }
      if (request.method === "GET" && request.path === `/v1/models/${MOCK_MODEL_ID}`) {
        sendJson(res, 200, model);
        return;
      }
      const chat = request.path === CHAT_PATH;
      if (request.method === "POST" && (chat || request.path === RESPONSES_PATH)) {
        const reply = await handler(request);
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        completionCount += 1;
        if ("error" in reply) {
          const { status, message, headers } = reply.error;
          sendError(res, status, message ?? `mock error ${status}`, headers);
        } else if ("raw" in reply) {
          res.writeHead(reply.raw.status, { "content-type": "application/json", ...reply.raw.headers });
          res.end(reply.raw.body);
        } else if (chat) {
          sendChatReply(res, request, reply, `chatcmpl-mock-${completionCount}`, send);
        } else {
          sendResponsesReply(res, request, reply, completionCount, send);
        }
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
    get abortedStreams() {
      return abortedStreams;
    },
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

type StreamWriter = (res: ServerResponse, events: string[], cutAfter: number | undefined) => void;

function sendChatReply(
  res: ServerResponse,
  request: MockRequest,
  reply: CompletionReply,
  id: string,
  send: StreamWriter,
): void {
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

  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices, ...extra })}\n\n`;
  const delta = (d: Record<string, unknown>, finish: string | null = null) =>
    chunk([{ index: 0, delta: d, finish_reason: finish, logprobs: null }]);

  const events = [delta({ role: "assistant", content: "" })];
  if (reply.reasoning) events.push(delta({ reasoning_content: reply.reasoning }));
  for (const piece of words(text ?? "")) events.push(delta({ content: piece }));
  toolCalls.forEach((call, index) => {
    events.push(delta({ tool_calls: [{ index, ...call }] }));
  });
  events.push(delta({}, finishReason));
  // OpenAI sends usage in a last chunk with no choices, and only when asked for it.
  if (request.body?.stream_options?.include_usage) events.push(chunk([], { usage }));
  events.push("data: [DONE]\n\n");
  send(res, events, reply.cutStreamAfter);
}

/**
 * Answers `POST /v1/responses` as OpenAI does: a `response` object, or with `stream: true` the typed SSE
 * events (`event: <type>` plus `data: {type, sequence_number, ...}`) from `response.created` through each
 * output item's added/delta/done events to `response.completed` (or `response.incomplete`) with usage.
 */
function sendResponsesReply(
  res: ServerResponse,
  request: MockRequest,
  reply: CompletionReply,
  count: number,
  send: StreamWriter,
): void {
  const body = request.body ?? {};
  const model = reply.model ?? (typeof body.model === "string" ? body.model : MOCK_MODEL_ID);
  const id = `resp_mock_${count}`;
  const calls = reply.toolCalls ?? [];
  const text = reply.text ?? (calls.length > 0 ? undefined : "");
  const output: ResponsesItem[] = [];
  if (reply.reasoning !== undefined) {
    output.push({
      type: "reasoning",
      id: `rs_mock_${count}_${output.length}`,
      summary: [{ type: "summary_text", text: reply.reasoning }],
    });
  }
  if (text !== undefined) {
    output.push({
      type: "message",
      id: `msg_mock_${count}_${output.length}`,
      status: "completed",
      role: "assistant",
      content: [{ type: "output_text", text, annotations: [], logprobs: [] }],
    });
  }
  calls.forEach((call, index) => {
    output.push({
      type: "function_call",
      id: `fc_mock_${count}_${output.length}`,
      call_id: call.id ?? `call_${index + 1}`,
      name: call.name,
      arguments: JSON.stringify(call.arguments),
      status: "completed",
    });
  });

  const inputTokens =
    reply.usage?.promptTokens ?? estimateTokens(JSON.stringify([body.instructions ?? "", body.input ?? ""]));
  const outputTokens =
    reply.usage?.completionTokens ??
    estimateTokens(
      (text ?? "") + (reply.reasoning ?? "") + calls.map((c) => JSON.stringify(c.arguments)).join(""),
    );
  const incomplete = reply.finishReason === "length";
  const response = {
    id,
    object: "response",
    created_at: 1_700_000_000,
    status: incomplete ? "incomplete" : "completed",
    error: null,
    incomplete_details: incomplete ? { reason: "max_output_tokens" } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model,
    output,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: "text" } },
    tool_choice: body.tool_choice ?? "auto",
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: "disabled",
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + outputTokens,
    },
    user: null,
    metadata: {},
  };

  if (body.stream !== true) {
    sendJson(res, 200, response);
    return;
  }

  const events: string[] = [];
  const event = (type: string, fields: Record<string, unknown>) => {
    const data = JSON.stringify({ type, sequence_number: events.length, ...fields });
    events.push(`event: ${type}\ndata: ${data}\n\n`);
  };
  const pending = {
    ...response,
    status: "in_progress",
    incomplete_details: null,
    output: [],
    usage: null,
  };
  event("response.created", { response: pending });
  event("response.in_progress", { response: pending });
  output.forEach((item, output_index) => {
    const at = { item_id: item.id, output_index };
    if (item.type === "message") {
      const part = item.content[0] ?? { type: "output_text", text: "", annotations: [], logprobs: [] };
      event("response.output_item.added", {
        output_index,
        item: { ...item, status: "in_progress", content: [] },
      });
      event("response.content_part.added", { ...at, content_index: 0, part: { ...part, text: "" } });
      for (const delta of words(part.text)) {
        event("response.output_text.delta", { ...at, content_index: 0, delta, logprobs: [] });
      }
      event("response.output_text.done", { ...at, content_index: 0, text: part.text, logprobs: [] });
      event("response.content_part.done", { ...at, content_index: 0, part });
    } else if (item.type === "function_call") {
      event("response.output_item.added", {
        output_index,
        item: { ...item, arguments: "", status: "in_progress" },
      });
      // Fragments cut mid-token, so clients really have to concatenate the arguments.
      for (const delta of item.arguments.match(/[\s\S]{1,5}/g) ?? []) {
        event("response.function_call_arguments.delta", { ...at, delta });
      }
      event("response.function_call_arguments.done", { ...at, name: item.name, arguments: item.arguments });
    } else {
      const summary = item.summary[0] ?? { type: "summary_text", text: "" };
      event("response.output_item.added", { output_index, item: { ...item, summary: [] } });
      event("response.reasoning_summary_part.added", {
        ...at,
        summary_index: 0,
        part: { ...summary, text: "" },
      });
      for (const delta of words(summary.text)) {
        event("response.reasoning_summary_text.delta", { ...at, summary_index: 0, delta });
      }
      event("response.reasoning_summary_text.done", { ...at, summary_index: 0, text: summary.text });
      event("response.reasoning_summary_part.done", { ...at, summary_index: 0, part: summary });
    }
    event("response.output_item.done", { output_index, item });
  });
  event(incomplete ? "response.incomplete" : "response.completed", { response });
  send(res, events, reply.cutStreamAfter);
}

/** The output items the mock produces, in the Responses API's shapes. */
type ResponsesItem =
  | {
      type: "message";
      id: string;
      status: string;
      role: "assistant";
      content: Array<{ type: "output_text"; text: string; annotations: unknown[]; logprobs: unknown[] }>;
    }
  | { type: "function_call"; id: string; call_id: string; name: string; arguments: string; status: string }
  | { type: "reasoning"; id: string; summary: Array<{ type: "summary_text"; text: string }> };

/**
 * Writes a stream's SSE events: all at once, or paced by `intervalMs`. With `cutAfter` it writes that many
 * events and then destroys the socket, the way a dropped upstream connection looks to a client.
 */
function writeStream(
  res: ServerResponse,
  events: string[],
  cutAfter: number | undefined,
  intervalMs: number,
  onAborted: () => void,
): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const shown = cutAfter === undefined ? events : events.slice(0, Math.max(0, cutAfter));
  const finish = () => {
    if (cutAfter === undefined) res.end();
    else res.destroy();
  };
  if (intervalMs <= 0) {
    if (cutAfter === undefined) res.end(shown.join(""));
    else res.write(shown.join(""), () => res.destroy());
    return;
  }
  let next = 0;
  const timer = setInterval(() => {
    if (res.destroyed || res.writableEnded) {
      clearInterval(timer);
      return;
    }
    const chunk = shown[next++];
    if (chunk === undefined) {
      clearInterval(timer);
      finish();
      return;
    }
    res.write(chunk);
  }, intervalMs);
  res.on("close", () => {
    clearInterval(timer);
    // A close before every event was written is the client going away (a cut of our own is not).
    if (next < shown.length || (cutAfter === undefined && !res.writableFinished)) onAborted();
  });
}

/** Word-sized pieces (each with its trailing space), so clients really have to concatenate deltas. */
function words(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/** The text of the last user message of a Responses `input` (a string, or items with content parts). */
function lastResponsesUserText(body: unknown): string {
  const input = (body as { input?: unknown } | undefined)?.input;
  if (typeof input === "string") return input;
  if (!Array.isArray(input)) return "";
  const last = input.filter((item) => item?.role === "user").at(-1);
  if (typeof last?.content === "string") return last.content;
  if (!Array.isArray(last?.content)) return "";
  return last.content
    .map((part: { text?: unknown }) => (typeof part?.text === "string" ? part.text : ""))
    .join("");
}

/** Roughly four characters a token: deterministic, which is all the tests need. */
function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
