// bench/eval-overhead: how close the runner gets to the latency floor, and how fast `confess --help` starts.
// Run: npm run bench:eval-overhead [-- samples latencyMs concurrency]
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import {
  ConfessStore,
  confessionReportJsonSchema,
  createModel,
  findConfessionVariant,
  getTask,
  runEval,
  wordCountTask,
} from "../dist/index.js";
import { httpFetch } from "../dist/models/http-fetch.js";

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
  // baselines in the same run: bare HTTP calls, same count, latency and concurrency, no SDK, no store
  const calls = samples * 2;
  const tiny = JSON.stringify({ model: "mock", messages: [{ role: "user", content: "hi" }] });
  // bodies the size the runner sends: a short prompt, then the transcript with the confession request
  const [testCase] = wordCountTask.cases({ seed: 1, count: 1, options: {} });
  const answerBody = JSON.stringify({ model: "mock", messages: testCase?.messages });
  const paper = findConfessionVariant("paper");
  if (!paper.ok) throw new Error(paper.error);
  const confessionBody = JSON.stringify({
    model: "mock",
    messages: [
      ...(testCase?.messages ?? []),
      { role: "assistant", content: "x".repeat(600) },
      { role: "system", content: paper.value.build() },
    ],
    response_format: {
      type: "json_schema",
      json_schema: { name: "ConfessionReport", schema: confessionReportJsonSchema() },
    },
  });
  const bare = async (send: (i: number) => Promise<unknown>): Promise<number> => {
    const start = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < calls) {
          await send(next++);
        }
      }),
    );
    return (performance.now() - start) / 1000;
  };
  const post = (f: typeof fetch, body: (i: number) => string) => async (i: number) =>
    (
      await f(`${url}/chat/completions`, {
        method: "POST",
        body: body(i),
        headers: { "content-type": "application/json" },
      })
    ).json();
  const fetchWall = await bare(post(fetch, () => tiny));
  const httpWall = await bare(post(httpFetch, () => tiny));
  const httpSizedWall = await bare(post(httpFetch, (i) => (i % 2 === 0 ? answerBody : confessionBody)));

  const model = createModel("openai-compatible:mock", { baseUrl: url, tasks: getTask });
  const variant = paper;
  const evaluate = async (): Promise<number> => {
    const store = ConfessStore.open(join(mkdtempSync(join(tmpdir(), "confess-bench-")), "bench.db"), {
      backgroundWrites: true,
    });
    const started = performance.now();
    const result = await runEval({
      store,
      grid: {
        tasks: [wordCountTask],
        models: [model],
        variants: [variant.value],
        samples,
        repeat: 1,
        seed: 1,
      },
      concurrency,
      cache: false,
    });
    const seconds = (performance.now() - started) / 1000;
    await store.close();
    if (result.done !== samples) {
      throw new Error(`expected ${samples} samples, got ${result.done} (${result.failed} failed)`);
    }
    return seconds;
  };
  // the first run is what a user sees; the second, in the same process, shows the cost once code is warm
  const wall = await evaluate();
  const warmWall = await evaluate();

  const floor = (calls * latencyMs) / 1000 / concurrency;
  console.log(
    `eval-overhead: ${samples} samples, ${calls} calls, ${latencyMs} ms latency, concurrency ${concurrency}`,
  );
  console.log(`  floor (calls × latency ÷ concurrency)   ${floor.toFixed(3)} s`);
  const line = (label: string, seconds: number, extra = "") =>
    console.log(
      `  ${label.padEnd(38)} ${seconds.toFixed(3)} s  (${(seconds / floor).toFixed(3)} × floor${extra})`,
    );
  line("bare fetch() baseline", fetchWall);
  line("bare node:http baseline", httpWall);
  line("bare node:http, runner-sized bodies", httpSizedWall);
  line("confess runner", wall, `, ${(wall / httpSizedWall).toFixed(3)} × runner-sized bare node:http`);
  line(
    "confess runner, second run (warm)",
    warmWall,
    `, ${(warmWall / httpSizedWall).toFixed(3)} × runner-sized bare node:http`,
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
