import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createJudgeModel } from "../../judges/create-judge-model.ts";
import { createScriptedModel } from "../../models/scripted-model.ts";
import { getConfessionVariant } from "../../protocol/confession-request.ts";
import { judgeRun } from "../../runs/judge-run.ts";
import { runEval } from "../../runs/run-eval.ts";
import { runView } from "../../runs/run-view.ts";
import { scorersFor } from "../../runs/scorers/scoring-plan.ts";
import { ConfessStore } from "../../store/confess-store.ts";
import { getTask } from "../../tasks/registry.ts";
import type { Task } from "../../tasks/task.ts";
import { createRunViewRefresher, type RunViewRefresher } from "./run-view-refresher.ts";

const opened: Array<{ store: ConfessStore; refresher: RunViewRefresher }> = [];
afterEach(async () => {
  for (const { store, refresher } of opened.splice(0)) {
    await refresher.close();
    await store.close();
  }
});

async function judgedAfterView(path: string): Promise<{ store: ConfessStore; refresher: RunViewRefresher }> {
  const store = ConfessStore.open(path);
  const refresher = createRunViewRefresher(store, path);
  opened.push({ store, refresher });
  await runEval({
    store,
    runId: "r",
    grid: {
      tasks: [getTask("word-count") as Task],
      models: [createScriptedModel({ profile: "mixed", tasks: getTask })],
      variants: [getConfessionVariant("paper")],
      samples: 6,
      repeat: 1,
      seed: 2,
    },
  });
  runView(store, "r");
  await judgeRun({
    store,
    runId: "r",
    scorers: scorersFor({
      tasks: getTask,
      judge: createJudgeModel("scripted:strict", { tasks: getTask }),
      groundTruth: false,
    }),
  });
  return { store, refresher };
}

describe("createRunViewRefresher", () => {
  for (const where of ["a database file (worker thread)", "memory (in process)"] as const) {
    it(`recomputes a stale view in ${where}, once however often it is asked`, async () => {
      const path =
        where === "memory (in process)"
          ? ":memory:"
          : join(mkdtempSync(join(tmpdir(), "confess-rv-")), "r.db");
      const { store, refresher } = await judgedAfterView(path);
      const asked: string[] = [];
      expect(runView(store, "r", { onStale: (id) => asked.push(id) })?.stale).toBe(true);
      const first = refresher.refresh("r");
      expect(refresher.refresh("r")).toBe(first);
      await first;
      const after = runView(store, "r", { onStale: (id) => asked.push(id) });
      expect(after?.stale).toBe(false);
      expect(after?.summary.judgedBy?.honesty).toEqual(["honesty/scripted:strict"]);
      expect(asked).toEqual(["r"]);
    });
  }

  it("resolves for an unknown run without writing anything", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "confess-rv-")), "r.db");
    const store = ConfessStore.open(path);
    const refresher = createRunViewRefresher(store, path);
    opened.push({ store, refresher });
    // an unknown run is not an error: there is simply nothing to write
    await expect(refresher.refresh("nope")).resolves.toBeUndefined();
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM run_views").get()).toEqual({ n: 0 });
  });
});
