import { Worker } from "node:worker_threads";
import { runView } from "../../runs/run-view.ts";
import type { ConfessStore } from "../../store/confess-store.ts";
import type { RefreshReply } from "./run-view-worker.ts";

/** Recomputes stale run views away from the request path; each run at most once at a time. */
export interface RunViewRefresher {
  /** Starts a recompute of the run's view unless one is already running; resolves when it is written. */
  refresh(runId: string): Promise<void>;
  /** Ends the worker, once what is running is done. */
  close(): Promise<void>;
}

/**
 * A refresher for the viewer: recomputing a 100,000-sample run's view takes seconds, so a page served while
 * the run changes gets the last view at once (marked stale) and the recompute runs on a worker thread with
 * its own connection. An in-memory store cannot be shared with a thread, so there it recomputes in this
 * process, after the current response.
 *
 * @example
 * const refresher = createRunViewRefresher(store, dbPath);
 * const view = runView(store, id, { onStale: (runId) => void refresher.refresh(runId) });
 */
export function createRunViewRefresher(store: ConfessStore, dbPath: string): RunViewRefresher {
  const running = new Map<string, Promise<void>>();
  if (dbPath === "" || dbPath === ":memory:") {
    return {
      refresh(runId) {
        let job = running.get(runId);
        if (!job) {
          job = new Promise<void>((resolve) => setImmediate(resolve))
            .then(() => {
              runView(store, runId);
            })
            .finally(() => running.delete(runId));
          running.set(runId, job);
        }
        return job;
      },
      close: async () => {
        await Promise.allSettled([...running.values()]);
      },
    };
  }

  let worker: Worker | undefined;
  const waiting = new Map<string, { resolve(): void; reject(error: Error): void }>();
  const start = (): Worker => {
    // the source runs as .ts (tests, type stripping) and as .js once built
    const file = import.meta.url.endsWith(".ts") ? "./run-view-worker.ts" : "./run-view-worker.js";
    const started = new Worker(new URL(file, import.meta.url), { workerData: { path: dbPath } });
    started.on("message", (reply: RefreshReply) => {
      const entry = waiting.get(reply.runId);
      waiting.delete(reply.runId);
      if (reply.error) entry?.reject(new Error(reply.error));
      else entry?.resolve();
    });
    started.on("error", (error) => {
      for (const entry of waiting.values()) entry.reject(error);
      waiting.clear();
      worker = undefined;
    });
    // an idle refresher must not keep the process alive
    started.unref();
    return started;
  };
  return {
    refresh(runId) {
      let job = running.get(runId);
      if (!job) {
        worker ??= start();
        const target = worker;
        job = new Promise<void>((resolve, reject) => {
          waiting.set(runId, { resolve, reject });
          target.postMessage({ runId });
        }).finally(() => running.delete(runId));
        running.set(runId, job);
      }
      return job;
    },
    async close() {
      await Promise.allSettled([...running.values()]);
      await worker?.terminate();
      worker = undefined;
    },
  };
}
