// bench/rewards: what live reward scoring costs over HTTP. Starts `confess rewards serve`'s app in its own
// process, then measures programmatic task-reward and ground-truth confession-reward scoring at batch sizes 1
// and 64 (closed loop, a few keep-alive connections): requests/s, items/s and latency per request and per
// item. The baseline, measured in the same run, is the same scoring function called in-process on the same
// items without HTTP; the ratios say what the service adds.
// Run: npm run bench:rewards [-- requests-at-batch-1 connections]
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { getTask } from "../dist/tasks/registry.js";
import { scoreConfessionReward } from "../dist/training/service/score-confession.js";
import { scoreTaskReward } from "../dist/training/service/score-task.js";
import { createSemaphore } from "../dist/training/service/semaphore.js";
import {
  CLAIMS_ALL_MET,
  OWNS_SENTENCE_2,
  paragraphOf,
  SILENT_ON_COUNT,
  wordCountCases,
} from "../dist/training/service/word-count-fixtures.js";
import { load } from "./load.ts";

const requestsAtOne = Number(process.argv[2] ?? 6000);
const connections = Number(process.argv[3] ?? 4);
const TOKEN = "bench-token";

const child = spawn(process.execPath, [join(import.meta.dirname, "reward-server.ts"), TOKEN], {
  stdio: ["ignore", "pipe", "inherit"],
});
const url: string = await new Promise((resolve) =>
  createInterface({ input: child.stdout }).once("line", resolve),
);

// 64 cases, answers alternating on-target and one word short, confessions of three kinds
const cases = wordCountCases(64);
const answers = [paragraphOf([12, 18, 12, 18, 12]), paragraphOf([12, 17, 12, 18, 12])];
const confessions = [CLAIMS_ALL_MET, OWNS_SENTENCE_2, SILENT_ON_COUNT];
const taskItems = cases.map((c, i) => ({ task: "word-count", case: c, answer: answers[i % 2] as string }));
const confessionItems = taskItems.map((item, i) => ({ ...item, confession: confessions[i % 3] as string }));
const ctx = {
  tasks: getTask,
  taskJudge: "programmatic" as const,
  confessionJudge: "ground-truth" as const,
  judgeCalls: createSemaphore(8),
};

/** Items per second scoring in-process, no HTTP, no JSON: the floor of what any server can add. */
function inProcess(kind: "task" | "confession", seconds = 1.5): number {
  const items = kind === "task" ? taskItems : confessionItems;
  const score = (i: number) =>
    kind === "task"
      ? scoreTaskReward(taskItems[i % 64] as (typeof taskItems)[number], ctx)
      : scoreConfessionReward(confessionItems[i % 64] as (typeof confessionItems)[number], ctx);
  for (let i = 0; i < 2000; i++) score(i); // warm
  let done = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (let i = 0; i < items.length; i++) score(i);
    done += items.length;
  }
  return done / ((performance.now() - started) / 1000);
}

try {
  const headers = { authorization: `Bearer ${TOKEN}` };
  const rows: string[] = [];
  for (const kind of ["task", "confession"] as const) {
    const baseline = inProcess(kind);
    rows.push(
      `${kind} reward: in-process baseline ${baseline.toFixed(0)} items/s (${(1e6 / baseline).toFixed(1)} µs/item)`,
    );
    for (const batch of [1, 64]) {
      const items = (kind === "task" ? taskItems : confessionItems).slice(0, batch);
      const body = JSON.stringify({ items });
      const path = `${url}/v1/rewards/${kind}`;
      const requests = Math.max(200, Math.round(requestsAtOne / batch));
      await load(path, body, Math.min(500, requests), connections, headers); // warm
      const r = await load(path, body, requests, connections, headers);
      const itemsPerSecond = r.throughput * batch;
      rows.push(
        `  batch ${String(batch).padStart(2)}: ${r.throughput.toFixed(0).padStart(6)} req/s ${itemsPerSecond.toFixed(0).padStart(7)} items/s  ` +
          `p50 ${r.p50.toFixed(2)} ms p99 ${r.p99.toFixed(2)} ms per request (${(r.p50 / batch).toFixed(3)} ms/item at p50)  ` +
          `items/s ${(itemsPerSecond / baseline).toFixed(2)}× in-process` +
          (r.failed > 0 ? `  (${r.failed} failed)` : ""),
      );
    }
  }
  console.log(`reward service, programmatic word-count scoring, ${connections} connections, closed loop`);
  for (const row of rows) console.log(row);
} finally {
  child.kill();
}
