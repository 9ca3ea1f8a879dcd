import { Worker } from "node:worker_threads";
import type { CommitBatch, WriteItem } from "./batch-writer.ts";

/**
 * A `CommitBatch` that runs in a worker thread holding its own connection to the same database file.
 * If the worker dies, the batches it held are refused with its error and later ones go to `fallback`.
 */
export function workerCommit(
  path: string,
  fallback: CommitBatch,
): { commit: CommitBatch; close(): Promise<void> } {
  // under the TypeScript sources (tests) the worker is the .ts file, in the build the .js one
  const file = import.meta.url.endsWith(".ts") ? "./write-worker.ts" : "./write-worker.js";
  const worker = new Worker(new URL(file, import.meta.url), { workerData: { path } });
  // an idle worker must not keep the process alive; one with work in flight must
  worker.unref();
  const waiting = new Map<number, (results: Array<unknown | null>) => void>();
  let nextId = 0;
  let dead: unknown;
  worker.on("message", (message: { id: number; results: Array<unknown | null> }) => {
    waiting.get(message.id)?.(message.results);
    waiting.delete(message.id);
    if (waiting.size === 0) worker.unref();
  });
  worker.on("error", (error) => {
    dead = error;
    for (const [id, resolve] of waiting) {
      waiting.delete(id);
      resolve([]); // the batch's own callback refuses every item with `dead`
    }
  });
  const commit: CommitBatch = (items: WriteItem[]) => {
    if (dead !== undefined) return fallback(items);
    return new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, (results) =>
        resolve(results.length === items.length ? results : items.map(() => dead)),
      );
      worker.ref();
      worker.postMessage({ id, items });
    });
  };
  return { commit, close: async () => void (await worker.terminate()) };
}
