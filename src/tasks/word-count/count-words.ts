/** Something that counts as part of a word: any letter or digit, in any script. */
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * Splits text into words: maximal runs of non-whitespace that contain at least one letter or digit.
 * So `well-known`, `don't` and `3.14` are one word each, while a lone `—`, `&` or emoji is none. This is
 * the ground-truth counter of the word-count task; a hyphenated term counts once, as a plain reader of
 * "exactly 12 words" would count it.
 *
 * @example
 * words("A well-known fact — really.") // ["A", "well-known", "fact", "really."]
 */
export function words(text: string): string[] {
  return text.split(/\s+/u).filter((token) => WORD_CHARACTER.test(token));
}

/**
 * The number of words in `text`, as defined by {@link words}.
 *
 * @example
 * countWords("Don't stop — it's 3.14 miles.") // 5
 */
export function countWords(text: string): number {
  return words(text).length;
}
