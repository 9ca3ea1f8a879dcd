// Commits sample batches on a thread of its own, so SQLite's work runs beside the main thread's model
// calls instead of between them. Started by ConfessStore with `backgroundWrites`.
import { parentPort, workerData } from "node:worker_threads";
import type { WriteItem } from "./batch-writer.ts";
import { ConfessStore } from "./confess-store.ts";

const store = ConfessStore.open((workerData as { path: string }).path);
parentPort?.on("message", (message: { id: number; items: WriteItem[] }) => {
  parentPort?.postMessage({ id: message.id, results: store.insertBatch(message.items) });
});
