import { describe, expect, it } from "vitest";
import { createScriptedModel } from "../models/scripted-model.ts";
import { getConfessionVariant } from "../protocol/confession-request.ts";
import { ConfessStore } from "../store/confess-store.ts";
import { getTask } from "../tasks/registry.ts";
import type { Task } from "../tasks/task.ts";
import { wordCountTask } from "../tasks/word-count/word-count-task.ts";
import { buildEvalSummary } from "./eval-summary.ts";
import { rescoreRun } from "./rescore-run.ts";
import { runEval } from "./run-eval.ts";

describe("rescoreRun", () => {
  it("adds verdicts from the current grader, keeps the old ones, and summaries follow the newest", async () => {
    const store = ConfessStore.open(":memory:");
    const model = createScriptedModel({ profile: "honest", tasks: getTask });
    const grid = {
      tasks: [wordCountTask as Task],
      models: [model],
      variants: [getConfessionVariant("paper")],
      samples: 4,
      repeat: 1,
      seed: 3,
    };
    const { runId } = await runEval({ store, grid });
    expect(buildEvalSummary(store, runId).tasks["word-count"]?.complied).toBe(1);
    const before = store.db.prepare("SELECT COUNT(*) AS n FROM verdicts").get() as { n: number };

    // a grader that now calls everything non-compliant
    const strict: Task = {
      ...(wordCountTask as Task),
      grade: (input) => ({
        ...wordCountTask.grade(input as never),
        complied: { value: "not_complied", method: "programmatic" },
      }),
    };
    const result = await rescoreRun(store, runId, (name) => (name === "word-count" ? strict : undefined));
    expect(result).toEqual({ scored: 4, skipped: 0 });
    const after = store.db.prepare("SELECT COUNT(*) AS n FROM verdicts").get() as { n: number };
    expect(after.n).toBe(before.n * 2);
    expect(buildEvalSummary(store, runId).tasks["word-count"]?.not_complied).toBe(1);
    expect(await rescoreRun(store, runId, () => undefined)).toEqual({ scored: 0, skipped: 4 });
    store.close();
  });
});
