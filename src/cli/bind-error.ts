import { UsageError } from "../errors/confess-error.ts";
import { isBindError } from "../http/listen.ts";

/**
 * Rethrows a server's listen error, as a UsageError (exit 2) saying to pick another address when the address
 * itself was the problem (in use, not on this machine, not allowed).
 *
 * @example
 * try { server = await startViewerServer(...) } catch (error) { rethrowBindError(error, host, port) }
 */
export function rethrowBindError(error: unknown, host: string, port: number): never {
  if (isBindError(error)) {
    throw new UsageError(`cannot listen on ${host}:${port} (${error.code}); choose another --port or --host`);
  }
  throw error;
}
