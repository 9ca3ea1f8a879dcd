process.on("SIGINT", () => process.exit(0));
const { startMonitorServer } = await import("../dist/monitor/proxy/start-monitor-server.js");
const [upstream, mode] = process.argv.slice(2) as [string, "off" | "async"];
const nop = () => {};
const sink = {
  recordRequest: nop,
  recordAttempt: nop,
  recordConfession: nop,
  recordWebhook: nop,
  recordArrival: nop,
};
const server = await startMonitorServer({ upstream, upstreamKey: "sk", sink, keys: null, mode, port: 0 });
process.stdout.write(`${server.url}\n`);
