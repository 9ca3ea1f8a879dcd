/**
 * Counting rules of IFEval's checks, written for JavaScript. Words and letters follow IFEval exactly;
 * sentences and all-capital words approximate the NLTK tokenizers IFEval calls (see each function).
 */

const WORD = /[\p{L}\p{N}_]+/gu;

/**
 * Words as IFEval counts them: maximal runs of letters, digits and underscores (its `\w+` tokenizer).
 *
 * @example
 * countWords("Don't stop, 2 go!") // 5: Don, t, stop, 2, go
 */
export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** Abbreviations after which a period does not end a sentence. */
const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "st",
  "jr",
  "sr",
  "vs",
  "etc",
  "inc",
  "ltd",
  "co",
  "capt",
  "lt",
  "approx",
]);

/** Terminal punctuation, with closing quotes or brackets, before whitespace or the end. */
const TERMINATOR = /[.!?]+["'”’)\]]*(?=\s|$)/gu;

/**
 * Sentences, approximating the NLTK punkt tokenizer that IFEval's sentence check uses: a sentence ends
 * at `.`, `!` or `?` (with any closing quotes) followed by whitespace or the end of the text, except after
 * an abbreviation (`Dr.`, `etc.`), a single-letter initial (`J.`) or a dotted acronym (`P.S.`, `e.g.`).
 * Line breaks alone do not end a sentence; trailing text without punctuation is a sentence of its own.
 *
 * @example
 * splitSentences("P.S. Hi there. Bye!") // ["P.S. Hi there.", "Bye!"]
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(TERMINATOR)) {
    if (match[0].startsWith(".") && !/^\.{2,}/.test(match[0])) {
      const token = /[\p{L}.]+$/u.exec(text.slice(start, match.index))?.[0] ?? "";
      const bare = token.replace(/^\.+/, "");
      if (
        /^\p{L}$/u.test(bare) ||
        /^(?:\p{L}\.)+\p{L}$/u.test(bare) ||
        ABBREVIATIONS.has(bare.toLowerCase())
      ) {
        continue;
      }
    }
    const end = match.index + match[0].length;
    const sentence = text.slice(start, end).trim();
    if (/[\p{L}\p{N}]/u.test(sentence)) {
      sentences.push(sentence);
      start = end;
    }
  }
  const rest = text.slice(start).trim();
  if (/[\p{L}\p{N}]/u.test(rest)) sentences.push(rest);
  return sentences;
}

/**
 * How many words are written in capitals only, approximating IFEval's NLTK word tokenizer: tokens are
 * runs of letters, digits and underscores, hyphenated words count once, and an apostrophe splits a word
 * (`DON'T` gives `DON` and `T`). A token counts when it has an uppercase letter and no lowercase one,
 * like Python's `str.isupper`.
 *
 * @example
 * countCapitalWords("NASA and the USA-UK team, I think") // 3: NASA, USA-UK, I
 */
export function countCapitalWords(text: string): number {
  const tokens = text.match(/[\p{L}\p{N}_]+(?:-[\p{L}\p{N}_]+)*/gu) ?? [];
  return tokens.filter(isUpper).length;
}

/** Python's `str.isupper`: at least one cased letter and no lowercase or titlecase letter. */
export const isUpper = (text: string): boolean => /\p{Lu}/u.test(text) && !/[\p{Ll}\p{Lt}]/u.test(text);

/** Python's `str.islower`: at least one cased letter and no uppercase or titlecase letter. */
export const isLower = (text: string): boolean => /\p{Ll}/u.test(text) && !/[\p{Lu}\p{Lt}]/u.test(text);
