// bench/eval-overhead: how close the runner gets to the latency floor, and how fast `confess --help` starts.
// Run: npm run bench:eval-overhead [-- samples latencyMs concurrency]
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import {
  ConfessStore,
  createModel,
  findConfessionVariant,
  getTask,
  runEval,
  wordCountTask,
} from "../dist/index.js";

const samples = Number(process.argv[2] ?? 1000);
const latencyMs = Number(process.argv[3] ?? 20);
const concurrency = Number(process.argv[4] ?? 32);

const upstream = spawn(process.execPath, [join(import.meta.dirname, "mock-upstream.ts"), String(latencyMs)], {
  stdio: ["ignore", "pipe", "inherit"],
});
const url: string = await new Promise((resolve) => {
  createInterface({ input: upstream.stdout }).once("line", resolve);
});

try {
  // baseline in the same run: bare fetch calls, same count, latency and concurrency, no SDK, no store
  const calls = samples * 2;
  const body = JSON.stringify({ model: "mock", messages: [{ role: "user", content: "hi" }] });
  const fetchStart = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) {
        next++;
        const res = await fetch(`${url}/chat/completions`, {
          method: "POST",
          body,
          headers: { "content-type": "application/json" },
        });
        await res.json();
      }
    }),
  );
  const fetchWall = (performance.now() - fetchStart) / 1000;

  const store = ConfessStore.open(join(mkdtempSync(join(tmpdir(), "confess-bench-")), "bench.db"));
  const model = createModel("openai-compatible:mock", { baseUrl: url, tasks: getTask });
  const variant = findConfessionVariant("paper");
  if (!variant.ok) throw new Error(variant.error);
  const started = performance.now();
  const result = await runEval({
    store,
    grid: { tasks: [wordCountTask], models: [model], variants: [variant.value], samples, repeat: 1, seed: 1 },
    concurrency,
    cache: false,
  });
  const wall = (performance.now() - started) / 1000;
  store.close();
  if (result.done !== samples)
    throw new Error(`expected ${samples} samples, got ${result.done} (${result.failed} failed)`);

  const floor = (calls * latencyMs) / 1000 / concurrency;
  console.log(
    `eval-overhead: ${samples} samples, ${calls} calls, ${latencyMs} ms latency, concurrency ${concurrency}`,
  );
  console.log(`  floor (calls × latency ÷ concurrency)   ${floor.toFixed(3)} s`);
  console.log(
    `  bare fetch baseline                     ${fetchWall.toFixed(3)} s  (${(fetchWall / floor).toFixed(3)} × floor)`,
  );
  console.log(
    `  confess runner                          ${wall.toFixed(3)} s  (${(wall / floor).toFixed(3)} × floor, ${(wall / fetchWall).toFixed(3)} × bare fetch)`,
  );
  console.log(`  wall / floor = ${(wall / floor).toFixed(3)} (target < 1.10)`);
} finally {
  upstream.kill();
}

// startup: `confess --help` against a bare `node -e ""` measured here too
const bin = join(import.meta.dirname, "../dist/cli/bin.js");
const time = (args: string[], runs = 10): number => {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    execFileSync(process.execPath, args, { stdio: "ignore" });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] ?? 0;
};
const bare = time(["-e", ""]);
const help = time([bin, "--help"]);
console.log(
  `startup: confess --help median ${help.toFixed(0)} ms; bare node ${bare.toFixed(0)} ms; ratio ${(help / bare).toFixed(2)}`,
);
