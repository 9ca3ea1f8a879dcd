import { ConfessStore } from "../../store/confess-store.ts";
import { resolveDbPath } from "../../store/open-database.ts";
import { startViewerServer, type ViewerServer } from "../../web/server/start-viewer-server.ts";
import { rethrowBindError } from "../bind-error.ts";
import { interruptOnSignals, untilAborted } from "../interrupt.ts";
import type { CliIO } from "../io.ts";
import { EXIT } from "../main.ts";
import type { ViewFlags } from "./view-command.ts";

/**
 * Runs `confess view` until Ctrl-C (or `stop`). A database that does not exist yet is created, so the viewer
 * opens on its empty state, which says which command fills it.
 *
 * @example
 * process.exitCode = await runViewCommand({ port: 4873, host: "127.0.0.1" }, processIO());
 */
export async function runViewCommand(
  flags: ViewFlags,
  io: CliIO,
  options: { stop?: AbortSignal; onListening?: (server: ViewerServer) => void } = {},
): Promise<number> {
  const dbPath = resolveDbPath(flags.db, io.env);
  const store = ConfessStore.open(dbPath);
  let server: ViewerServer | undefined;
  const interrupt = options.stop ? undefined : interruptOnSignals(io, "closing the viewer");
  try {
    try {
      server = await startViewerServer({ store, dbPath, port: flags.port, host: flags.host });
    } catch (error) {
      rethrowBindError(error, flags.host, flags.port);
    }
    io.stdout(`confess view: ${server.url} (store ${dbPath}); Ctrl-C to stop\n`);
    options.onListening?.(server);
    const stop = options.stop ?? interrupt?.signal;
    await untilAborted(stop);
    return EXIT.ok;
  } finally {
    await server?.close();
    interrupt?.dispose();
    await store.close();
  }
}
