import type { IncomingHttpHeaders } from "node:http";
import type { RequestOutcome } from "../monitor-types.ts";
import { isRecord, parseJson } from "../wire-values.ts";
import type { AnswerReading, ApiFormat } from "./api-format.ts";
import { redact } from "./monitor-recorder.ts";
import { isOpenAIErrorBody, openAIError } from "./openai-error.ts";
import { readSse, type SseReading } from "./sse-relay.ts";
import { callUpstream, readBody, type UpstreamCall, type UpstreamTarget } from "./upstream-call.ts";

/** Upstream response headers a client may act on (rate limits, retry hints); nothing else is passed on. */
const PASSED_HEADERS = /^(retry-after|retry-after-ms|x-ratelimit-[a-z-]+|openai-processing-ms)$/;
/** Error texts quote at most this much of an upstream body that is not an OpenAI error. */
const MAX_QUOTE_CHARS = 300;

/** What one upstream call gave: a JSON answer, a stream being read, or a failure ready to send. */
export type Asked =
  | {
      kind: "json";
      json: Record<string, unknown>;
      /** The upstream's body as it came, returned unchanged where nothing is added. */
      text: string;
      /** The upstream's status (a 2xx) and content type, returned as they came where nothing is added. */
      status: number;
      contentType: string;
      reading: AnswerReading;
      headers: Record<string, string>;
      latencyMs: number;
    }
  | { kind: "sse"; call: UpstreamCall; reading: SseReading; headers: Record<string, string>; started: number }
  | {
      kind: "failed";
      httpStatus: number;
      outcome: RequestOutcome;
      error: string;
      body: unknown;
      headers: Record<string, string>;
    };

/**
 * Sends the client's body to the upstream once and sorts out the answer. Failures come back ready to send,
 * in OpenAI's error shape: the upstream's own error body and status when it sent one, 504 on timeout, 502 when
 * the upstream cannot be reached or its JSON cannot be read; `client_gone` when the client left meanwhile
 * (recorded with 499, nginx's "client closed request", since no response was sent).
 *
 * @example
 * const asked = await askUpstream(target, CHAT_FORMAT, { body: raw, requestId, clientSignal });
 * if (asked.kind === "failed") return Response.json(asked.body, { status: asked.httpStatus });
 */
export async function askUpstream(
  target: UpstreamTarget,
  format: ApiFormat,
  request: { body: Uint8Array; requestId: string; clientSignal: AbortSignal | undefined },
): Promise<Asked> {
  const started = performance.now();
  const call = callUpstream(target, { method: "POST", path: format.path, ...request });
  const outcome = await call.outcome;
  if (!outcome.ok) {
    const { failure, message } = outcome;
    if (failure === "timeout") return failed(504, "upstream_timeout", message, "upstream_timeout");
    if (failure === "client_gone")
      return failed(499, "client_disconnected", message, "client_closed_request");
    return failed(502, "upstream_error", message, "upstream_unreachable");
  }
  const response = outcome.response;
  const status = response.statusCode ?? 502;
  const ok = status >= 200 && status < 300;
  const headers = passedHeaders(response.headers);
  if (ok && (response.headers["content-type"] ?? "").includes("text/event-stream")) {
    return { kind: "sse", call, reading: readSse(call, response, format), headers, started };
  }

  let text: string;
  try {
    text = (await readBody(response)).toString("utf8");
  } catch {
    call.finish();
    const end = call.stopped;
    if (end === "client_gone")
      return failed(499, "client_disconnected", "the client closed the connection", "client_closed_request");
    if (end === "timeout")
      return failed(
        504,
        "upstream_timeout",
        `no answer from the upstream within ${target.timeoutMs} ms`,
        "upstream_timeout",
      );
    return failed(502, "upstream_error", "the upstream's answer broke off", "upstream_unreachable");
  }
  call.finish();
  // an upstream may echo what it was sent in an error; the key goes no further than the upstream
  if (!ok) text = redact(text, target.apiKey ? [target.apiKey] : []);
  const parsed = parseJson(text);

  if (!ok) {
    const message = `upstream answered HTTP ${status}`;
    // the status and body are the upstream's; this header says so, so a 401 about the proxy's upstream key
    // is not mistaken for a refused client key (the proxy's own 401 never carries it)
    headers["x-confession-upstream-error"] = String(status);
    if (isOpenAIErrorBody(parsed)) {
      const upstreamMessage = (parsed as { error: { message: string } }).error.message;
      return {
        kind: "failed",
        httpStatus: status >= 400 ? status : 502,
        outcome: "upstream_error",
        error: `${message}: ${upstreamMessage}`,
        body: parsed,
        headers,
      };
    }
    const quoted = quote(text);
    return {
      kind: "failed",
      httpStatus: status >= 400 ? status : 502,
      outcome: "upstream_error",
      error: quoted ? `${message}: ${quoted}` : message,
      body: openAIError(
        quoted ? `${message}: ${quoted}` : message,
        "upstream_error",
        `upstream_http_${status}`,
      ),
      headers,
    };
  }
  if (!isRecord(parsed)) {
    return failed(502, "upstream_error", "the upstream's answer is not valid JSON", "upstream_invalid_json");
  }
  return {
    kind: "json",
    json: parsed,
    text,
    status,
    contentType: response.headers["content-type"] ?? "application/json",
    reading: format.toAnswer(parsed),
    headers,
    latencyMs: Math.round(performance.now() - started),
  };
}

function failed(httpStatus: number, outcome: RequestOutcome, message: string, code: string): Asked {
  const type = outcome === "client_disconnected" ? "client_error" : "upstream_error";
  return {
    kind: "failed",
    httpStatus,
    outcome,
    error: message,
    body: openAIError(message, type, code),
    headers: {},
  };
}

function passedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (typeof value === "string" && PASSED_HEADERS.test(name)) out[name] = value;
  }
  return out;
}

function quote(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_QUOTE_CHARS ? `${line.slice(0, MAX_QUOTE_CHARS - 1)}…` : line;
}
