// The monitor proxy in its own process for bench/proxy-overhead: `node bench/proxy-server.ts <upstream> <mode> <db>`.
// Prints its URL on stdout, then serves until killed. Records go through the worker sink, as `confess serve`
// does; with `none` as the database nothing is recorded, which shows what recording costs.
import { startMonitorServer } from "../dist/monitor/proxy/start-monitor-server.js";
import { openWorkerSink } from "../dist/monitor/proxy/worker-sink.js";

const [upstream, mode, db] = process.argv.slice(2) as [string, "off" | "async", string];
const nothing = () => {};
const sink =
  db === "none"
    ? {
        recordRequest: nothing,
        recordAttempt: nothing,
        recordConfession: nothing,
        recordWebhook: nothing,
        recordArrival: nothing,
      }
    : await openWorkerSink(db);
const server = await startMonitorServer({
  upstream,
  upstreamKey: "sk-bench",
  sink,
  keys: null,
  mode,
  port: 0,
});
process.stdout.write(`${server.url}\n`);
