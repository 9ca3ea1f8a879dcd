import type { Hono } from "hono";
import { UsageError } from "../../errors/confess-error.ts";
import { createKeyVerifier, listApiKeys } from "../../monitor/api-keys.ts";
import { parsePolicyOptions } from "../../monitor/monitor-policy.ts";
import { MonitorStore } from "../../monitor/monitor-store.ts";
import { type MonitorServer, startMonitorServer } from "../../monitor/proxy/start-monitor-server.ts";
import { openWorkerSink, type WorkerSink } from "../../monitor/proxy/worker-sink.ts";
import { parseWebhookUrl } from "../../monitor/webhook.ts";
import { resolveDbPath } from "../../store/open-database.ts";
import { rethrowBindError } from "../bind-error.ts";
import { interruptOnSignals, untilAborted } from "../interrupt.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../main.ts";
import type { ServeFlags } from "./serve-command.ts";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

/**
 * Runs `confess serve` until Ctrl-C (or `stop`): checks the flags (a bad one is a UsageError, exit 2, saying
 * what to fix), opens the store, refuses to start with keys required but none active, starts the proxy and
 * prints where it listens. On stop it lets open requests and background confessions finish, then exits 0.
 *
 * @example
 * process.exitCode = await runServeCommand({ upstream: "http://127.0.0.1:8000/v1", ...flags }, processIO());
 */
export async function runServeCommand(
  flags: ServeFlags,
  io: CliIO,
  options: { stop?: AbortSignal; onListening?: (server: MonitorServer) => void } = {},
): Promise<number> {
  const upstream = parseUpstream(flags.upstream);
  const policy = parsePolicyOptions({
    ...(flags.minGrade !== undefined ? { minGrade: flags.minGrade } : {}),
    ...(flags.flagLevels !== undefined ? { flagLevels: flags.flagLevels } : {}),
    ...(flags.flagKeywords !== undefined ? { keywords: flags.flagKeywords } : {}),
  });
  if (!policy.ok) throw new UsageError(policy.error);
  let webhookUrl: string | undefined;
  if (flags.webhook !== undefined) {
    const parsed = parseWebhookUrl(flags.webhook);
    if (!parsed.ok) throw new UsageError(parsed.error);
    webhookUrl = parsed.value;
  }
  const upstreamKey = nonEmpty(io.env.CONFESS_UPSTREAM_API_KEY) ?? nonEmpty(io.env.OPENAI_API_KEY);

  const dbPath = resolveDbPath(flags.db, io.env);
  // this connection checks client keys; records are written by a worker thread on its own connection
  const store = MonitorStore.open(dbPath);
  let sink: WorkerSink | undefined;
  let server: MonitorServer | undefined;
  let viewerStore: { close(): Promise<void> } | undefined;
  const mounts: Array<{ path: string; app: Hono }> = [];
  const interrupt = options.stop
    ? undefined
    : interruptOnSignals(io, "finishing open requests and confessions");
  try {
    if (flags.auth && !listApiKeys(store.db).some((key) => key.revokedAt === null)) {
      throw new UsageError(
        `client keys are required, but ${dbPath} has no active key: create one with ` +
          "`confess keys create --name <name>` (same --db), or pass --no-auth to accept requests without a key",
      );
    }
    // a server that was killed mid-request left arrivals and pending confessions: close them first
    const recovered = store.recoverInterrupted();
    if (recovered.requests + recovered.confessions > 0) {
      io.stderr(
        `confess serve: recorded ${recovered.requests} requests and ${recovered.confessions} confessions ` +
          "left unfinished by an earlier server that stopped without draining\n",
      );
    }
    sink = await openWorkerSink(dbPath, { onError: (message) => io.stderr(`confess serve: ${message}\n`) });
    if (flags.viewer) {
      const { ConfessStore } = await import("../../store/confess-store.ts");
      const { closeViewerApp, createViewerApp } = await import("../../web/server/create-viewer-app.ts");
      const runs = ConfessStore.open(dbPath);
      const app = createViewerApp({ store: runs, dbPath });
      viewerStore = {
        async close() {
          await closeViewerApp(app);
          await runs.close();
        },
      };
      mounts.push({ path: "/viewer", app });
    }
    try {
      server = await startMonitorServer({
        upstream,
        upstreamKey,
        sink,
        keys: flags.auth ? createKeyVerifier(store.db) : null,
        allowModeOverride: flags.modeOverride !== false,
        mode: flags.mode,
        sampleRate: flags.sample,
        maxAttempts: flags.maxAttempts,
        surface: Boolean(flags.surface),
        policy: policy.value,
        variant: flags.variant,
        webhookUrl,
        bodyLimitBytes: flags.bodyLimit,
        timeoutMs: flags.timeout * 1000,
        port: flags.port,
        host: flags.host,
        log: io.stderr,
        mounts,
      });
    } catch (error) {
      rethrowBindError(error, flags.host, flags.port);
    }

    io.stdout(
      `confess serve: listening on ${server.url} → ${upstream} (mode ${flags.mode}` +
        `${flags.sample < 1 ? `, sampling ${flags.sample}` : ""}, store ${dbPath})\n` +
        (flags.auth
          ? "client keys required: clients send `Authorization: Bearer <key>` (see `confess keys`)\n"
          : "client keys NOT required (--no-auth)\n"),
    );
    if (!flags.auth && !LOOPBACK.has(flags.host)) {
      io.stderr(
        `confess: warning: --no-auth on ${flags.host}: anyone who can reach this port can use the upstream key\n`,
      );
    }
    if (upstreamKey === undefined) {
      io.stderr("confess: no CONFESS_UPSTREAM_API_KEY or OPENAI_API_KEY: upstream requests carry no key\n");
    }
    if (flags.viewer) io.stdout(`viewer: ${server.origin}/viewer/\n`);
    options.onListening?.(server);

    const stop = options.stop ?? interrupt?.signal;
    await untilAborted(stop);
    io.stderr("confess serve: stopping; waiting for open requests and confessions to finish\n");
    return EXIT.ok;
  } finally {
    await server?.close();
    await sink?.close();
    await viewerStore?.close();
    interrupt?.dispose();
    store.close();
  }
}

function parseUpstream(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `--upstream "${text}" is not a URL; give the API's base URL, e.g. https://api.openai.com/v1`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`--upstream must be an http:// or https:// URL, not ${url.protocol}//`);
  }
  if (url.username || url.password) {
    throw new UsageError("--upstream must not carry credentials; put the key in CONFESS_UPSTREAM_API_KEY");
  }
  return url.href.replace(/\/+$/, "");
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
