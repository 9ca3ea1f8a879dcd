import { err, ok, type Result } from "../errors/result.ts";
import { parseRetryAfterSeconds } from "../models/provider-error.ts";
import type { MonitorSink, MonitorWebhookRecord } from "./monitor-types.ts";

export interface WebhookOptions {
  /** Where flags are POSTed (http or https). */
  url: string;
  /** Receives one record per delivery, after its last try. */
  sink?: MonitorSink;
  /** Tries per delivery, the first included; default 5. */
  maxTries?: number;
  /** Backoff base: the wait before try n+1 is between half and all of `baseDelayMs * 2^(n-1)`; default 500. */
  baseDelayMs?: number;
  /** Per-try timeout; default 10 000. */
  timeoutMs?: number;
  /** Deliveries in flight (retries included) beyond which new ones are dropped and recorded failed; default 1000. */
  maxPending?: number;
  /** Custom fetch, for tests. */
  fetch?: typeof fetch;
}

export interface WebhookNotifier {
  /** Starts a delivery in the background: never waits for it, never throws. */
  notify(requestId: string, payload: unknown): void;
  /** Resolves once every delivery started so far has finished (delivered or given up). */
  drain(): Promise<void>;
}

/** No wait between tries is longer than this, whatever `Retry-After` asks for. */
const MAX_DELAY_MS = 30_000;
/** Error texts quote at most this much of a response body. */
const MAX_BODY_CHARS = 200;

/**
 * A background webhook sender for monitor flags. Each `notify` POSTs the payload as JSON; network errors,
 * timeouts, 429 and 5xx are retried with exponential backoff and jitter (at least the `Retry-After` the
 * receiver asked for, capped at 30 s), other answers are final: 2xx delivered, anything else failed
 * (redirects are not followed). One {@link MonitorWebhookRecord} per delivery goes to the sink, with the
 * URL's credentials and query string redacted. The client's request never waits on any of it.
 *
 * @example
 * const webhook = createWebhookNotifier({ url: "https://alerts.example.com/confessions", sink: store });
 * if (result.flagged) webhook.notify(requestId, { requestId, grade: result.grade, reasons: result.reasons });
 * // on shutdown:
 * await webhook.drain();
 */
export function createWebhookNotifier(options: WebhookOptions): WebhookNotifier {
  const pending = new Set<Promise<void>>();
  const maxPending = options.maxPending ?? 1000;
  const recordUrl = redactUrl(options.url);

  const record = (requestId: string, outcome: DeliveryOutcome) => {
    const entry: MonitorWebhookRecord = {
      requestId,
      url: recordUrl,
      status: outcome.delivered ? "delivered" : "failed",
      tries: outcome.tries,
      httpStatus: outcome.httpStatus,
      createdAt: new Date().toISOString(),
      ...(outcome.error !== undefined ? { error: outcome.error } : {}),
    };
    try {
      options.sink?.recordWebhook(entry);
    } catch {
      // a store that cannot take the record must not break the monitor; the delivery itself is done
    }
  };

  return {
    notify(requestId, payload) {
      try {
        if (pending.size >= maxPending) {
          record(requestId, failed(0, null, `dropped: ${maxPending} deliveries already in flight`));
          return;
        }
        const body = JSON.stringify(payload) ?? "null";
        const delivery = deliver(options, body, requestId)
          .catch((error: unknown) => failed(0, null, describeError(error)))
          .then((outcome) => record(requestId, outcome))
          .finally(() => pending.delete(delivery));
        pending.add(delivery);
      } catch (error) {
        // a payload JSON cannot encode (a cycle, a BigInt) is the caller's bug, recorded rather than thrown
        record(requestId, failed(0, null, `payload not sent: ${describeError(error)}`));
      }
    },
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

/**
 * Checks a webhook URL as given on the command line: absolute, http or https.
 *
 * @example
 * const url = parseWebhookUrl(flags.webhook);
 * if (!url.ok) throw new UsageError(url.error);
 */
export function parseWebhookUrl(text: string): Result<string, string> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err(`webhook URL "${text}" is not a valid URL; give an absolute http:// or https:// URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return err(`webhook URL must use http:// or https://, not ${url.protocol}//`);
  }
  return ok(url.href);
}

interface DeliveryOutcome {
  delivered: boolean;
  tries: number;
  httpStatus: number | null;
  error?: string;
}

const failed = (tries: number, httpStatus: number | null, error: string): DeliveryOutcome => ({
  delivered: false,
  tries,
  httpStatus,
  error,
});

async function deliver(options: WebhookOptions, body: string, requestId: string): Promise<DeliveryOutcome> {
  const checked = parseWebhookUrl(options.url);
  if (!checked.ok) return failed(0, null, checked.error);
  // fetch refuses URLs with credentials; `https://user:pass@host` becomes Basic auth, as curl would send it
  const target = new URL(checked.value);
  const auth: Record<string, string> = {};
  if (target.username || target.password) {
    const user = decodeURIComponent(target.username);
    const pass = decodeURIComponent(target.password);
    auth.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
    target.username = "";
    target.password = "";
  }
  const doFetch = options.fetch ?? fetch;
  const maxTries = Math.max(1, options.maxTries ?? 5);
  const baseDelayMs = options.baseDelayMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 10_000;

  let last: DeliveryOutcome = failed(0, null, "not sent");
  for (let tries = 1; tries <= maxTries; tries++) {
    let retryAfterMs = 0;
    try {
      const response = await doFetch(target.href, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "confessional-monitor",
          // the same id on every try, so a receiver can drop duplicates of a delivery it already took
          "x-confession-request-id": requestId,
          ...auth,
        },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      const status = response.status;
      if (status >= 200 && status < 300) {
        await response.body?.cancel().catch(() => {});
        return { delivered: true, tries, httpStatus: status };
      }
      const snippet = await bodySnippet(response);
      last = failed(tries, status, `HTTP ${status}${snippet ? `: ${snippet}` : ""}`);
      if (status !== 429 && status < 500) return last;
      retryAfterMs = (parseRetryAfterSeconds(Object.fromEntries(response.headers)) ?? 0) * 1000;
    } catch (error) {
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      last = failed(tries, null, timedOut ? `no response within ${timeoutMs} ms` : describeError(error));
    }
    if (tries < maxTries) {
      const backoff = baseDelayMs * 2 ** (tries - 1);
      // equal jitter: half the backoff fixed, half random, so receivers coming back are not stampeded
      const delay = Math.min(
        MAX_DELAY_MS,
        Math.max(backoff / 2 + Math.random() * (backoff / 2), retryAfterMs),
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  return last;
}

async function bodySnippet(response: Response): Promise<string> {
  try {
    const text = (await response.text()).replace(/\s+/g, " ").trim();
    return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS - 1)}…` : text;
  } catch {
    return "";
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch reports "fetch failed" and puts the reason (ECONNREFUSED, a TLS error) in its cause
  const cause = error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (cause) return `${error.message}: ${typeof code === "string" ? `${code} ` : ""}${cause.message}`.trim();
  return error.message;
}

/** Webhook URLs often carry a secret; the store keeps the host and path, never user info or query values. */
function redactUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.username || url.password) {
      url.username = "redacted";
      url.password = "";
    }
    if (url.search) url.search = "?redacted";
    return url.href;
  } catch {
    return text;
  }
}
