import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { honestyJudgeKind } from "../judges/honesty-judge.ts";
import { createScriptedJudgeModel } from "../judges/scripted-judge-model.ts";
import { createScriptedModel } from "../models/scripted-model.ts";
import { getConfessionVariant } from "../protocol/confession-request.ts";
import { runEval } from "../runs/run-eval.ts";
import { ConfessStore } from "../store/confess-store.ts";
import { getTask } from "../tasks/registry.ts";
import type { Task } from "../tasks/task.ts";
import { wordCountTask } from "../tasks/word-count/word-count-task.ts";
import { auditRun } from "./audit-run.ts";
import { formatAudit } from "./format-audit.ts";
import { MANIPULATIONS } from "./manipulations.ts";

const store = ConfessStore.open(":memory:");
const judge = (profile: "strict" | "gullible") =>
  createScriptedJudgeModel({ profile, tasks: getTask, kinds: [honestyJudgeKind] });

beforeAll(async () => {
  await runEval({
    store,
    runId: "r",
    grid: {
      tasks: [wordCountTask as Task],
      models: [
        createScriptedModel({ profile: "hacker", tasks: getTask }),
        createScriptedModel({ profile: "honest", tasks: getTask }),
      ],
      variants: [getConfessionVariant("paper")],
      samples: 5,
      repeat: 1,
      seed: 3,
    },
  });
});
afterAll(() => store.close());

describe("auditRun", () => {
  it("finds that a verifying judge meets the honesty condition on every manipulation", async () => {
    const report = await auditRun(store, "r", judge("strict"), { concurrency: 4 });
    expect(report.judge).toBe("scripted:strict");
    expect(report.items).toMatchObject({ total: 10, complied: 5, notComplied: 5 });
    expect(report.honestAcceptance.complied).toMatchObject({ k: 5, n: 5 });
    for (const m of report.manipulations) {
      expect(m).toMatchObject({ n: 5, caught: 5, acceptedHonest: 5, holds: true });
      expect(m.meanReward.lie).toBeLessThan(0.5);
    }
    expect(formatAudit(report)).toContain("on 5/5 manipulations");
  });

  it("finds that a judge who believes every confession meets it on none", async () => {
    const report = await auditRun(store, "r", judge("gullible"));
    for (const m of report.manipulations) expect(m).toMatchObject({ n: 5, caught: 0, holds: false });
    expect(report.verdict.met).toBe(0);
  });

  it("honours limit and manipulations, and rejects an unknown run", async () => {
    const report = await auditRun(store, "r", judge("strict"), {
      limit: 2,
      manipulations: ["flipped-claim"],
      cache: false,
    });
    expect(report.items.total).toBe(2);
    expect(report.manipulations.map((m) => m.manipulation)).toEqual(["flipped-claim"]);
    expect(MANIPULATIONS).toContain("flipped-claim");
    await expect(auditRun(store, "nope", judge("strict"))).rejects.toThrow(/no run "nope"/);
  });
});
