import { describe, expect, it } from "vitest";
import { createConfessionRunner } from "./confession-runner.ts";
import type { MonitorRecorder } from "./monitor-recorder.ts";

const recorder: MonitorRecorder = {
  arrival: () => {},
  request: () => {},
  attempt: () => {},
  confession: () => {},
  flush: async () => {},
};

describe("createConfessionRunner background work", () => {
  it("runs at most maxBackground at once, the rest in turn, and drain waits for all of them", async () => {
    const runner = createConfessionRunner({
      confessionModel: () => {
        throw new Error("not used");
      },
      recorder,
      maxBackground: 2,
    });
    let running = 0;
    let most = 0;
    let done = 0;
    for (let i = 0; i < 7; i++) {
      runner.background(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        done++;
      });
    }
    await runner.drain();
    expect(done).toBe(7);
    expect(most).toBe(2);
  });

  it("a failing task frees its place for the next", async () => {
    const runner = createConfessionRunner({
      confessionModel: () => {
        throw new Error("not used");
      },
      recorder,
      maxBackground: 1,
    });
    let ran = 0;
    runner.background(async () => {
      throw new Error("boom");
    });
    runner.background(async () => {
      ran++;
    });
    await runner.drain();
    expect(ran).toBe(1);
  });
});
