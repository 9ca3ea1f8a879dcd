/** A word-count label such as `(12)`, `( 12 )` or `(12 words)`. Years and other 4-digit numbers are not labels. */
const LABEL = /\(\s*(\d{1,3})(?:\s*words?)?\s*\)/giu;

/** Sentence-final punctuation, optionally followed by closing quotes or brackets. */
const ENDS_SENTENCE = /[.!?…]["'”’»)\]]*$/u;
/** The label sits before the sentence's final punctuation: `grass (12).` */
const BEFORE_FINAL_PUNCTUATION = /^[ \t]*[.!?…]+["'”’»)\]]*(?=\s|$)/u;
/** The label ends a line or the text: `grass (12)` then a newline or nothing. */
const AT_LINE_END = /^[ \t]*(?:\r?\n|$)/u;
/** The label ends an unpunctuated sentence and a new one starts: `grass (12) The next...` */
const BEFORE_NEW_SENTENCE = /^[ \t]+["“‘]?\p{Lu}/u;
const AFTER_WORD = /[\p{L}\p{N}]["'”’]?$/u;

/** One count label found in an answer, with where it was and where its sentence now ends. */
export interface CountLabel {
  /** The number the label states. */
  value: number;
  /** Where the label was in the original answer: `[start, end)`, with the blank before it. */
  start: number;
  end: number;
  /**
   * Offset in the cleaned text where the label was taken out. The character before it belongs to the
   * labelled sentence.
   */
  anchor: number;
  /** True when nothing but the label marked the end of its sentence, so the text must be split there. */
  forcesBreak: boolean;
}

/** The answer with its count labels taken out, and the labels. */
export interface StrippedLabels {
  text: string;
  labels: CountLabel[];
}

/**
 * Finds the trailing word-count labels of sentences and removes them. A parenthesised number is a label
 * only where it ends a sentence: before the final punctuation (`grass (12).`), after it (`grass. (12)`,
 * `grass.(12)`, `grass!" (12)`), at the end of a line or of the text (`grass (12)`), or right before a
 * capitalised new sentence when there is no punctuation at all (`grass (12) The next`). Anywhere else,
 * as in `the (3) rules are`, it is left in the text and counts as a word.
 *
 * @example
 * stripCountLabels("The cat sat on the mat (6). It purred. (2)").text // "The cat sat on the mat. It purred."
 */
export function stripCountLabels(answer: string): StrippedLabels {
  const labels: CountLabel[] = [];
  let text = "";
  let copiedUpTo = 0;
  for (const match of answer.matchAll(LABEL)) {
    const labelStart = match.index;
    const labelEnd = labelStart + match[0].length;
    const before = answer.slice(0, labelStart);
    // the blank between the sentence and its label goes with the label
    const start = labelStart - (before.match(/[ \t\u00a0]*$/u)?.[0].length ?? 0);
    const sentence = answer.slice(copiedUpTo, start);
    const after = answer.slice(labelEnd);
    if (answer.slice(0, start).trim() === "") continue;
    const afterPunctuation = ENDS_SENTENCE.test(sentence);
    const beforePunctuation = BEFORE_FINAL_PUNCTUATION.test(after);
    const atLineEnd = AT_LINE_END.test(after);
    const beforeNewSentence = AFTER_WORD.test(sentence) && BEFORE_NEW_SENTENCE.test(after);
    if (!afterPunctuation && !beforePunctuation && !atLineEnd && !beforeNewSentence) continue;
    text += sentence;
    copiedUpTo = labelEnd;
    labels.push({
      value: Number(match[1]),
      start,
      end: labelEnd,
      anchor: text.length,
      forcesBreak: beforeNewSentence && !afterPunctuation && !beforePunctuation,
    });
  }
  text += answer.slice(copiedUpTo);
  return { text, labels };
}
