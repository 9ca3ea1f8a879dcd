import { readFileSync } from "node:fs";
import { Hono } from "hono";
import { MonitorStore } from "../../monitor/monitor-store.ts";
import type { ConfessStore } from "../../store/confess-store.ts";
import type { ApiError, OverviewResponse } from "../viewer-api.ts";
import { labRoutes } from "./lab-routes.ts";
import { monitorRoutes } from "./monitor-routes.ts";
import { runRoutes } from "./run-routes.ts";
import { createRunViewRefresher, type RunViewRefresher } from "./run-view-refresher.ts";
import { readStaticFile, viewerAssetsDir } from "./static-files.ts";

export interface ViewerAppOptions {
  /** The store to show; its database also holds the monitor's tables. */
  store: ConfessStore;
  /** The database path, shown in empty states. */
  dbPath: string;
  /** The built browser app; default `dist/viewer`. Without one, `/` explains how to build it. */
  assetsDir?: string | null;
  /** How often the monitor's live feed looks for new requests; default 1000 ms. */
  pollMs?: number;
  /**
   * Serve a run's last view while a changed run is recomputed on a worker thread (default true); false
   * recomputes before answering (a report must show the run as it is).
   */
  staleViews?: boolean;
}

/** Each app's refresher, so whoever serves the app can end its worker thread (`closeViewerApp`). */
const refreshers = new WeakMap<Hono, RunViewRefresher>();

/**
 * Ends what a viewer app started beside its routes (the worker thread that recomputes stale run views and
 * its database connection), once a recompute under way is done. Call it when the server stops.
 *
 * @example
 * server.close(); await closeViewerApp(app);
 */
export async function closeViewerApp(app: Hono): Promise<void> {
  await refreshers.get(app)?.close();
  refreshers.delete(app);
}

/**
 * The viewer as a Hono app: the JSON API under `/api` (see `viewer-api.ts`) and the browser app. The API
 * reads the store on demand, a page at a time; a run's summary and sample index are computed once per
 * change of the run and cached in the database.
 *
 * @example
 * const app = createViewerApp({ store, dbPath: ".confess/confess.db" });
 * serve({ fetch: app.fetch, port: 4873, hostname: "127.0.0.1" });
 */
export function createViewerApp(options: ViewerAppOptions): Hono {
  const { store } = options;
  const monitor = MonitorStore.fromDatabase(store.db);
  const assets = options.assetsDir === undefined ? viewerAssetsDir() : options.assetsDir;
  const app = new Hono();

  app.get("/api/overview", (c) => {
    const count = (sql: string) => (store.db.prepare(sql).get() as { n: number }).n;
    const body: OverviewResponse = {
      db: options.dbPath,
      runs: count("SELECT COUNT(*) AS n FROM runs"),
      monitorRequests: count("SELECT COUNT(*) AS n FROM monitor_requests"),
      version: VERSION,
    };
    return c.json(body);
  });
  const refresher = createRunViewRefresher(store, options.dbPath);
  refreshers.set(app, refresher);
  const onStale = (runId: string) => {
    refresher.refresh(runId).catch((error: unknown) => {
      process.stderr.write(`confess view: could not recompute run ${runId}: ${String(error)}\n`);
    });
  };
  app.route("/api", runRoutes(options.staleViews === false ? { store } : { store, onStale }));
  app.route("/api", labRoutes({ store }));
  app.route("/api", monitorRoutes({ monitor, ...(options.pollMs ? { pollMs: options.pollMs } : {}) }));
  app.all("/api/*", (c) =>
    c.json<ApiError>(
      { error: { message: `no API route ${c.req.method} ${c.req.path}`, code: "unknown_route" } },
      404,
    ),
  );

  app.get("*", (c) => {
    if (!assets) {
      return c.text(
        "The viewer's browser app is not built: run `npm run build` in the confessional package.\n",
        503,
      );
    }
    const path = c.req.path === "/" ? "/index.html" : c.req.path;
    const file = readStaticFile(assets, path);
    if (!file) return c.text("not found\n", 404);
    return c.body(new Uint8Array(file.body), 200, {
      "content-type": file.type,
      "cache-control": file.immutable ? "public, max-age=31536000, immutable" : "no-cache",
    });
  });
  app.onError((error, c) =>
    c.json<ApiError>({ error: { message: String(error.message ?? error), code: "internal_error" } }, 500),
  );
  return app;
}

const VERSION = ((): string => {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8"));
    return typeof pkg.version === "string" ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
})();
