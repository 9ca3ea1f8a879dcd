import type { CliIO } from "./io.ts";
import { EXIT } from "./main.ts";

/**
 * Turns the first Ctrl-C (or SIGTERM) into an abort signal, so long work stops cleanly and keeps what
 * finished; a second one quits at once. `dispose` removes the handlers.
 *
 * @example
 * const interrupt = interruptOnSignals(io, "finished samples are stored");
 * try { await runEval({ ..., signal: interrupt.signal }); } finally { interrupt.dispose(); }
 */
export function interruptOnSignals(io: CliIO, whatIsKept: string): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    io.stderr(`\nconfess: stopping; ${whatIsKept} (Ctrl-C again to quit at once)\n`);
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

/** The per-call settings every command that calls models takes from its flags, with a retry counter. */
export interface CallSettings {
  env: Record<string, string | undefined>;
  baseUrl?: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  onRetry: () => void;
}

/**
 * Call settings from the common flags, and how many calls were retried so far (reported at the end).
 *
 * @example
 * const calls = callSettings(flags, io);
 * createModel(spec, { tasks: getTask, ...calls.settings });
 */
export function callSettings(
  flags: { baseUrl?: string | undefined; timeout: number; retries: number },
  io: CliIO,
): { settings: CallSettings; retried(): number } {
  let retries = 0;
  return {
    settings: {
      env: io.env,
      baseUrl: flags.baseUrl,
      timeoutMs: flags.timeout * 1000,
      maxRetries: flags.retries,
      onRetry: () => {
        retries++;
      },
    },
    retried: () => retries,
  };
}

/**
 * Resolves once `signal` aborts (at once if it already has); never without a signal. What the serving
 * commands wait on between "listening" and shutting down.
 *
 * @example
 * await untilAborted(interrupt.signal); // then close the server
 */
export function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) resolve();
    signal?.addEventListener("abort", () => resolve(), { once: true });
  });
}
