import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { err, ok, type Result } from "../../errors/result.ts";

export interface UpstreamTarget {
  /** The upstream's base URL including the version, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer` and nowhere else. */
  apiKey?: string | undefined;
  /** No answer (JSON: the whole body; streams: the headers, then each next chunk) within this: timeout. */
  timeoutMs: number;
}

/** Why a call ended without a response. */
export type UpstreamFailure = "timeout" | "client_gone" | "unreachable";

export type UpstreamOutcome =
  | { ok: true; response: IncomingMessage }
  | { ok: false; failure: UpstreamFailure; message: string };

/** One request to the upstream, with its timeout and its link to the client's connection. */
export interface UpstreamCall {
  outcome: Promise<UpstreamOutcome>;
  /** Aborts the upstream request; `reason` is what `stopped` reports. */
  stop(reason: "timeout" | "client_gone"): void;
  /** Why the call was stopped, once it was; null while it runs or after it ended by itself. */
  readonly stopped: "timeout" | "client_gone" | null;
  /** Restarts the timeout: a stream that keeps sending is alive. */
  touch(): void;
  /** The call is over: stops the timer and lets go of the client's signal. */
  finish(): void;
}

// Keep-alive, and the HTTP(S)_PROXY / NO_PROXY variables honoured (Node 24; older versions ignore the option).
const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 256, proxyEnv: process.env }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 256, proxyEnv: process.env }),
};

/**
 * Starts a request to the upstream on Node's HTTP client (keep-alive; `fetch` costs several times more CPU
 * per request, which is most of what a proxy does). Only the upstream key is sent (never the client's
 * headers), plus the request id so upstream logs can be matched. The call is aborted when the client's
 * connection closes (`clientSignal`) or the timeout passes; the outcome then says which, instead of throwing.
 *
 * @example
 * const call = callUpstream(target, { method: "POST", path: "/chat/completions", body, requestId, clientSignal });
 * const outcome = await call.outcome;
 * if (!outcome.ok && outcome.failure === "timeout") return gatewayTimeout();
 */
export function callUpstream(
  target: UpstreamTarget,
  request: {
    method: "GET" | "POST";
    path: string;
    body?: Uint8Array | undefined;
    requestId: string;
    clientSignal?: AbortSignal | undefined;
  },
): UpstreamCall {
  const controller = new AbortController();
  let stopped: "timeout" | "client_gone" | null = null;
  let timer: NodeJS.Timeout | undefined;
  const stop = (reason: "timeout" | "client_gone") => {
    if (controller.signal.aborted) return;
    stopped = reason;
    clearTimeout(timer);
    controller.abort(new Error(reason === "timeout" ? "upstream timeout" : "client disconnected"));
  };
  const onClientGone = () => stop("client_gone");
  const touch = () => {
    clearTimeout(timer);
    if (!controller.signal.aborted) timer = setTimeout(() => stop("timeout"), target.timeoutMs);
  };
  const finish = () => {
    clearTimeout(timer);
    request.clientSignal?.removeEventListener("abort", onClientGone);
  };

  if (request.clientSignal?.aborted) stop("client_gone");
  else request.clientSignal?.addEventListener("abort", onClientGone, { once: true });
  touch();

  const failure = (error: unknown): UpstreamOutcome => {
    finish();
    if (stopped === "timeout") {
      return {
        ok: false,
        failure: "timeout",
        message: `no answer from the upstream within ${target.timeoutMs} ms`,
      };
    }
    if (stopped === "client_gone") {
      return { ok: false, failure: "client_gone", message: "the client closed the connection" };
    }
    return { ok: false, failure: "unreachable", message: `cannot reach the upstream: ${describe(error)}` };
  };

  const outcome = new Promise<UpstreamOutcome>((resolve) => {
    const base = parsedBase(target.baseUrl);
    if (!base.ok) return resolve(failure(new Error(base.error)));
    const url = base.value;
    const headers: Record<string, string | number> = { "x-request-id": request.requestId };
    if (request.body !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = request.body.byteLength;
    }
    if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
    const client = url.protocol === "https:" ? https : http;
    try {
      const outgoing = client.request({
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port,
        path: `${url.path}${request.path}`,
        method: request.method,
        headers,
        agent: url.agent,
        signal: controller.signal,
      });
      outgoing.on("response", (response) => resolve({ ok: true, response }));
      outgoing.on("error", (error) => resolve(failure(error)));
      outgoing.end(request.body);
    } catch (error) {
      resolve(failure(error));
    }
  });

  return {
    outcome,
    stop,
    get stopped() {
      return stopped;
    },
    touch,
    finish,
  };
}

type ParsedBase = { protocol: string; hostname: string; port: string; path: string; agent: http.Agent };
const bases = new Map<string, Result<ParsedBase, string>>();

/** The base URL taken apart once, not on every request. */
function parsedBase(baseUrl: string): Result<ParsedBase, string> {
  let parsed = bases.get(baseUrl);
  if (!parsed) {
    try {
      const url = new URL(baseUrl);
      const agent = agents[url.protocol as keyof typeof agents];
      parsed = agent
        ? ok({
            protocol: url.protocol,
            // an IPv6 host keeps its brackets in URL.hostname; the HTTP client wants it bare
            hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
            port: url.port,
            path: url.pathname.replace(/\/+$/, ""),
            agent,
          })
        : err(`the upstream URL must be http or https, not ${url.protocol}`);
    } catch {
      parsed = err(`the upstream URL "${baseUrl}" is not valid`);
    }
    bases.set(baseUrl, parsed);
  }
  return parsed;
}

/**
 * Reads a whole upstream body; rejects when the connection breaks or the call is stopped before the end.
 *
 * @example
 * const text = (await readBody(outcome.response)).toString("utf8");
 */
export function readBody(response: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    response.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
    });
    response.on("end", () => resolve(Buffer.concat(chunks, length)));
    response.on("error", reject);
    response.on("close", () => {
      if (!response.complete) reject(new Error("the upstream's answer broke off"));
    });
  });
}

/** A network error's message with its code, never the request (whose headers hold the key). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const code = (error as { code?: unknown }).code ?? (cause as { code?: unknown } | undefined)?.code;
  const message = cause ? `${error.message}: ${cause.message}` : error.message;
  return typeof code === "string" && !message.includes(code) ? `${code} ${message}` : message;
}
