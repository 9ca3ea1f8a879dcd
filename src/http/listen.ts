import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";

/** A Node HTTP server listening, with the origin clients reach it at. */
export interface Listening {
  server: Server;
  /** Scheme, host and port: `http://127.0.0.1:8787` (an IPv6 host in brackets). */
  origin: string;
}

/**
 * Serves a fetch handler (a Hono app's `fetch`) on Node's HTTP server and resolves once it listens; `port` 0
 * picks a free one. Rejects with the listen error (a port in use: `EADDRINUSE`).
 *
 * @example
 * const { server, origin } = await listen(app.fetch, 0, "127.0.0.1");
 */
export async function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  host: string,
): Promise<Listening> {
  const server = await new Promise<Server>((resolve, reject) => {
    const started = serve({ fetch, port, hostname: host }) as Server;
    started.once("error", reject);
    started.once("listening", () => {
      started.off("error", reject);
      resolve(started);
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return { server, origin: `http://${host.includes(":") ? `[${host}]` : host}:${bound}` };
}

/** Errors of binding an address that a different `--host` or `--port` fixes. */
const BIND_ERRORS = new Set(["EADDRINUSE", "EADDRNOTAVAIL", "EACCES", "ENOTFOUND"]);

/**
 * Whether a listen error is about the address itself (in use, not on this machine, not allowed), which the
 * user fixes with another `--host` or `--port`.
 *
 * @example
 * if (isBindError(error)) throw new UsageError(`cannot listen on ${host}:${port}; choose another --port`);
 */
export function isBindError(error: unknown): error is NodeJS.ErrnoException {
  return BIND_ERRORS.has(String((error as NodeJS.ErrnoException | undefined)?.code));
}
