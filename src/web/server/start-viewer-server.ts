import { listen } from "../../http/listen.ts";
import { closeViewerApp, createViewerApp, type ViewerAppOptions } from "./create-viewer-app.ts";

/** A running viewer. */
export interface ViewerServer {
  /** Where to point a browser: `http://127.0.0.1:4873/`. */
  url: string;
  close(): Promise<void>;
}

/** The viewer's default port. */
export const VIEWER_DEFAULT_PORT = 4873;

/**
 * Starts the viewer on Node's HTTP server, on 127.0.0.1 unless `host` says otherwise; `port` 0 picks a free
 * one. Rejects when the address cannot be bound.
 *
 * @example
 * const viewer = await startViewerServer({ store, dbPath, port: 0 });
 * console.log(`open ${viewer.url}`);
 * await viewer.close();
 */
export async function startViewerServer(
  options: ViewerAppOptions & { port?: number; host?: string },
): Promise<ViewerServer> {
  const app = createViewerApp(options);
  const host = options.host ?? "127.0.0.1";
  const { server, origin } = await listen(app.fetch, options.port ?? VIEWER_DEFAULT_PORT, host);
  return {
    url: `${origin}/`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // live-feed (SSE) and keep-alive connections would hold close() open
        server.closeAllConnections();
      });
      // the run-view worker holds its own connection to the database: end it with the server
      await closeViewerApp(app);
    },
  };
}
