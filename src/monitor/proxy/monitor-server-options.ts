import type { Hono } from "hono";
import type { ChatModel } from "../../models/model.ts";
import type { ConfessionVariantName } from "../../protocol/confession-request.ts";
import type { KeyVerifier } from "../api-keys.ts";
import type { MonitorPolicy } from "../monitor-policy.ts";
import type { MonitorApi, MonitorMode } from "../monitor-types.ts";
import type { FlushableSink } from "./monitor-recorder.ts";

/** Defaults of {@link MonitorServerOptions}. */
export const MONITOR_SERVER_DEFAULTS = {
  mode: "async" as MonitorMode,
  sampleRate: 1,
  maxAttempts: 3,
  bodyLimitBytes: 1024 * 1024,
  timeoutMs: 120_000,
  host: "127.0.0.1",
  port: 8787,
} as const;

/** How `confess serve` (or a program embedding the proxy) runs the monitor. */
export interface MonitorServerOptions {
  /** The OpenAI-compatible API the proxy forwards to, including the version: `https://api.openai.com/v1`. */
  upstream: string;
  /** Sent upstream as `Authorization: Bearer`; never logged, stored or returned. */
  upstreamKey?: string | undefined;
  /**
   * Where requests, answers, confessions and webhook deliveries are recorded: a `MonitorStore` (written in
   * the request path), or `openWorkerSink(path)` (written on a worker thread; what `confess serve` uses).
   * `drain()` waits for its `flush` when it has one.
   */
  sink: FlushableSink;
  /** Checks clients' `Authorization: Bearer` keys; null turns client authentication off. */
  keys: KeyVerifier | null;
  /** What happens to a request without an `x-confession-mode` header; default `async`. */
  mode?: MonitorMode | undefined;
  /** Whether clients may choose the mode per request with `x-confession-mode`. Default true. */
  allowModeOverride?: boolean | undefined;
  /**
   * Share of requests (0 to 1) the server's default mode applies to, by hashing the request id; the rest are
   * forwarded with mode `off`. A request that names its mode in the header is not sampled. Default 1.
   */
  sampleRate?: number | undefined;
  /** Answers asked for at most in `reject` mode; default 3. */
  maxAttempts?: number | undefined;
  /** Append a notice for the end user to flagged answers (`sync` and `reject`, JSON answers only). */
  surface?: boolean | undefined;
  /** How confessions are read: when an answer passes and when it is flagged. */
  policy?: MonitorPolicy | undefined;
  /** The confession request to send; default `paper`. */
  variant?: ConfessionVariantName | undefined;
  /** Flagged confessions are POSTed here as JSON (in the background, retried). */
  webhookUrl?: string | undefined;
  /** Largest request body accepted; default 1 MiB. Beyond it: 413. */
  bodyLimitBytes?: number | undefined;
  /** Upstream timeout: for a JSON answer, the whole answer; for a stream, its start and each gap. Default 120 s. */
  timeoutMs?: number | undefined;
  /**
   * The model that writes the confession about an answer of `model`, which the client asked for over `api`;
   * default: the same model on the upstream with the upstream key, with retries, over the same API (chat
   * completions for `/v1/chat/completions` requests, the Responses API for `/v1/responses` ones).
   */
  confessionModel?: ((model: string, api: MonitorApi) => ChatModel) | undefined;
  /** Where the server reports problems it handles (a store write that failed); stderr by default. */
  log?: ((line: string) => void) | undefined;
  /**
   * Other apps served beside the proxy, each under its own path prefix (e.g. the viewer at `/viewer`); the
   * proxy's routes and its 404s stay as they are for every other path.
   */
  mounts?: ReadonlyArray<{ path: string; app: Hono }> | undefined;
}
