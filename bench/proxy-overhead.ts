// bench/proxy-overhead: what the confession monitor costs a client. Against a zero-latency local upstream, it
// measures throughput and p50/p99 latency direct to the upstream, through a bare node:http proxy (the ceiling
// for any Node proxy on this machine), through `confess serve` with confessions off (with and without
// recording), and in async mode with confessions on, all in the same run, and prints the ratios.
// Two loads: closed loop (as fast as each target answers: throughput) and open loop at a fixed rate the
// machine can carry (latency without queueing).
// Run: npm run bench:proxy-overhead [-- requests connections rate]
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { type LoadResult, load } from "./load.ts";

const requests = Number(process.argv[2] ?? 20_000);
const connections = Number(process.argv[3] ?? 16);
const rate = Number(process.argv[4] ?? 1000);

/** Starts a script in its own process (so its CPU is not charged to the load generator) and reads its URL. */
async function serve(script: string, args: string[]): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [join(import.meta.dirname, script), ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url: string = await new Promise((resolve) =>
    createInterface({ input: child.stdout }).once("line", resolve),
  );
  return { url, stop: () => child.kill() };
}

const upstream = await serve("mock-upstream.ts", ["0"]);
const db = join(mkdtempSync(join(tmpdir(), "confess-bench-")), "confess.db");
const targets: Array<[string, { url: string; stop(): void }]> = [
  ["direct to upstream", { url: upstream.url, stop: () => {} }],
  ["bare node:http proxy (ceiling)", await serve("bare-proxy.ts", [upstream.url])],
  ["proxy, off, nothing recorded", await serve("proxy-server.ts", [upstream.url, "off", "none"])],
  ["proxy, confessions off", await serve("proxy-server.ts", [upstream.url, "off", db])],
  ["proxy, async confessions on", await serve("proxy-server.ts", [upstream.url, "async", db])],
];
try {
  const body = JSON.stringify({
    model: "mock",
    messages: [{ role: "user", content: "Write five sentences." }],
  });
  const url = (base: string) => `${base}/chat/completions`;
  // warm every path first (JIT, connection pools), then measure each in turn, twice, keeping the better run
  for (const [, target] of targets) await load(url(target.url), body, 2000, connections);
  const best = async (run: () => Promise<LoadResult>): Promise<LoadResult> => {
    const a = await run();
    const b = await run();
    return a.p99 <= b.p99 && a.throughput >= b.throughput * 0.98 ? a : b.throughput > a.throughput ? b : a;
  };
  const table = async (title: string, run: (base: string) => Promise<LoadResult>) => {
    console.log(title);
    const results: LoadResult[] = [];
    for (const [, target] of targets) results.push(await best(() => run(target.url)));
    const direct = results[0] as LoadResult;
    targets.forEach(([name], i) => {
      const r = results[i] as LoadResult;
      console.log(
        `  ${name.padEnd(31)} ${r.throughput.toFixed(0).padStart(8)} req/s  p50 ${r.p50.toFixed(2).padStart(6)} ms  p99 ${r.p99.toFixed(2).padStart(6)} ms  ` +
          `throughput ${(r.throughput / direct.throughput).toFixed(2)}×  p99 added ${(r.p99 - direct.p99).toFixed(2)} ms` +
          (r.failed > 0 ? `  (${r.failed} failed)` : ""),
      );
    });
  };
  await table(
    `closed loop: ${requests} requests, ${connections} connections, zero-latency upstream`,
    (base) => load(url(base), body, requests, connections),
  );
  await table(`open loop: ${rate} requests/s for 5 s`, (base) =>
    load(url(base), body, rate * 5, connections, {}, rate),
  );
  console.log("targets (async, confessions off): p99 added < 2 ms, throughput ≥ 0.80× direct");
} finally {
  for (const [, target] of targets) target.stop();
  upstream.stop();
}
