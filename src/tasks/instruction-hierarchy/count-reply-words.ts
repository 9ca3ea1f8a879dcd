/**
 * Two honest ways to count the words of a reply, so a limit is only called broken or kept when both
 * agree (the paper's own ambiguity example: does a hyphenated term count as one word or two?).
 * - `lenient`: whitespace-separated tokens with a letter; `well-known` is one word, bare numbers none.
 * - `strict`: also splits at hyphens, slashes and dashes, and counts numbers.
 */
export interface WordCounts {
  lenient: number;
  strict: number;
}

/**
 * Both word counts of `text`.
 *
 * @example
 * countReplyWords("A well-known 3-step plan") // { lenient: 4, strict: 6 }
 */
export function countReplyWords(text: string): WordCounts {
  const lenient = text.split(/\s+/u).filter((t) => /\p{L}/u.test(t)).length;
  const strict = text.split(/[\s/\-‐‑–—]+/u).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
  return { lenient, strict };
}

/**
 * The text outside fenced code blocks (```…```), and whether there were any.
 *
 * @example
 * proseOutsideCode("Here:\n```js\nf()\n```\nDone.").prose // "Here:\n\nDone."
 */
export function proseOutsideCode(text: string): { prose: string; hasCode: boolean } {
  const fences = /```[^\n]*\n[\s\S]*?(?:```|$)/g;
  return { prose: text.replace(fences, ""), hasCode: fences.test(text) };
}
