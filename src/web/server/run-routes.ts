import { type Context, Hono } from "hono";
import { hasAudits, listAudits } from "../../audit/audit-records.ts";
import { type RunViewOptions, runScoredSamples, runView } from "../../runs/run-view.ts";
import type { ConfessStore } from "../../store/confess-store.ts";
import type {
  AuditsResponse,
  CompareResponse,
  ConfidenceResponse,
  RunResponse,
  RunsResponse,
  SampleResponse,
  SamplesResponse,
} from "../viewer-api.ts";
import { compareRuns } from "./compare-runs.ts";
import { confidenceReport } from "./confidence-report.ts";
import { listRunItems } from "./run-list.ts";
import { compareIdsOf, fail, guarded, intParam, limitParam, readerOf, sampleFilterOf } from "./run-query.ts";
import { listSamples } from "./sample-index.ts";
import { samplePage } from "./sample-page.ts";

/** The `:id` path parameter (decoded). */
const idOf = (c: Context): string => c.req.param("id") ?? "";

const noRun = (c: Context, id: string) =>
  fail(c, 404, "not_found", `no run "${id}" in this database; \`confess runs list\` lists them`);

export interface RunRoutesContext {
  store: ConfessStore;
  /**
   * Called with a run whose cached view is out of date; the stale view is served meanwhile (`stale: true`).
   * Without it, a changed run is recomputed before the response.
   */
  onStale?: (runId: string) => void;
}

/**
 * The runs side of the viewer's API (mounted at `/api`): the runs list, a run page, its samples, a sample
 * page, comparisons, the confidence page and stored audits. Every response is a page or a fixed-size
 * summary: a run's summary and sample index are cached in the database and recomputed only when the run
 * changed (see `runView`). Bad query parameters answer 400 saying what is allowed; unknown ids 404.
 *
 * @example
 * const app = new Hono().route("/api", runRoutes({ store }));
 * const runs = await (await app.request("/api/runs?limit=20")).json();
 */
export function runRoutes(ctx: RunRoutesContext): Hono {
  const { store } = ctx;
  const views: RunViewOptions = ctx.onStale ? { onStale: ctx.onStale } : {};
  const app = new Hono();

  app.get(
    "/runs",
    guarded((c) => {
      const query = readerOf(c);
      const q = query("q");
      const model = query("model");
      const suite = query("suite");
      const condition = query("condition");
      const body: RunsResponse = listRunItems(
        store,
        {
          ...(q === undefined ? {} : { q }),
          ...(model === undefined ? {} : { model }),
          ...(suite === undefined ? {} : { suite }),
          ...(condition === undefined ? {} : { condition }),
          offset: intParam(query, "offset", 0, 0, Number.MAX_SAFE_INTEGER),
          limit: limitParam(query),
        },
        views,
      );
      return c.json(body);
    }),
  );

  app.get(
    "/runs/:id",
    guarded((c) => {
      const id = idOf(c);
      const run = store.getRun(id);
      const view = run && runView(store, id, views);
      if (!run || !view) return noRun(c, id);
      const body: RunResponse = {
        run: { id: run.id, createdAt: run.createdAt, config: run.config, step: run.config.step ?? null },
        computedAt: view.computedAt,
        stale: view.stale,
        summary: view.summary,
        cells: view.cells,
        has: {
          // the summary carries confidence metrics exactly when some sample has a confidence verdict
          confidence: Object.values(view.summary.tasks).some((task) => task.judges?.confidence !== undefined),
          audits: hasAudits(store, id),
        },
      };
      return c.json(body);
    }),
  );

  app.get(
    "/runs/:id/samples",
    guarded((c) => {
      const id = idOf(c);
      const query = readerOf(c);
      const filter = sampleFilterOf(query);
      const page = {
        after: intParam(query, "after", 0, 0, Number.MAX_SAFE_INTEGER),
        limit: limitParam(query),
      };
      if (!runView(store, id, views)) return noRun(c, id);
      const body: SamplesResponse = listSamples(store, id, filter, page);
      return c.json(body);
    }),
  );

  app.get(
    "/runs/:id/confidence",
    guarded((c) => {
      const id = idOf(c);
      const view = runView(store, id);
      const rows = view && runScoredSamples(store, id);
      if (!view || !rows) return noRun(c, id);
      const body: ConfidenceResponse | null = confidenceReport(rows, view.summary.judgedBy?.confidence ?? []);
      if (!body) {
        return fail(
          c,
          404,
          "no_confidence",
          `run "${id}" has no confidence verdicts; \`confess judge ${id} --confidence rule\` adds them`,
        );
      }
      return c.json(body);
    }),
  );

  app.get(
    "/runs/:id/audits",
    guarded((c) => {
      const id = idOf(c);
      if (!store.getRun(id)) return noRun(c, id);
      const body: AuditsResponse = { items: listAudits(store, id) };
      return c.json(body);
    }),
  );

  // sample ids hold slashes (`<run>/<key>`): sent encoded, and matched whole either way
  app.get(
    "/samples/:id{.+}",
    guarded((c) => {
      const id = idOf(c);
      const filter = sampleFilterOf(readerOf(c));
      const page = samplePage(store, id, filter, views);
      if ("sample" in page) {
        const body: SampleResponse = page;
        return c.json(body);
      }
      if (page.kind === "failed") {
        return fail(
          c,
          404,
          "sample_failed",
          `sample "${id}" failed to generate${page.message ? ` (${page.code}: ${page.message})` : ""}; ` +
            `\`confess eval --run ${page.runId}\` with the same flags tries it again`,
        );
      }
      return fail(c, 404, "not_found", `no sample "${id}" in this database`);
    }),
  );

  app.get(
    "/compare",
    guarded((c) => {
      const ids = compareIdsOf(readerOf(c));
      const runs = [];
      for (const id of ids) {
        const run = store.getRun(id);
        if (!run) return noRun(c, id);
        runs.push(run);
      }
      const body: CompareResponse = compareRuns(store, runs, views);
      return c.json(body);
    }),
  );

  return app;
}
