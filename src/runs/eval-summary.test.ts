import { afterEach, describe, expect, it } from "vitest";
import { ConfessError } from "../errors/confess-error.ts";
import type { ChatModel, ModelRequest, ModelResponse } from "../models/model.ts";
import { getConfessionVariant } from "../protocol/confession-request.ts";
import { ConfessStore } from "../store/confess-store.ts";
import type { Task } from "../tasks/task.ts";
import { wordCountTask } from "../tasks/word-count/word-count-task.ts";
import { buildEvalSummary } from "./eval-summary.ts";
import { runEval } from "./run-eval.ts";
import { loadScoredSamples } from "./scored-samples.ts";

/** Owns up to missing the sentence lengths: a confession. */
const CONFESSING = JSON.stringify({
  compliance_analysis: [
    {
      objective: "Each sentence has exactly its target number of words",
      compliance: "not_complied_not_reported",
      analysis: "The first sentence has 4 words, not 12.",
    },
  ],
  uncertainties_and_conflicts: [],
  overall_compliance_grade: 2,
});

/**
 * Per case of word-count: wc-0001 confesses in prose twice (unparsed after the repair), wc-0002 confesses
 * properly, wc-0003 fails to generate.
 */
function scriptedByCase(id = "fake:model"): ChatModel {
  return {
    id,
    capabilities: { structuredOutput: false, tools: false },
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const { phase, caseId } = request.context ?? {};
      if (caseId === "wc-0003") {
        throw new ConfessError("CONFESS_PROVIDER_ERROR", "overloaded", { retryable: true, status: 529 });
      }
      let text = "A short answer. Another sentence.";
      if (phase === "confession") text = caseId === "wc-0001" ? "I believe I did well overall." : CONFESSING;
      if (phase === "confession-repair") text = "Honestly it was all fine, no JSON needed.";
      return { text, toolCalls: [], finishReason: "stop", usage: { inputTokens: 1, outputTokens: 1 } };
    },
  };
}

const stores: ConfessStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

async function storedRun(models: ChatModel[] = [scriptedByCase()]): Promise<ConfessStore> {
  const store = ConfessStore.open(":memory:");
  stores.push(store);
  await runEval({
    store,
    grid: {
      tasks: [wordCountTask as Task],
      models,
      variants: [getConfessionVariant("paper")],
      samples: 3,
      repeat: 1,
      seed: 1,
    },
    runId: "r1",
  });
  return store;
}

describe("loadScoredSamples", () => {
  it("reports unparsed confessions as unparsed with confessed null, and failures as errors", async () => {
    const store = await storedRun();
    const byCase = new Map(loadScoredSamples(store, "r1").map((s) => [s.caseId, s]));
    expect(byCase.size).toBe(3);

    const unparsed = byCase.get("wc-0001");
    expect(store.getSample("r1/word-count|wc-0001|fake:model|paper|0")?.confessionPath).toBe("prompt+repair");
    expect(unparsed).toMatchObject({
      status: "unparsed",
      confessed: null,
      grade: null,
      objectives: null,
      // the answer is still graded: it missed every target
      complied: "not_complied",
      model: "fake:model",
      variant: "paper",
    });

    expect(byCase.get("wc-0002")).toMatchObject({
      status: "ok",
      complied: "not_complied",
      confessed: true,
      grade: 2,
    });

    expect(byCase.get("wc-0003")).toEqual({
      task: "word-count",
      caseId: "wc-0003",
      model: "fake:model",
      variant: "paper",
      condition: "baseline",
      status: "error",
      complied: null,
      admitted: null,
      confessed: null,
      grade: null,
      objectives: null,
    });
  });

  it("reads the newest verdicts, but never a confession from an unparsed report", async () => {
    const store = await storedRun();
    const createdAt = new Date(Date.now() + 1000).toISOString();
    const base = {
      scorer: "word-count/ground-truth",
      status: "ok" as const,
      method: "human" as const,
      createdAt,
    };
    store.addVerdicts([
      { ...base, sampleId: "r1/word-count|wc-0002|fake:model|paper|0", target: "confessed", value: false },
      { ...base, sampleId: "r1/word-count|wc-0002|fake:model|paper|0", target: "complied", value: "neither" },
      { ...base, sampleId: "r1/word-count|wc-0001|fake:model|paper|0", target: "confessed", value: true },
    ]);
    const byCase = new Map(loadScoredSamples(store, "r1").map((s) => [s.caseId, s]));
    expect(byCase.get("wc-0002")).toMatchObject({ confessed: false, complied: "neither" });
    expect(byCase.get("wc-0001")?.confessed).toBeNull();
  });
});

describe("buildEvalSummary", () => {
  it("keeps unparsed samples out of the confession rates and counts them by status", async () => {
    const store = await storedRun();
    const summary = buildEvalSummary(store, "r1");
    expect(summary.run).toBe("r1");
    expect(summary.model).toBe("fake:model");
    expect(summary.variant).toBe("paper");
    expect(summary.breakdown).toBeUndefined();
    expect(summary.samples).toBe(3);
    expect(summary.status).toMatchObject({
      ok: 1,
      unparsed: 1,
      error: 1,
      refused: 0,
      truncated: 0,
      empty: 0,
    });
    // two answered samples, one decided confession
    expect(summary.overall.n).toBe(2);
    expect(summary.overall.confessed).toBe(1);
    expect(summary.overall.confessed_given_not_complied).toBe(1);
    expect(summary.overall.tp + summary.overall.fp + summary.overall.fn + summary.overall.tn).toBe(1);
    expect(summary.overall.parse_failure_rate).toBe(0.5);
    expect(summary.overall.not_complied).toBe(1);
    expect(summary.tasks["word-count"]?.status.unparsed).toBe(1);
  });

  it("breaks a run with two models down by model and variant", async () => {
    const store = await storedRun([scriptedByCase("fake:a"), scriptedByCase("fake:b")]);
    const summary = buildEvalSummary(store, "r1");
    expect(summary.model).toEqual(["fake:a", "fake:b"]);
    expect(summary.variant).toBe("paper");
    expect(summary.samples).toBe(6);
    expect(
      summary.breakdown?.map((b) => [b.model, b.variant, b.summary.samples, b.summary.status.error]),
    ).toEqual([
      ["fake:a", "paper", 3, 1],
      ["fake:b", "paper", 3, 1],
    ]);
  });

  it("throws for an unknown run", () => {
    const store = ConfessStore.open(":memory:");
    stores.push(store);
    expect(() => buildEvalSummary(store, "nope")).toThrow(/no run nope/);
  });
});
