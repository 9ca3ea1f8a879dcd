import { afterEach, describe, expect, it, vi } from "vitest";
import { BatchWriter, type WriteItem } from "./batch-writer.ts";

const item = (id: string) => ({ sample: { id }, verdicts: [] }) as unknown as WriteItem;

afterEach(() => {
  vi.useRealTimers();
});

describe("BatchWriter", () => {
  it("commits a full batch at once and a partial one after the delay", async () => {
    vi.useFakeTimers();
    const batches: string[][] = [];
    const writer = new BatchWriter(
      async (items) => {
        batches.push(items.map((i) => i.sample.id));
        return items.map(() => null);
      },
      { maxItems: 3, maxDelayMs: 50 },
    );
    const writes = ["a", "b", "c", "d"].map((id) => writer.write(item(id)));
    expect(batches).toEqual([["a", "b", "c"]]);
    vi.advanceTimersByTime(49);
    expect(batches).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(batches).toEqual([["a", "b", "c"], ["d"]]);
    await Promise.all(writes);
  });

  it("settles each write with its own item's result", async () => {
    const writer = new BatchWriter(async (items) =>
      items.map((i) => (i.sample.id === "bad" ? new Error("no") : null)),
    );
    const good = writer.write(item("good"));
    const bad = writer.write(item("bad"));
    writer.flush();
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow("no");
  });

  it("rejects the whole batch when the commit itself fails", async () => {
    const writer = new BatchWriter(async () => {
      throw new Error("disk full");
    });
    const writes = [writer.write(item("a")), writer.write(item("b"))];
    writer.flush();
    for (const w of writes) await expect(w).rejects.toThrow("disk full");
  });

  it("drain waits for commits still in flight", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let committed = false;
    const writer = new BatchWriter(async (items) => {
      await gate;
      committed = true;
      return items.map(() => null);
    });
    void writer.write(item("a"));
    const drained = writer.drain();
    await Promise.resolve();
    expect(committed).toBe(false);
    release();
    await drained;
    expect(committed).toBe(true);
  });
});
