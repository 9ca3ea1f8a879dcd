import { listen } from "../../http/listen.ts";
import { createRewardApp } from "./create-reward-app.ts";
import { REWARD_SERVICE_DEFAULTS, type RewardServiceOptions } from "./reward-service-options.ts";

/** A listening reward service. */
export interface RewardServer {
  /** `http://127.0.0.1:8788`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the reward service on `host:port` (port 0 picks a free one; host 127.0.0.1 by default). Rejects
 * with the listen error (a port in use: `EADDRINUSE`).
 *
 * @example
 * const server = await startRewardServer({ token: "s3cret", port: 0 });
 * await fetch(`${server.url}/healthz`);
 * await server.close();
 */
export async function startRewardServer(
  options: RewardServiceOptions & { port?: number; host?: string },
): Promise<RewardServer> {
  const app = createRewardApp(options);
  const { server, origin } = await listen(
    app.fetch,
    options.port ?? REWARD_SERVICE_DEFAULTS.port,
    options.host ?? REWARD_SERVICE_DEFAULTS.host,
  );
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
