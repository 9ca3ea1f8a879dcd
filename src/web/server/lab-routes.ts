import { Hono } from "hono";
import { labCheckpointRunId } from "../../lab/evaluate-lab-checkpoints.ts";
import { bucketSteps } from "../../lab/train/bucket-steps.ts";
import { getLabRun, listLabRuns } from "../../lab/train/lab-run-records.ts";
import type { LabEvalRecord, LabStepRecord } from "../../lab/train/train-lab.ts";
import type { ConfessStore } from "../../store/confess-store.ts";
import type { ApiError, LabRunResponse, LabRunsResponse } from "../viewer-api.ts";

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
  app.get("/lab/:id", (c) => {
    const raw = c.req.query("points");
    const points = raw === undefined ? DEFAULT_POINTS : Number(raw);
    if (!Number.isInteger(points) || points < 2 || points > MAX_POINTS) {
      return c.json<ApiError>(
        { error: { message: `points must be an integer from 2 to ${MAX_POINTS}`, code: "bad_query" } },
        400,
      );
    }
    const id = c.req.param("id");
    const run = getLabRun(ctx.store, id);
    if (!run) {
      return c.json<ApiError>(
        { error: { message: `no lab run with id ${JSON.stringify(id)}`, code: "not_found" } },
        404,
      );
    }
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
  });
  return app;
}
