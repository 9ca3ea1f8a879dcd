// The worker thread behind `openWorkerSink`: owns its own connection to the store and writes the records the
// proxy sends, many per transaction. Messages: `records` (queue them), `flush` (commit now, then ack), `close`.
import { parentPort, workerData } from "node:worker_threads";
import { MonitorStore } from "../monitor-store.ts";
import type { MonitorSink } from "../monitor-types.ts";

export type RecordKind =
  | "recordRequest"
  | "recordAttempt"
  | "recordConfession"
  | "recordWebhook"
  | "recordArrival";

export type SinkMessage =
  | { type: "records"; records: Array<[RecordKind, unknown]> }
  | { type: "flush"; seq: number }
  | { type: "close" };

export type SinkReply =
  | { type: "ready" }
  | { type: "failed"; message: string }
  | { type: "flushed"; seq: number }
  | { type: "error"; message: string };

/** Queued records are committed this long after the first of them arrived: one commit for many rows. */
const COMMIT_MS = 20;

const port = parentPort;
if (port) {
  let store: MonitorStore | undefined;
  try {
    store = MonitorStore.open((workerData as { path: string }).path);
    port.postMessage({ type: "ready" } satisfies SinkReply);
  } catch (error) {
    port.postMessage({ type: "failed", message: String(error) } satisfies SinkReply);
  }
  let queue: Array<[RecordKind, unknown]> = [];
  let timer: NodeJS.Timeout | undefined;

  // a batch the database refused because another process held it too long is tried again, not dropped
  let retries = 0;
  const MAX_RETRIES = 12;
  const isBusy = (error: unknown) => /database is locked|SQLITE_BUSY/i.test(String(error));

  const commit = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!store || queue.length === 0) return;
    const batch = queue;
    queue = [];
    const sink: MonitorSink = store;
    try {
      // take the write lock first (waiting up to the busy timeout), so no row fails on it halfway
      store.db.exec("BEGIN IMMEDIATE");
      for (const [kind, record] of batch) {
        try {
          (sink[kind] as (r: unknown) => void)(record);
        } catch (error) {
          // one bad row (a repeated id) must not take the others with it
          port.postMessage({ type: "error", message: `${kind}: ${String(error)}` } satisfies SinkReply);
        }
      }
      store.db.exec("COMMIT");
      retries = 0;
    } catch (error) {
      if (store.db.isTransaction) store.db.exec("ROLLBACK");
      if (isBusy(error) && retries < MAX_RETRIES) {
        retries++;
        queue = [...batch, ...queue];
        timer = setTimeout(commit, Math.min(5000, 100 * 2 ** retries));
        port.postMessage({
          type: "error",
          message: `the store is busy; ${batch.length} records wait for try ${retries + 1}`,
        } satisfies SinkReply);
        return;
      }
      port.postMessage({
        type: "error",
        message: `${batch.length} records not written: ${String(error)}`,
      } satisfies SinkReply);
    }
  };

  port.on("message", (message: SinkMessage) => {
    if (message.type === "records") {
      for (const entry of message.records) queue.push(entry);
      timer ??= setTimeout(commit, COMMIT_MS);
    } else if (message.type === "flush") {
      commit();
      port.postMessage({ type: "flushed", seq: message.seq } satisfies SinkReply);
    } else {
      commit();
      store?.close();
      port.close();
    }
  });
}
