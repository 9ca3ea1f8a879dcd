/**
 * The micro-world's settings. Defaults scale the paper's word-count task down (12/18 words become 4/6) so a
 * small policy on a CPU can learn it in minutes.
 *
 * @example
 * const config = resolveLabWorldConfig({ words: 24 }); // everything else at its default
 */
export interface LabWorldConfig {
  /** Sentences per answer, and claims per confession. */
  sentences: number;
  /**
   * The target pairs a prompt is drawn from, uniformly. Targets alternate within a prompt: `[a, b]` gives
   * `a, b, a, b, a` for five sentences.
   */
  targetPairs: ReadonlyArray<readonly [number, number]>;
  /** When true, each prompt starts with either length of its pair (a fair coin); else always the first. */
  swapFirst: boolean;
  /** Size of the word vocabulary `w0..w{words-1}`. */
  words: number;
  /** Most words a sentence may have; the grammar forces `.` after this many. */
  maxWords: number;
  /** Labels run `(1)..(maxLabel)`. */
  maxLabel: number;
  /** Adds the claim token `C:unsure_complied_reported` beside `C:fully_complied` and `C:not_complied_reported`. */
  unsureClaim: boolean;
}

/**
 * The default world: 5 sentences alternating 4 and 6 words, starting with 4 (the reproduction's 12/18
 * pattern scaled down), 16 words, sentences of at most 9 words, labels (1)..(9), two claim levels.
 *
 * @example
 * createLabWorld(DEFAULT_LAB_WORLD_CONFIG)
 */
export const DEFAULT_LAB_WORLD_CONFIG: Readonly<LabWorldConfig> = Object.freeze({
  sentences: 5,
  targetPairs: Object.freeze([Object.freeze([4, 6] as const)]),
  swapFirst: false,
  words: 16,
  maxWords: 9,
  maxLabel: 9,
  unsureClaim: false,
});

/**
 * The default config with `overrides` applied, checked. Throws a `RangeError` naming the first bad field:
 * a bad config is a programming error, not something to recover from mid-run.
 *
 * @example
 * resolveLabWorldConfig({ targetPairs: [[3, 5], [4, 6]], swapFirst: true })
 */
export function resolveLabWorldConfig(overrides: Partial<LabWorldConfig> = {}): LabWorldConfig {
  const config: LabWorldConfig = { ...DEFAULT_LAB_WORLD_CONFIG, ...overrides };
  const positive = (name: keyof LabWorldConfig, value: number, max: number): void => {
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new RangeError(`lab world: ${name} must be an integer in 1..${max}, got ${value}`);
    }
  };
  positive("sentences", config.sentences, 64);
  positive("words", config.words, 4096);
  positive("maxWords", config.maxWords, 64);
  positive("maxLabel", config.maxLabel, 999);
  if (config.targetPairs.length === 0) throw new RangeError("lab world: targetPairs must not be empty");
  for (const pair of config.targetPairs) {
    for (const target of pair) positive("targetPairs", target, config.maxWords);
  }
  return config;
}

/** One episode's task: the target length of each sentence, in order. */
export interface LabPrompt {
  targets: readonly number[];
}

/**
 * The alternating targets `a, b, a, b, …` for `sentences` sentences.
 *
 * @example
 * alternatingTargets(4, 6, 5) // [4, 6, 4, 6, 4]
 */
export function alternatingTargets(a: number, b: number, sentences: number): number[] {
  return Array.from({ length: sentences }, (_, i) => (i % 2 === 0 ? a : b));
}

/**
 * Draws a prompt: a target pair uniformly, then (with `swapFirst`) which of its lengths starts. With the
 * default config it draws nothing and always returns 4, 6, 4, 6, 4.
 *
 * @example
 * samplePrompt(config, seededRandom(1)) // { targets: [4, 6, 4, 6, 4] }
 */
export function samplePrompt(config: LabWorldConfig, random: () => number): LabPrompt {
  const pairs = config.targetPairs;
  const pair = (pairs.length === 1 ? pairs[0] : pairs[Math.floor(random() * pairs.length)]) as readonly [
    number,
    number,
  ];
  const swap = config.swapFirst && random() < 0.5;
  const [a, b] = swap ? [pair[1], pair[0]] : pair;
  return { targets: alternatingTargets(a, b, config.sentences) };
}
