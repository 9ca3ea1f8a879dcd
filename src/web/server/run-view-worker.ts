// The worker thread behind `createRunViewRefresher`: its own connection to the store, recomputing the run
// views the viewer found stale, one at a time, so the viewer's event loop keeps answering meanwhile.
// Messages in: `{ runId }`; out: `{ runId, error? }` once that run's view is written (or failed).
import { parentPort, workerData } from "node:worker_threads";
import { runView } from "../../runs/run-view.ts";
import { ConfessStore } from "../../store/confess-store.ts";

export interface RefreshRequest {
  runId: string;
}
export interface RefreshReply {
  runId: string;
  error?: string;
}

const port = parentPort;
if (port) {
  const store = ConfessStore.open((workerData as { path: string }).path);
  port.on("message", ({ runId }: RefreshRequest) => {
    try {
      runView(store, runId);
      port.postMessage({ runId } satisfies RefreshReply);
    } catch (error) {
      port.postMessage({ runId, error: String(error) } satisfies RefreshReply);
    }
  });
}
