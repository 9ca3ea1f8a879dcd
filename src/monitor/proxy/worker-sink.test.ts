import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../../test/cli-helpers.ts";
import { MonitorStore } from "../monitor-store.ts";
import type { MonitorRequestRecord } from "../monitor-types.ts";
import { openWorkerSink } from "./worker-sink.ts";

const request = (id: string): MonitorRequestRecord => ({
  id,
  createdAt: new Date().toISOString(),
  api: "chat.completions",
  model: "m",
  keyId: null,
  mode: "async",
  stream: false,
  request: { model: "m", messages: [] },
  httpStatus: 200,
  outcome: "ok",
  latencyMs: 3,
  attempts: 1,
  chosenAttempt: 1,
});

describe("openWorkerSink", () => {
  it("writes on its own thread; flush waits for the commit; a bad row is reported, the rest kept", async () => {
    const path = join(tempDir(), "sink.db");
    const errors: string[] = [];
    const sink = await openWorkerSink(path, { onError: (message) => errors.push(message) });
    sink.recordRequest(request("r1"));
    sink.recordRequest(request("r1")); // the same id again: refused by the table
    sink.recordAttempt({
      requestId: "r1",
      index: 1,
      answer: { text: "hi", toolCalls: [] },
      finishReason: "stop",
      usage: null,
      latencyMs: 2,
      createdAt: new Date().toISOString(),
    });
    await sink.flush();
    const store = MonitorStore.open(path);
    try {
      expect(store.getRequest("r1")?.attempts.map((a) => a.answer.text)).toEqual(["hi"]);
    } finally {
      store.close();
    }
    expect(errors).toEqual([expect.stringContaining("recordRequest")]);
    await sink.close();
    // after close, records go nowhere and flush does not hang
    sink.recordRequest(request("r2"));
    await sink.flush();
  });

  it("rejects when the store cannot be opened", async () => {
    const file = join(tempDir(), "a-file");
    writeFileSync(file, "not a directory");
    await expect(openWorkerSink(join(file, "x.db"))).rejects.toThrow(/a-file/);
  });
});
