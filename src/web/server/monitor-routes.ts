import { type Context, Hono } from "hono";
import type { MonitorStore } from "../../monitor/monitor-store.ts";
import type {
  ApiError,
  MonitorRequestResponse,
  MonitorRequestsResponse,
  MonitorSeriesResponse,
  MonitorStatsResponse,
} from "../viewer-api.ts";
import { monitorEvents } from "./monitor-events.ts";
import { MonitorParamError, parseRequestsQuery, parseSeriesQuery, parseSince } from "./monitor-params.ts";

export interface MonitorRoutesContext {
  monitor: MonitorStore;
  /** How often the live feed checks for new requests; default 1000 ms. */
  pollMs?: number;
  /** A comment line after this long without an event; default 15 s. */
  heartbeatMs?: number;
}

/** Runs a handler, answering a parameter it cannot use with a 400 (other errors go to the app's handler). */
function checked(c: Context, handle: () => Response): Response {
  try {
    return handle();
  } catch (error) {
    if (error instanceof MonitorParamError) {
      return c.json<ApiError>({ error: { message: error.message, code: "bad_query" } }, 400);
    }
    throw error;
  }
}

/**
 * The monitor's part of the viewer's API (types in `viewer-api.ts`), to mount at `/api`:
 * - `GET /monitor/requests?flagged=&key=&model=&status=&outcome=&since=&before=&limit=`: newest first, keyset
 *   paginated (`next` → `before`); `key=none` selects requests made without a client key.
 * - `GET /monitor/requests/:id`: one request whole (the monitor's id or the client's `x-request-id`); 404.
 * - `GET /monitor/stats?since=`, `GET /monitor/series?bucket=minute|hour|day&since=`.
 * - `GET /monitor/events`: server-sent `event: requests` as requests arrive or their confessions are written.
 * A parameter it cannot use is a 400 whose message says what is allowed.
 *
 * @example
 * app.route("/api", monitorRoutes({ monitor: MonitorStore.fromDatabase(store.db) }));
 */
export function monitorRoutes(ctx: MonitorRoutesContext): Hono {
  const { monitor } = ctx;
  const app = new Hono();

  app.get("/monitor/requests", (c) =>
    checked(c, () =>
      c.json<MonitorRequestsResponse>(monitor.pageRequests(parseRequestsQuery(c.req.query()))),
    ),
  );

  app.get("/monitor/requests/:id", (c) => {
    const id = c.req.param("id");
    const detail = monitor.getRequest(id);
    if (!detail) {
      return c.json<ApiError>(
        { error: { message: `no monitor request with id ${JSON.stringify(id)}`, code: "not_found" } },
        404,
      );
    }
    return c.json<MonitorRequestResponse>(detail);
  });

  app.get("/monitor/stats", (c) =>
    checked(c, () => {
      const since = c.req.query("since");
      return c.json<MonitorStatsResponse>(monitor.stats(since ? { since: parseSince(since) } : {}));
    }),
  );

  app.get("/monitor/series", (c) =>
    checked(c, () => {
      const q = parseSeriesQuery(c.req.query());
      return c.json<MonitorSeriesResponse>({ bucket: q.bucket, points: monitor.series(q) });
    }),
  );

  app.get("/monitor/events", (c) =>
    monitorEvents(c, monitor, { pollMs: ctx.pollMs ?? 1000, heartbeatMs: ctx.heartbeatMs ?? 15_000 }),
  );

  return app;
}
