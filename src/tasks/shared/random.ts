/**
 * Small deterministic randomness for task generators and scripted models. Cases and scripts must be
 * identical for the same seed on every machine and Node version, so `Math.random` is never used.
 */

/**
 * FNV-1a 32-bit hash of a string, as an unsigned integer.
 *
 * @example
 * hashString("wc") // the same number on every run
 */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The mulberry32 generator: 32 bits of state, fast, and good enough for picking prompts and words.
 *
 * @example
 * const random = mulberry32(42);
 * random(); // a number in [0, 1)
 */
export function mulberry32(state: number): () => number {
  let t = state >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A generator of numbers in [0, 1) fixed by the seed. Numbers and strings are both hashed as text, so
 * `seededRandom(7)` and `seededRandom("7")` give the same sequence, and composite seeds such as
 * `"7|word-count|wc-0001"` spread well.
 *
 * @example
 * const random = seededRandom("7|wc-0001");
 * const first = random();
 */
export function seededRandom(seed: number | string): () => number {
  return mulberry32(hashString(String(seed)));
}

/**
 * An integer in [min, max], both ends included.
 *
 * @example
 * randomInt(seededRandom(1), 1, 5) // 1, 2, 3, 4 or 5
 */
export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/**
 * One item of a non-empty list.
 *
 * @example
 * pickOne(seededRandom(1), ["a", "b", "c"])
 */
export function pickOne<T>(random: () => number, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError("pickOne needs at least one item");
  return items[Math.floor(random() * items.length)] as T;
}

/**
 * A shuffled copy (Fisher–Yates); the input is left as it was.
 *
 * @example
 * shuffled(seededRandom(1), [1, 2, 3])
 */
export function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
