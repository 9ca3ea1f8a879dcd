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

  it("keeps records the store refused while another process held it, and writes them once it is free", async () => {
    const path = join(tempDir(), "busy.db");
    const errors: string[] = [];
    const sink = await openWorkerSink(path, { onError: (message) => errors.push(message) });
    const other = MonitorStore.open(path);
    other.db.exec("BEGIN IMMEDIATE");
    try {
      sink.recordRequest(request("during-lock"));
      await sink.flush();
      // the worker waited out its busy timeout (5 s) and queued the batch again instead of dropping it
      for (let i = 0; i < 80 && !errors.some((e) => e.includes("busy")); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(errors.some((e) => e.includes("the store is busy"))).toBe(true);
    } finally {
      other.db.exec("COMMIT");
    }
    let stored = other.getRequest("during-lock");
    for (let i = 0; i < 100 && !stored; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stored = other.getRequest("during-lock");
    }
    expect(stored?.request.id).toBe("during-lock");
    expect(errors.some((e) => e.includes("not written"))).toBe(false);
    other.close();
    await sink.close();
  }, 30_000);
});
