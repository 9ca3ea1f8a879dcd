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
