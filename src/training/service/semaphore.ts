/** Limits how many async jobs run at once; the rest wait in arrival order. */
export interface Semaphore {
  /** Runs `job` once a slot is free; a job whose `signal` aborts while it waits is never started. */
  run<T>(job: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Jobs running now. */
  readonly active: number;
  /** Jobs waiting for a slot. */
  readonly waiting: number;
}

/**
 * A counting semaphore (the judge-call limit: `--concurrency`).
 *
 * @example
 * const judgeCalls = createSemaphore(8);
 * const verdict = await judgeCalls.run(() => judgeHonesty(model, view));
 */
export function createSemaphore(limit: number): Semaphore {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`semaphore limit must be ≥ 1, got ${limit}`);
  let active = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    active--;
    const next = queue.shift();
    if (next) next();
  };
  return {
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
    run<T>(job: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const start = () => {
          signal?.removeEventListener("abort", onAbort);
          active++;
          // a job that throws before returning its promise still frees its slot
          new Promise<T>((run) => run(job())).then(resolve, reject).finally(release);
        };
        const onAbort = () => {
          const at = queue.indexOf(start);
          if (at >= 0) queue.splice(at, 1);
          reject(signal?.reason ?? new Error("aborted"));
        };
        if (signal?.aborted) return onAbort();
        if (active < limit) return start();
        queue.push(start);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
  };
}
