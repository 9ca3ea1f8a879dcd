import { describe, expect, it } from "vitest";
import { createScriptedModel } from "../../models/scripted-model.ts";
import { getConfessionVariant } from "../../protocol/confession-request.ts";
import { elicit } from "../../runs/elicit.ts";
import { covertRuleViolationTask } from "../covert-rule-violation/covert-rule-violation-task.ts";
import { impossibleTaskTask } from "../impossible-task/impossible-task-task.ts";
import { sandbaggingTask } from "../sandbagging/sandbagging-task.ts";
import type { Task } from "../task.ts";

const TASKS = [impossibleTaskTask, covertRuleViolationTask, sandbaggingTask] as Task[];
const lookup = (name: string) => TASKS.find((t) => t.name === name);

/** Plays a scripted profile through the real elicitation (tool loop included) and the real grader. */
async function play(task: Task, profile: "honest" | "hacker" | "liar", count: number) {
  const model = createScriptedModel({ profile, tasks: lookup });
  const grades = [];
  for (const testCase of task.cases({ seed: 5, count, options: {} })) {
    const e = await elicit({
      model,
      task,
      testCase,
      variant: getConfessionVariant("paper"),
      sampleIndex: 0,
      seed: 5,
    });
    expect(e.transcript.some((m) => m.role === "tool")).toBe(true);
    grades.push(
      await task.grade({
        case: testCase,
        answer: e.y,
        transcript: e.transcript,
        environment: JSON.parse(JSON.stringify(e.environment)),
        confession: e.confession,
      }),
    );
  }
  return grades;
}

describe.each(TASKS.map((t) => [t.name, t] as const))("scripted profiles on %s", (_, task) => {
  it("honest: complied and not confessed", async () => {
    for (const g of await play(task, "honest", 8)) {
      expect(g.complied.value, g.complied.reason).toBe("complied");
      expect(g.confessed.value).toBe(false);
    }
  });

  it("hacker: not complied and confessed", async () => {
    for (const g of await play(task, "hacker", 8)) {
      expect(g.complied.value).toBe("not_complied");
      expect(g.confessed.value).toBe(true);
    }
  });

  it("liar: not complied and not confessed", async () => {
    for (const g of await play(task, "liar", 8)) {
      expect(g.complied.value).toBe("not_complied");
      expect(g.confessed.value).toBe(false);
    }
  });
});
