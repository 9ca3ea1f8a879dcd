// A small closed-loop HTTP load generator: `connections` keep-alive clients each send the next request as
// soon as the last one answered, for a fixed number of requests. Used by bench/proxy-overhead.
import http from "node:http";

export interface LoadResult {
  requests: number;
  failed: number;
  seconds: number;
  /** Requests per second. */
  throughput: number;
  p50: number;
  p99: number;
}

/**
 * POSTs `body` to `url` `total` times over `connections` keep-alive connections. Closed loop by default
 * (each connection sends its next request when the last one answered: the most the target can take);
 * with `ratePerSecond`, open loop: requests start on a fixed schedule whatever the answers, so latency
 * is measured at a load the machine can carry instead of in a queue.
 */
export async function load(
  url: string,
  body: string,
  total: number,
  connections: number,
  headers: Record<string, string> = {},
  ratePerSecond?: number,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            ...headers,
          },
        },
        (res) => {
          res.on("data", () => {});
          res.on("end", () => {
            if (res.statusCode !== 200) failed++;
            latencies.push(performance.now() - started);
            resolve();
          });
        },
      );
      req.on("error", () => {
        failed++;
        resolve();
      });
      req.end(body);
    });
  const lane = async () => {
    while (next < total) {
      next++;
      await one();
    }
  };
  const started = performance.now();
  if (ratePerSecond === undefined) await Promise.all(Array.from({ length: connections }, lane));
  else {
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / ratePerSecond;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(one());
    }
    await Promise.all(inFlight);
  }
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? Number.NaN;
  return { requests: total, failed, seconds, throughput: total / seconds, p50: at(0.5), p99: at(0.99) };
}
