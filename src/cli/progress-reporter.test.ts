import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EvalProgress } from "../runs/run-eval.ts";
import type { CliIO } from "./io.ts";
import { createProgressReporter } from "./progress-reporter.ts";

function fakeIO(isTTY = false): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => {
      out.push(text);
    },
    stderr: (text) => {
      err.push(text);
    },
    stdin: async () => "",
    env: {},
    isTTY,
  };
}

const progress = (done: number, failed = 0, skipped = 0, total = 10): EvalProgress => ({
  total,
  skipped,
  done,
  failed,
});

describe("createProgressReporter (not a terminal)", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-01-01T00:00:00Z"));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("prints at most one line per interval", async () => {
    const io = fakeIO();
    const reporter = await createProgressReporter(io, "word-count", 100);

    // nothing before the first interval, so a quick run prints only its final line
    reporter.update(progress(1));
    expect(io.err).toHaveLength(0);
    vi.advanceTimersByTime(100);
    reporter.update(progress(1));
    expect(io.err).toHaveLength(1);
    expect(io.err[0]).toMatch(/^word-count: 1\/10 samples \(10%\), 0 failed, /);
    expect(io.err[0]?.endsWith("\n")).toBe(true);

    // within the interval: nothing more, however many updates
    for (let done = 2; done <= 4; done++) {
      vi.advanceTimersByTime(30);
      reporter.update(progress(done));
    }
    expect(io.err).toHaveLength(1);

    // the interval has passed since the last line: one more line, with the latest counts
    vi.advanceTimersByTime(20);
    reporter.update(progress(5, 1));
    expect(io.err).toHaveLength(2);
    expect(io.err[1]).toMatch(/^word-count: 6\/10 samples \(60%\), 1 failed, /);

    vi.advanceTimersByTime(99);
    reporter.update(progress(6, 1));
    expect(io.err).toHaveLength(2);
    expect(io.out).toEqual([]);
  });

  it("stop prints the final line once, with done, total and failed", async () => {
    const io = fakeIO();
    const reporter = await createProgressReporter(io, "eval", 1000);
    reporter.update(progress(0, 0, 2, 8));
    vi.advanceTimersByTime(2000);
    reporter.update(progress(2, 0, 2, 8));
    vi.advanceTimersByTime(10);
    reporter.update(progress(5, 1, 2, 8));
    const beforeStop = io.err.length;

    reporter.stop();
    reporter.stop();
    expect(io.err).toHaveLength(beforeStop + 1);
    const last = io.err.at(-1) ?? "";
    // skipped (resumed) samples count as finished; the rate counts only this invocation's done samples
    expect(last).toMatch(/^eval: 8\/8 samples \(100%\), 1 failed, /);
    expect(last).toContain("/s");
  });

  it("shows a rate and an ETA once samples finish over time", async () => {
    const io = fakeIO();
    const reporter = await createProgressReporter(io, "eval", 1000);
    vi.advanceTimersByTime(2000);
    reporter.update(progress(4, 0, 0, 10));
    expect(io.err[0]).toBe("eval: 4/10 samples (40%), 0 failed, 2.0/s, ETA 3s\n");
  });

  it("stop without any update prints nothing", async () => {
    const io = fakeIO();
    const reporter = await createProgressReporter(io, "eval", 10);
    reporter.stop();
    expect(io.err).toEqual([]);
  });

  it("an empty run reads as 100%", async () => {
    const io = fakeIO();
    const reporter = await createProgressReporter(io, "eval", 10);
    reporter.update(progress(0, 0, 0, 0));
    reporter.stop();
    expect(io.err).toHaveLength(1);
    for (const line of io.err) expect(line).toMatch(/^eval: 0\/0 samples \(100%\), 0 failed, 0\.0\/s\n$/);
  });
});

describe("createProgressReporter (terminal)", () => {
  it("draws a bar on stderr instead of writing lines through io", async () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const io = fakeIO(true);
      const reporter = await createProgressReporter(io, "eval", 10);
      reporter.update(progress(1, 0, 0, 4));
      reporter.update(progress(4, 1, 0, 4));
      reporter.stop();
      reporter.stop();
      expect(io.err).toEqual([]);
    } finally {
      write.mockRestore();
    }
  });
});
