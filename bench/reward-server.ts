// The reward service in its own process for bench/rewards: `node bench/reward-server.ts <token>`. Prints its URL
// on stdout, then serves until killed.
import { startRewardServer } from "../dist/training/service/start-reward-server.js";

const server = await startRewardServer({ token: process.argv[2] ?? "bench", port: 0, maxItems: 1024 });
process.stdout.write(`${server.url}\n`);
