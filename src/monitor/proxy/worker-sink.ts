import { Worker } from "node:worker_threads";
import type { MonitorSink } from "../monitor-types.ts";
import type { RecordKind, SinkMessage, SinkReply } from "./sink-worker.ts";

/** A {@link MonitorSink} whose writes happen on a worker thread; `flush` waits until they are committed. */
export interface WorkerSink extends MonitorSink {
  /** Resolves once every record handed over so far is committed. */
  flush(): Promise<void>;
  /** Flushes, then ends the worker. */
  close(): Promise<void>;
}

/**
 * Opens the store at `path` on a worker thread and returns a sink that hands records over to it. Recording
 * then costs the request path a queue push; the SQLite work (one transaction per ~20 ms of records) runs on
 * another core and never stalls a response. A row the worker cannot write is reported through `onError`.
 *
 * @throws the worker's error when the store cannot be opened.
 * @example
 * const sink = await openWorkerSink(".confess/confess.db");
 * const server = await startMonitorServer({ upstream, sink, keys: null });
 * // ...
 * await server.close(); // drains, which flushes the sink
 * await sink.close();
 */
export async function openWorkerSink(
  path: string,
  options: { onError?: (message: string) => void } = {},
): Promise<WorkerSink> {
  const onError =
    options.onError ?? ((message: string) => process.stderr.write(`confess serve: ${message}\n`));
  // the source runs as .ts (tests, type stripping) and as .js once built
  const file = import.meta.url.endsWith(".ts") ? "./sink-worker.ts" : "./sink-worker.js";
  const worker = new Worker(new URL(file, import.meta.url), { workerData: { path } });
  const flushed = new Map<number, () => void>();
  let exited = false;

  await new Promise<void>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", (reply: SinkReply) => {
      worker.off("error", reject);
      if (reply.type === "ready") resolve();
      else reject(new Error(reply.type === "failed" ? reply.message : "the store worker did not start"));
    });
  });
  worker.on("message", (reply: SinkReply) => {
    if (reply.type === "flushed") {
      flushed.get(reply.seq)?.();
      flushed.delete(reply.seq);
    } else if (reply.type === "error") onError(reply.message);
  });
  worker.on("error", (error) => onError(`the store worker failed: ${String(error)}`));
  worker.on("exit", () => {
    exited = true;
    for (const resolve of flushed.values()) resolve();
    flushed.clear();
  });
  // a sink nobody closed must not keep the process alive
  worker.unref();

  let queue: Array<[RecordKind, unknown]> = [];
  let scheduled: NodeJS.Immediate | undefined;
  let seq = 0;
  const post = () => {
    clearImmediate(scheduled);
    scheduled = undefined;
    if (queue.length === 0 || exited) return;
    worker.postMessage({ type: "records", records: queue } satisfies SinkMessage);
    queue = [];
  };
  const push = (kind: RecordKind, record: unknown) => {
    queue.push([kind, record]);
    // one message per turn of the event loop, not one per record
    scheduled ??= setImmediate(post);
  };
  let waiting = 0;
  const flush = async () => {
    post();
    if (exited) return;
    const id = ++seq;
    const done = new Promise<void>((resolve) => flushed.set(id, resolve));
    // held while someone waits on it, so the process does not end with records still in flight
    if (waiting++ === 0) worker.ref();
    worker.postMessage({ type: "flush", seq: id } satisfies SinkMessage);
    try {
      await done;
    } finally {
      if (--waiting === 0) worker.unref();
    }
  };

  return {
    recordRequest: (record) => push("recordRequest", record),
    recordAttempt: (record) => push("recordAttempt", record),
    recordConfession: (record) => push("recordConfession", record),
    recordWebhook: (record) => push("recordWebhook", record),
    recordArrival: (record) => push("recordArrival", record),
    flush,
    async close() {
      await flush();
      if (exited) return;
      const gone = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
      worker.ref();
      worker.postMessage({ type: "close" } satisfies SinkMessage);
      await gone;
    },
  };
}
