// bench/proxy-overhead: what the confession monitor costs a client. Against a zero-latency local upstream, it
// measures throughput and p50/p99 latency direct to the upstream, through `confess serve` with confessions
// off, and through it in async mode with confessions on, all in the same run, and prints the ratios.
// Run: npm run bench:proxy-overhead [-- requests connections]
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { type LoadResult, load } from "./load.ts";

const requests = Number(process.argv[2] ?? 20_000);
const connections = Number(process.argv[3] ?? 16);

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
const off = await serve("proxy-server.ts", [upstream.url, "off", db]);
const async = await serve("proxy-server.ts", [upstream.url, "async", db]);
// the ceiling on this machine: a proxy that only forwards bytes, sharing the same cores
const bare = await serve("bare-proxy.ts", [upstream.url]);
try {
  const body = JSON.stringify({
    model: "mock",
    messages: [{ role: "user", content: "Write five sentences." }],
  });
  const run = (base: string) => load(`${base}/chat/completions`, body, requests, connections);
  // warm every path first (JIT, connection pools), then measure each in turn, twice, keeping the better run
  for (const base of [upstream.url, bare.url, off.url, async.url])
    await load(`${base}/chat/completions`, body, 2000, connections);
  const best = async (base: string): Promise<LoadResult> => {
    const a = await run(base);
    const b = await run(base);
    return a.throughput >= b.throughput ? a : b;
  };
  const direct = await best(upstream.url);
  const bareProxy = await best(bare.url);
  const proxyOff = await best(off.url);
  const proxyAsync = await best(async.url);
  const row = (name: string, r: LoadResult) =>
    `${name.padEnd(31)} ${r.throughput.toFixed(0).padStart(8)} req/s  p50 ${r.p50.toFixed(2).padStart(6)} ms  p99 ${r.p99.toFixed(2).padStart(6)} ms  ` +
    `throughput ${(r.throughput / direct.throughput).toFixed(2)}×  p99 added ${(r.p99 - direct.p99).toFixed(2)} ms` +
    (r.failed > 0 ? `  (${r.failed} failed)` : "");
  console.log(`${requests} requests, ${connections} connections, zero-latency upstream`);
  console.log(row("direct to upstream", direct));
  console.log(row("bare node:http proxy (ceiling)", bareProxy));
  console.log(row("proxy, confessions off", proxyOff));
  console.log(row("proxy, async confessions on", proxyAsync));
  console.log("targets (async, confessions off): p99 added < 2 ms, throughput ≥ 0.80× direct");
} finally {
  off.stop();
  async.stop();
  bare.stop();
  upstream.stop();
}
