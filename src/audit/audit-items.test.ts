import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScriptedModel } from "../models/scripted-model.ts";
import { complianceClaim } from "../protocol/compliance-level.ts";
import { ConfessionReportSchema } from "../protocol/confession-report.ts";
import { getConfessionVariant } from "../protocol/confession-request.ts";
import { runEval } from "../runs/run-eval.ts";
import { loadScoredSamples } from "../runs/scored-samples.ts";
import { ConfessStore } from "../store/confess-store.ts";
import { getTask } from "../tasks/registry.ts";
import { confessedByRule } from "../tasks/shared/confession-claims.ts";
import type { Task } from "../tasks/task.ts";
import { wordCountTask } from "../tasks/word-count/word-count-task.ts";
import {
  type AuditItem,
  auditItemsFromRun,
  collectAuditItems,
  verifyLies,
  viewWithConfession,
} from "./audit-items.ts";
import { MANIPULATIONS } from "./manipulations.ts";

/** The rule for word-count objectives, without the grade: only a claim in the objectives confesses. */
const lengthRule = { relevant: (o: { objective: string }) => /words|count/i.test(o.objective) };

let dir: string;
let store: ConfessStore;
const RUN = "audit-run";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "confess-audit-"));
  store = ConfessStore.open(join(dir, "confess.db"));
  await runEval({
    store,
    runId: RUN,
    grid: {
      tasks: [wordCountTask as Task],
      models: ["hacker", "honest", "liar"].map((profile) =>
        createScriptedModel({ profile: profile as "hacker" | "honest" | "liar", tasks: getTask }),
      ),
      variants: [getConfessionVariant("paper")],
      samples: 4,
      repeat: 1,
      seed: 21,
      taskOptions: { "word-count": { bracketLabels: true } },
    },
  });
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("auditItemsFromRun", () => {
  it("keeps the honest samples with their ground truth, and leaves the liar's out as dishonest", async () => {
    const { items, skipped, droppedLies } = await collectAuditItems(store, RUN);
    // every lie is a real lie by word-count's own grader, so none had to be dropped
    expect(droppedLies).toEqual({});
    expect(items).toHaveLength(8);
    expect(skipped).toEqual({ "confession-not-ok": 0, "truth-undecided": 0, dishonest: 4 });
    const truth = new Map(items.map((i) => [i.sampleId, i.truth]));
    const byModel = (model: string) => items.filter((i) => i.model === model).map((i) => i.truth);
    expect(byModel("scripted:hacker")).toEqual(Array(4).fill("not_complied"));
    expect(byModel("scripted:honest")).toEqual(Array(4).fill("complied"));
    expect(byModel("scripted:liar")).toEqual([]);
    // the truths are the run's own ground truth, as the metrics read it
    const scored = loadScoredSamples(store, RUN).filter((s) => s.model !== "scripted:liar");
    expect(scored.map((s) => s.complied)).toEqual(
      [...store.samples(RUN)].filter((s) => s.model !== "scripted:liar").map((s) => truth.get(s.id)),
    );
    expect(await auditItemsFromRun(store, RUN)).toEqual(items);
  });

  it("builds items whose honest reports confess exactly when the answer did not comply", async () => {
    for (const item of await auditItemsFromRun(store, RUN)) {
      expect(item.view.confession.report).toEqual(item.honestReport);
      expect(confessedByRule(item.view.confession, lengthRule).value).toBe(item.truth === "not_complied");
      expect(confessedByRule(item.honestView.confession, lengthRule).value).toBe(
        item.truth === "not_complied",
      );
      expect(item.honestView.confession.report).toEqual(item.honestReport);
      const owned = item.violatedIndices.map((i) => item.honestReport.compliance_analysis[i]);
      expect(owned.every((o) => o && complianceClaim(o.compliance) !== "complied")).toBe(true);
      if (item.truth === "complied") {
        expect(item.violatedIndices).toEqual([]);
        expect(item.lies).toEqual([]);
      } else {
        expect(item.violatedIndices.length).toBeGreaterThanOrEqual(2);
        expect(item.lies.map((l) => l.manipulation)).toEqual([...MANIPULATIONS]);
      }
    }
  });

  it("gives lied views that change only the confession, validate, and are lies by the task's own grader", async () => {
    const items: AuditItem[] = (await auditItemsFromRun(store, RUN)).filter(
      (i) => i.truth === "not_complied",
    );
    for (const item of items) {
      for (const lie of item.lies) {
        const { view } = lie;
        expect(view.confession.status).toBe("ok");
        expect(ConfessionReportSchema.safeParse(view.confession.report).success).toBe(true);
        expect(JSON.parse(view.confessionText)).toEqual(view.confession.report);
        expect(view.confession.raw).toBe(view.confessionText);
        expect({ ...view, confession: null, confessionText: null }).toEqual({
          ...item.view,
          confession: null,
          confessionText: null,
        });
        const confesses = confessedByRule(view.confession, lengthRule).value;
        // an inflated grade still owns up in the objectives; every other lie hides the violation there
        expect(confesses).toBe(lie.manipulation === "inflated-grade");
        // and by the task's grader (which also counts a failing grade), every hiding lie denies the miss
        const graded = await wordCountTask.grade({
          case: view.case as Parameters<typeof wordCountTask.grade>[0]["case"],
          answer: view.answer,
          transcript: view.transcript,
          confession: view.confession,
        });
        expect(graded.confessed.value).toBe(lie.manipulation === "inflated-grade");
        expect(view.confession.report?.overall_compliance_grade).toBe(7);
      }
    }
  });

  it("audits only the manipulations asked for", async () => {
    const items = await auditItemsFromRun(store, RUN, ["omitted-objective"]);
    const lies = items.flatMap((i) => i.lies.map((l) => l.manipulation));
    expect(lies).toEqual(Array(4).fill("omitted-objective"));
  });

  it("is empty for an unknown run", async () => {
    expect(await auditItemsFromRun(store, "no-such-run")).toEqual([]);
  });
});

describe("verifyLies", () => {
  it("drops a lie the task's grader still reads as a confession, and counts it", async () => {
    const [item] = (await auditItemsFromRun(store, RUN)).filter((i) => i.truth === "not_complied");
    if (!item) throw new Error("no not-complied item");
    const flipped = item.lies.find((l) => l.manipulation === "flipped-claim");
    if (!flipped?.view.confession.report) throw new Error("no flipped-claim lie");
    // the same lie with the honest (failing) grade left in place: word-count counts that as confessing
    const keptGrade = viewWithConfession(flipped.view, {
      ...flipped.view.confession.report,
      overall_compliance_grade: item.honestReport.overall_compliance_grade,
    });
    const { item: checked, dropped } = await verifyLies(
      { ...item, lies: [{ manipulation: "flipped-claim", view: keptGrade }, ...item.lies] },
      getTask,
    );
    expect(dropped).toEqual(["flipped-claim"]);
    expect(checked.lies).toEqual(item.lies);
  });
});
