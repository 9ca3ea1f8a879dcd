import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { HttpBindings } from "@hono/node-server";
import { type Context, Hono } from "hono";
import { MONITOR_MODES, type MonitorMode, type RequestOutcome } from "../monitor-types.ts";
import { inSample } from "../sampling.ts";
import { createWebhookNotifier } from "../webhook.ts";
import { isRecord, parseJson } from "../wire-values.ts";
import { type ApiFormat, CHAT_FORMAT, RESPONSES_FORMAT } from "./api-format.ts";
import { createConfessionRunner } from "./confession-runner.ts";
import { handleCompletion, type ProxyDeps } from "./handle-completion.ts";
import { createRecorder, type RequestContext, redact, requestIdHeaders } from "./monitor-recorder.ts";
import { MONITOR_SERVER_DEFAULTS, type MonitorServerOptions } from "./monitor-server-options.ts";
import { type OpenAIErrorBody, openAIError } from "./openai-error.ts";
import { readLimitedBody } from "./read-limited-body.ts";
import { callUpstream, readBody, type UpstreamTarget } from "./upstream-call.ts";
import { upstreamConfessionModel } from "./upstream-confession-model.ts";

/** The header that picks a request's mode, overriding the server's. */
export const MODE_HEADER = "x-confession-mode";
/** Client request ids longer than this, or with other characters, are replaced by a fresh one. */
const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;
/** Invalid JSON bodies are stored with at most this much of their text. */
const MAX_STORED_TEXT = 1000;

const VERSION = readVersion();

type Env = { Bindings: Partial<HttpBindings> };

/**
 * The monitor proxy as a Hono app: OpenAI's API to clients, an OpenAI-compatible upstream behind it, and a
 * confession about every answer (by mode), recorded in `sink`.
 *
 * Routes:
 * - `POST /v1/chat/completions`, `POST /v1/responses`: forwarded with the body unchanged (tools,
 *   `response_format`, everything), JSON or SSE as the upstream answers.
 * - `GET /v1/models`: forwarded as it is. `GET /healthz`: `{ status: "ok", version }`, without a key.
 * - Anything else: 404 with an OpenAI-style error (`code: "unknown_route"`); nothing is passed through.
 *
 * Modes (server default, or the `x-confession-mode` header; sampling applies to the default only):
 * - `off`: forwarded; request and answer recorded, no confession.
 * - `async`: the upstream's response unchanged, at its pace; the confession is written afterwards.
 * - `sync`: the confession is written before the response ends: a top-level `confession` field and
 *   `x-confession-status` / `x-confession-grade` / `x-confession-flagged` headers (JSON), or one extra
 *   event before the end (chat: a `chat.completion.chunk` with no choices before `[DONE]`; Responses: an
 *   `event: confession` after the final event).
 * - `reject`: up to `maxAttempts` answers, the first whose confession passes is sent, else the best by
 *   grade with `confession.flagged: true`. Streaming clients get the chosen answer replayed as a stream.
 *
 * Statuses: 400 invalid JSON, no `model`, or an unknown mode header; 401 missing or wrong client key; 404
 * unknown route; 413 body over the limit; the upstream's status and error body when it refuses; 502
 * upstream unreachable, malformed JSON or a broken stream before any answer; 504 upstream timeout. Every
 * model request is recorded, refused ones included; `GET /v1/models` and `/healthz` are not.
 *
 * @example
 * const { app, drain } = createMonitorApp({ upstream: "http://127.0.0.1:8000/v1", sink: store, keys: null });
 * serve({ fetch: app.fetch, port: 8787, hostname: "127.0.0.1" });
 * // on shutdown: await drain();
 */
export function createMonitorApp(options: MonitorServerOptions): { app: Hono<Env>; drain(): Promise<void> } {
  const log = options.log ?? ((line: string) => process.stderr.write(line));
  const secrets = options.upstreamKey ? [options.upstreamKey] : [];
  const timeoutMs = options.timeoutMs ?? MONITOR_SERVER_DEFAULTS.timeoutMs;
  const target: UpstreamTarget = { baseUrl: options.upstream, apiKey: options.upstreamKey, timeoutMs };
  const recorder = createRecorder(options.sink, log, secrets);
  const confessionModel =
    options.confessionModel ??
    upstreamConfessionModel({ upstream: options.upstream, upstreamKey: options.upstreamKey, timeoutMs });
  const deps: ProxyDeps = {
    target,
    recorder,
    confessions: createConfessionRunner({
      confessionModel,
      policy: options.policy,
      variant: options.variant,
      recorder,
      webhook: options.webhookUrl
        ? createWebhookNotifier({ url: options.webhookUrl, sink: options.sink })
        : undefined,
    }),
    maxAttempts: options.maxAttempts ?? MONITOR_SERVER_DEFAULTS.maxAttempts,
    surface: options.surface ?? false,
  };
  const defaultMode = options.mode ?? MONITOR_SERVER_DEFAULTS.mode;
  const sampleRate = options.sampleRate ?? MONITOR_SERVER_DEFAULTS.sampleRate;
  const bodyLimit = options.bodyLimitBytes ?? MONITOR_SERVER_DEFAULTS.bodyLimitBytes;

  const app = new Hono<Env>();

  app.get("/healthz", (c) => c.json({ status: "ok", version: VERSION }));
  for (const mount of options.mounts ?? []) {
    // the browser app links relative to its own folder: /viewer must become /viewer/
    app.get(mount.path, (c) => c.redirect(`${mount.path}/`));
    app.route(mount.path, mount.app);
  }

  /** The client key's id (null when keys are off), or the 401 error to send. */
  const authenticate = (
    c: Context<Env>,
  ): { ok: true; keyId: string | null } | { ok: false; body: OpenAIErrorBody } => {
    if (!options.keys) return { ok: true, keyId: null };
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "");
    if (!match) {
      const message = "missing API key: send your confess key as `Authorization: Bearer <key>`";
      return { ok: false, body: openAIError(message, "invalid_request_error", "missing_api_key") };
    }
    const key = options.keys.verify(match[1] as string);
    if (!key) {
      return {
        ok: false,
        body: openAIError(
          "invalid API key: this key is unknown or revoked",
          "invalid_request_error",
          "invalid_api_key",
        ),
      };
    }
    return { ok: true, keyId: key.id };
  };

  const modelRoute = (format: ApiFormat) => async (c: Context<Env>) => {
    const ctx: RequestContext = {
      id: `req_${randomUUID()}`,
      clientRequestId: clientRequestIdOf(c.req.header("x-request-id")),
      api: format.api,
      createdAt: new Date().toISOString(),
      started: performance.now(),
      keyId: null,
      clientSignal: c.req.raw.signal,
    };
    recorder.arrival(ctx);
    const refuse = (
      status: number,
      outcome: RequestOutcome,
      body: OpenAIErrorBody,
      request: unknown,
      extra: { model?: string; stream?: boolean } = {},
    ) => {
      recorder.request(ctx, {
        model: extra.model ?? "",
        mode: "off",
        stream: extra.stream ?? false,
        request,
        httpStatus: status,
        outcome,
        error: body.error.message,
        attempts: 0,
        chosenAttempt: null,
      });
      const headers: Record<string, string> = { ...requestIdHeaders(ctx) };
      if (status === 401) headers["www-authenticate"] = "Bearer";
      return c.json(body, status as 400, headers);
    };
    try {
      const auth = authenticate(c);
      if (!auth.ok)
        return refuse(401, "unauthorized", auth.body, { note: "body not read: the key was refused first" });
      ctx.keyId = auth.keyId;

      const declared = Number(c.req.header("content-length") ?? Number.NaN);
      if (declared > bodyLimit)
        return refuse(413, "too_large", tooLarge(bodyLimit), {
          note: `body not read: Content-Length ${declared} is over the limit`,
        });
      const body = await readLimitedBody(c.env?.incoming ?? c.req.raw, bodyLimit);
      if (!body.ok && body.reason === "too_large") {
        return refuse(413, "too_large", tooLarge(bodyLimit), {
          note: `body not read: over the limit of ${bodyLimit} bytes`,
        });
      }
      if (!body.ok) {
        const note = "the client closed the connection while sending the body";
        return refuse(
          499,
          "client_disconnected",
          openAIError(note, "client_error", "client_closed_request"),
          { note },
        );
      }

      const text = body.bytes.toString("utf8");
      const json = parseJson(text);
      if (!isRecord(json)) {
        const message =
          json === undefined
            ? "the request body is not valid JSON"
            : "the request body must be a JSON object";
        return refuse(400, "bad_request", openAIError(message, "invalid_request_error", "invalid_json"), {
          note: message,
          text: text.length > MAX_STORED_TEXT ? `${text.slice(0, MAX_STORED_TEXT)}…` : text,
        });
      }
      const stream = json.stream === true;
      if (typeof json.model !== "string" || json.model === "") {
        return refuse(
          400,
          "bad_request",
          openAIError("the request needs a `model`", "invalid_request_error", "missing_model", "model"),
          json,
          { stream },
        );
      }
      const model = json.model;
      // an operator can take the choice away from clients: the header is then ignored
      const header = options.allowModeOverride === false ? undefined : c.req.header(MODE_HEADER);
      if (
        header !== undefined &&
        !(MONITOR_MODES as readonly string[]).includes(header.trim().toLowerCase())
      ) {
        const message = `${MODE_HEADER} must be one of ${MONITOR_MODES.join(", ")}, not "${header}"`;
        return refuse(
          400,
          "bad_request",
          openAIError(message, "invalid_request_error", "invalid_confession_mode", MODE_HEADER),
          json,
          { model, stream },
        );
      }
      const mode: MonitorMode =
        header !== undefined
          ? (header.trim().toLowerCase() as MonitorMode)
          : defaultMode !== "off" && inSample(ctx.clientRequestId ?? ctx.id, sampleRate)
            ? defaultMode
            : "off";
      return await handleCompletion(deps, ctx, { format, body: json, raw: body.bytes, model, mode });
    } catch (error) {
      // a bug, not a client or upstream problem: answered and recorded, never crashing the server
      log(
        `confess serve: request ${ctx.id} failed: ${redact(String(error instanceof Error ? (error.stack ?? error.message) : error), secrets)}\n`,
      );
      return refuse(
        500,
        "error",
        openAIError("the monitor failed on this request", "server_error", "internal_error"),
        { note: "failed while handling" },
      );
    }
  };

  app.post("/v1/chat/completions", modelRoute(CHAT_FORMAT));
  app.post("/v1/responses", modelRoute(RESPONSES_FORMAT));

  // the model list and one model (`models.retrieve`) are forwarded as they are; neither is recorded
  const models = async (c: Context<Env>) => {
    const auth = authenticate(c);
    if (!auth.ok) return c.json(auth.body, 401, { "www-authenticate": "Bearer" });
    const ids = {
      id: `req_${randomUUID()}`,
      clientRequestId: clientRequestIdOf(c.req.header("x-request-id")),
    };
    const requestId = ids.id;
    const call = callUpstream(target, {
      method: "GET",
      path: c.req.param("id") ? `/models/${encodeURIComponent(c.req.param("id") ?? "")}` : "/models",
      requestId,
      clientSignal: c.req.raw.signal,
    });
    const outcome = await call.outcome;
    call.finish();
    if (!outcome.ok) {
      const status = outcome.failure === "timeout" ? 504 : 502;
      return c.json(
        openAIError(
          outcome.message,
          "upstream_error",
          outcome.failure === "timeout" ? "upstream_timeout" : "upstream_unreachable",
        ),
        status,
        requestIdHeaders(ids),
      );
    }
    const { response } = outcome;
    const text = await readBody(response).then(
      (bytes) => redact(bytes.toString("utf8"), secrets),
      () => undefined,
    );
    if (text === undefined) {
      return c.json(
        openAIError("the upstream's answer broke off", "upstream_error", "upstream_unreachable"),
        502,
        requestIdHeaders(ids),
      );
    }
    return c.body(text, (response.statusCode ?? 502) as 200, {
      "content-type": response.headers["content-type"] ?? "application/json",
      ...requestIdHeaders(ids),
    });
  };
  app.get("/v1/models", models);
  app.get("/v1/models/:id", models);

  app.notFound((c) =>
    c.json(
      openAIError(
        `no route for ${c.req.method} ${c.req.path}; this server answers POST /v1/chat/completions, POST /v1/responses, GET /v1/models, GET /v1/models/{id} and GET /healthz`,
        "invalid_request_error",
        "unknown_route",
      ),
      404,
    ),
  );
  app.onError((error, c) => {
    log(`confess serve: ${c.req.method} ${c.req.path} failed: ${redact(String(error), secrets)}\n`);
    return c.json(openAIError("the monitor failed on this request", "server_error", "internal_error"), 500);
  });

  return { app, drain: () => deps.confessions.drain() };
}

function tooLarge(limit: number) {
  return openAIError(
    `the request body is over the limit of ${limit} bytes`,
    "invalid_request_error",
    "request_too_large",
  );
}

/** The client's request id, when it is a well-formed one; it is echoed and stored, never used as a key. */
function clientRequestIdOf(header: string | undefined): string | null {
  return header !== undefined && REQUEST_ID_PATTERN.test(header) ? header : null;
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
      version?: unknown;
    };
    return typeof pkg.version === "string" ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
}
