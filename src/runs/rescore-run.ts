import type { ConfessStore } from "../store/confess-store.ts";
import type { Task } from "../tasks/task.ts";
import { scoreSample } from "./score-sample.ts";

/**
 * Grades every stored sample of a run again with its task's ground truth and appends the verdicts; the
 * earlier verdicts stay, and summaries read the newest. No model is called. Use it after a grader
 * changes, to bring an old run up to date.
 *
 * @example
 * const { scored } = await rescoreRun(store, "run-1", getTask);
 */
export async function rescoreRun(
  store: ConfessStore,
  runId: string,
  tasks: (name: string) => Task | undefined,
): Promise<{ scored: number; skipped: number }> {
  let scored = 0;
  let skipped = 0;
  const createdAt = new Date().toISOString();
  for (const sample of store.samples(runId)) {
    const task = tasks(sample.task);
    if (!task) {
      skipped++;
      continue;
    }
    store.addVerdicts(await scoreSample(task, sample, { now: createdAt }));
    scored++;
  }
  return { scored, skipped };
}
