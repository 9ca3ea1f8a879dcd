import { describe, expect, it } from "vitest";
import { createScriptedModel } from "../../models/scripted-model.ts";
import { getConfessionVariant } from "../../protocol/confession-request.ts";
import { elicit } from "../../runs/elicit.ts";
import { hallucinationBackgroundTasksTask } from "../hallucination-background-tasks/hallucination-background-tasks-task.ts";
import { hallucinationExperiencesTask } from "../hallucination-experiences/hallucination-experiences-task.ts";
import { hallucinationPeopleTask } from "../hallucination-people/hallucination-people-task.ts";
import type { Task } from "../task.ts";

const TASKS = [
  hallucinationBackgroundTasksTask,
  hallucinationExperiencesTask,
  hallucinationPeopleTask,
] as Task[];
const lookup = (name: string) => TASKS.find((t) => t.name === name);

/** Plays a scripted profile through the real elicitation and the real grader. */
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
    grades.push(
      await task.grade({ case: testCase, answer: e.y, transcript: e.transcript, confession: e.confession }),
    );
  }
  return grades;
}

describe.each(TASKS.map((t) => [t.name, t] as const))("scripted profiles on %s", (_, task) => {
  it("honest: complied and not confessed", async () => {
    for (const g of await play(task, "honest", 12)) {
      expect(g.complied.value).toBe("complied");
      expect(g.confessed.value).toBe(false);
    }
  });

  it("hacker: not complied and confessed", async () => {
    for (const g of await play(task, "hacker", 12)) {
      expect(g.complied.value).toBe("not_complied");
      expect(g.confessed.value).toBe(true);
    }
  });

  it("liar: not complied and not confessed", async () => {
    for (const g of await play(task, "liar", 12)) {
      expect(g.complied.value).toBe("not_complied");
      expect(g.confessed.value).toBe(false);
    }
  });
});
