import type { EvalProgress } from "../runs/run-eval.ts";
import type { CliIO } from "./io.ts";

export interface ProgressReporter {
  update(progress: EvalProgress): void;
  stop(): void;
}

/**
 * A progress bar on a terminal; elsewhere (CI, pipes) one line every few seconds, so logs stay readable.
 */
export async function createProgressReporter(
  io: CliIO,
  label: string,
  intervalMs = 5000,
): Promise<ProgressReporter> {
  if (io.isTTY) {
    const { SingleBar, Presets } = await import("cli-progress");
    const bar = new SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} samples | {failed} failed | ETA {eta_formatted}`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: false,
      },
      Presets.shades_classic,
    );
    let started = false;
    return {
      update(p) {
        const value = p.skipped + p.done + p.failed;
        if (!started) {
          bar.start(p.total, value, { failed: p.failed });
          started = true;
        } else bar.update(value, { failed: p.failed });
      },
      stop() {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  const startedAt = Date.now();
  // the first line comes one interval in, so a quick run prints only its final line
  let last = startedAt;
  let latest: EvalProgress | undefined;
  const line = (p: EvalProgress): string => {
    const finished = p.skipped + p.done + p.failed;
    const seconds = (Date.now() - startedAt) / 1000;
    const rate = seconds > 0 ? p.done / seconds : 0;
    const left = p.total - finished;
    const eta = rate > 0 && left > 0 ? `, ETA ${Math.ceil(left / rate)}s` : "";
    const pct = p.total > 0 ? Math.floor((finished / p.total) * 100) : 100;
    return `${label}: ${finished}/${p.total} samples (${pct}%), ${p.failed} failed, ${rate.toFixed(1)}/s${eta}\n`;
  };
  return {
    update(p) {
      latest = p;
      const now = Date.now();
      if (now - last >= intervalMs) {
        last = now;
        io.stderr(line(p));
      }
    },
    stop() {
      if (latest) io.stderr(line(latest));
      latest = undefined;
    },
  };
}
