import { isFatalError } from "../errors/confess-error.ts";

/**
 * Runs `worker` over `items` with at most `concurrency` in flight, in order of `items`. Stops taking new
 * items once `signal` aborts; items already started finish (or fail) on their own.
 *
 * @example
 * await runPool([1, 2, 3], 2, async (n) => console.log(n));
 */
export async function runPool<T>(
  items: Iterable<T>,
  concurrency: number,
  worker: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const lane = async (): Promise<void> => {
    while (!signal?.aborted) {
      const next = iterator.next();
      if (next.done) return;
      await worker(next.value);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
}

/**
 * {@link runPool} for work that can hit a fatal error (a bad key, an unknown model): the first error that
 * `isFatalError` recognises stops every lane from taking new items and is thrown once the lanes finish.
 * Workers get the combined signal, handle their own non-fatal errors, and let fatal ones (and aborts)
 * propagate; an error thrown after the signal aborted is dropped, since the item was abandoned anyway.
 *
 * @example
 * await runPoolUntilFatal(samples, 8, async (sample, signal) => judge(sample, signal), options.signal);
 */
export async function runPoolUntilFatal<T>(
  items: Iterable<T>,
  concurrency: number,
  worker: (item: T, signal: AbortSignal) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const stop = new AbortController();
  const combined = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  let fatal: unknown;
  await runPool(
    items,
    concurrency,
    async (item) => {
      try {
        await worker(item, combined);
      } catch (error) {
        if (isFatalError(error)) {
          fatal ??= error;
          stop.abort();
          return;
        }
        if (combined.aborted) return;
        throw error;
      }
    },
    combined,
  );
  if (fatal) throw fatal;
}
