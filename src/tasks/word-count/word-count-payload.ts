/**
 * The paper's pattern: five sentences alternating 12 and 18 words, starting with 12.
 *
 * @example
 * gradeSentences(answer, DEFAULT_TARGETS)
 */
export const DEFAULT_TARGETS: readonly number[] = Object.freeze([12, 18, 12, 18, 12]);

/**
 * What a word-count case carries for grading and scripting. JSON-serialisable.
 *
 * @example
 * const payload: WordCountPayload = { topic: "gardening", targets: [12, 18, 12, 18, 12], bracketLabels: true };
 */
export interface WordCountPayload {
  /** What the paragraph is about. */
  topic: string;
  /** Exact word count of each sentence, in order; the paragraph has exactly `targets.length` sentences. */
  targets: number[];
  /** Whether the prompt asks for each sentence to end with its word count in parentheses, as `(12)`. */
  bracketLabels: boolean;
}
