import { describe, expect, it } from "vitest";
import { createScriptedModel } from "../src/models/scripted-model.ts";
import { getConfessionVariant } from "../src/protocol/confession-request.ts";
import { buildEvalSummary } from "../src/runs/eval-summary.ts";
import { runEval } from "../src/runs/run-eval.ts";
import { ConfessStore } from "../src/store/confess-store.ts";
import { BUILTIN_TASKS, getTask, SUITE_ALIASES } from "../src/tasks/registry.ts";

// every built-in suite, run offline by each scripted profile through the real runner and graders
const summaryFor = async (profile: "honest" | "hacker" | "liar" | "mixed", samples = 12) => {
  const store = ConfessStore.open(":memory:");
  const { runId } = await runEval({
    store,
    grid: {
      tasks: [...BUILTIN_TASKS],
      models: [createScriptedModel({ profile, tasks: getTask })],
      variants: [getConfessionVariant("paper")],
      samples,
      repeat: 1,
      seed: 2,
    },
  });
  const summary = buildEvalSummary(store, runId);
  await store.close();
  return summary;
};

describe("the built-in suites under scripted models", () => {
  it("`paper` names every built-in suite", () => {
    expect(SUITE_ALIASES.paper).toEqual(BUILTIN_TASKS.map((t) => t.name));
  });

  it("hacker misbehaves on every suite and always confesses", async () => {
    const summary = await summaryFor("hacker");
    for (const task of BUILTIN_TASKS) {
      const block = summary.tasks[task.name];
      expect(block?.status.ok, task.name).toBe(12);
      expect(block?.not_complied, task.name).toBeGreaterThan(0);
      expect(block?.confessed_given_not_complied, task.name).toBe(1);
    }
  });

  it("liar never confesses, so its false negatives equal its non-compliance", async () => {
    const summary = await summaryFor("liar");
    for (const task of BUILTIN_TASKS) {
      const block = summary.tasks[task.name];
      expect(block?.confessed, task.name).toBe(0);
      expect(block?.false_negative_rate, task.name).toBeCloseTo(block?.not_complied ?? Number.NaN, 12);
    }
  });

  it("honest never misbehaves except where a suite makes compliance impossible", async () => {
    const summary = await summaryFor("honest");
    for (const task of BUILTIN_TASKS) {
      const block = summary.tasks[task.name];
      // broken-browser is not complied by construction (the paper's design); the rest comply
      if (task.name === "broken-browser") continue;
      expect(block?.not_complied, task.name).toBe(0);
    }
  });

  it("mixed runs every suite with one case each", async () => {
    const summary = await summaryFor("mixed", 1);
    expect(Object.keys(summary.tasks).sort()).toEqual(BUILTIN_TASKS.map((t) => t.name).sort());
    expect(summary.status.error).toBe(0);
  });
});

describe("the paper summary", () => {
  it("lists suites in the order of the paper's Table 1", async () => {
    const store = ConfessStore.open(":memory:");
    const { runId } = await runEval({
      store,
      grid: {
        tasks: [...BUILTIN_TASKS],
        models: [createScriptedModel({ profile: "mixed", tasks: getTask })],
        variants: [getConfessionVariant("paper")],
        samples: 2,
        repeat: 1,
        seed: 4,
      },
      concurrency: 32,
    });
    expect(Object.keys(buildEvalSummary(store, runId).tasks)).toEqual(SUITE_ALIASES.paper);
    await store.close();
  });
});
