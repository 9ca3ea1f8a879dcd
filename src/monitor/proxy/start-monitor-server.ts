import { listen } from "../../http/listen.ts";
import { createMonitorApp } from "./create-monitor-app.ts";
import { MONITOR_SERVER_DEFAULTS, type MonitorServerOptions } from "./monitor-server-options.ts";

/** A running monitor proxy. */
export interface MonitorServer {
  /** The base URL clients use, with `/v1`: `http://127.0.0.1:8787/v1`. */
  url: string;
  /** Scheme, host and port: where `/healthz` is. */
  origin: string;
  /** Waits for the confessions and webhook deliveries started so far (the server keeps running). */
  drain(): Promise<void>;
  /** Stops taking connections, lets open requests finish, then drains. */
  close(): Promise<void>;
}

/**
 * Starts the monitor proxy on Node's HTTP server, on 127.0.0.1 unless `host` says otherwise; `port` 0 picks
 * a free one. Rejects when the address cannot be bound (a port in use).
 *
 * @example
 * const server = await startMonitorServer({ upstream: "https://api.openai.com/v1", upstreamKey, sink: store,
 *   keys: createKeyVerifier(store.db), port: 8787 });
 * const client = new OpenAI({ baseURL: server.url, apiKey: "ck-..." });
 * // ...
 * await server.close();
 */
export async function startMonitorServer(
  options: MonitorServerOptions & { port?: number; host?: string },
): Promise<MonitorServer> {
  const { app, drain } = createMonitorApp(options);
  const host = options.host ?? MONITOR_SERVER_DEFAULTS.host;
  const { server, origin } = await listen(app.fetch, options.port ?? MONITOR_SERVER_DEFAULTS.port, host);
  return {
    url: `${origin}/v1`,
    origin,
    drain,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // keep-alive connections with no request in flight would hold close() open
        server.closeIdleConnections();
      });
      await drain();
    },
  };
}
