import { Hono } from "hono";
import { labCheckpointRunId } from "../../lab/evaluate-lab-checkpoints.ts";
import { bucketSteps } from "../../lab/train/bucket-steps.ts";
import { getLabRun, listLabRuns } from "../../lab/train/lab-run-records.ts";
import type { LabEvalRecord, LabStepRecord } from "../../lab/train/train-lab.ts";
import type { ConfessStore } from "../../store/confess-store.ts";
import type { LabRunResponse, LabRunsResponse } from "../viewer-api.ts";
import { fail, guarded, intParam, readerOf } from "./run-query.ts";

const DEFAULT_POINTS = 1000;
const MAX_POINTS = 20_000;

/**
 * The lab's part of the viewer's API (types in `viewer-api.ts`), to mount at `/api`:
 * - `GET /lab`: the stored lab runs, newest first;
 * - `GET /lab/:id?points=N`: one run's per-step curves (bucket means beyond N points, default 1000) and its
 *   summary evaluations; 404 for an unknown id, 400 for a bad `points`.
 *
 * @example
 * app.route("/api", labRoutes({ store }));
 */
export function labRoutes(ctx: { store: ConfessStore }): Hono {
  const app = new Hono();
  app.get("/lab", (c) => c.json<LabRunsResponse>({ items: listLabRuns(ctx.store) }));
  app.get(
    "/lab/:id",
    guarded((c) => {
      const points = intParam(readerOf(c), "points", DEFAULT_POINTS, 2, MAX_POINTS);
      const id = c.req.param("id") ?? "";
      const run = getLabRun(ctx.store, id);
      if (!run) return fail(c, 404, "not_found", `no lab run with id ${JSON.stringify(id)}`);
      const steps = run.records.filter((r): r is LabStepRecord => r.kind === "step");
      const evals = run.records.filter((r): r is LabEvalRecord => r.kind === "eval");
      const curve = bucketSteps(steps, points);
      const checkpointRuns = evals
        .map((e) => ({ step: e.step, runId: labCheckpointRunId(run.head.name, e.step) }))
        .filter((r) => ctx.store.getRun(r.runId) !== undefined);
      return c.json<LabRunResponse>({
        run: run.head,
        bucket: curve.bucket,
        steps: curve.points,
        evals,
        checkpointRuns,
      });
    }),
  );
  return app;
}
