import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createScriptedModel } from "../../models/scripted-model.ts";
import { getConfessionVariant } from "../../protocol/confession-request.ts";
import { runEval } from "../../runs/run-eval.ts";
import { runView } from "../../runs/run-view.ts";
import { ConfessStore } from "../../store/confess-store.ts";
import { getTask } from "../../tasks/registry.ts";
import type { Task } from "../../tasks/task.ts";
import type { RunResponse } from "../viewer-api.ts";
import { startViewerServer } from "./start-viewer-server.ts";

/** The threads of this process (Linux): the run-view worker is one of them while it lives. */
const threads = (): number => readdirSync("/proc/self/task").length;

describe.skipIf(process.platform !== "linux")("startViewerServer", () => {
  it("ends the run-view worker when closed", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "confess-viewer-")), "v.db");
    const store = ConfessStore.open(path);
    await runEval({
      store,
      runId: "r",
      grid: {
        tasks: [getTask("word-count") as Task],
        models: [createScriptedModel({ profile: "mixed", tasks: getTask })],
        variants: [getConfessionVariant("paper")],
        samples: 4,
        repeat: 1,
        seed: 1,
      },
    });
    runView(store, "r");
    const viewer = await startViewerServer({ store, dbPath: path, port: 0, assetsDir: null });
    try {
      // a verdict written after the view makes it stale: the viewer recomputes it on its worker
      const sample = store.db.prepare("SELECT id FROM samples WHERE run_id = 'r' LIMIT 1").get() as {
        id: string;
      };
      store.db
        .prepare(
          "INSERT INTO verdicts (sample_id, scorer, target, value, status, method, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .run(
          sample.id,
          "word-count/ground-truth",
          "confessed",
          "true",
          "ok",
          "rule",
          new Date().toISOString(),
        );
      const first = (await (await fetch(`${viewer.url}api/runs/r`)).json()) as RunResponse;
      expect(first.stale).toBe(true);
      let fresh = first;
      for (let i = 0; i < 200 && fresh.stale; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        fresh = (await (await fetch(`${viewer.url}api/runs/r`)).json()) as RunResponse;
      }
      expect(fresh.stale).toBe(false);
    } finally {
      const withWorker = threads();
      await viewer.close();
      expect(threads()).toBeLessThan(withWorker);
      await store.close();
    }
  });
});
