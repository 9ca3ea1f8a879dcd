import { stripCountLabels } from "./count-labels.ts";
import { countWords } from "./count-words.ts";

/** One sentence of an answer, with its count label taken out. */
export interface AnswerSentence {
  /** The sentence without its label, trimmed. */
  text: string;
  /** True word count of `text`. */
  words: number;
  /** The number the sentence's trailing label states, or null when it has none. */
  label: number | null;
}

interface Span {
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/**
 * Splits an answer into sentences and reads each sentence's trailing count label. Labels are taken out
 * first (see `stripCountLabels`), then the cleaned text is split with `Intl.Segmenter`, and segments
 * without a single word (a stray `—`, a blank line) are dropped. A label belongs to the last sentence
 * that starts before the point where the label was removed, so `grass (12).`, `grass. (12)` and
 * `grass (12)` at a line end all label the sentence that ends with `grass`.
 *
 * Known limit: the segmenter may split after abbreviations such as `Dr.`, which then count as sentences.
 *
 * @example
 * segmentAnswer("The cat sat on the mat (6). It purred loudly. (3)")
 * // [{ text: "The cat sat on the mat.", words: 6, label: 6 }, { text: "It purred loudly.", words: 3, label: 3 }]
 */
export function segmentAnswer(answer: string): AnswerSentence[] {
  const { text, labels } = stripCountLabels(answer);
  const spans = sentenceSpans(
    text,
    labels.filter((l) => l.forcesBreak).map((l) => l.anchor),
  );
  const sentences = spans.map((span) => ({ ...span, text: text.slice(span.start, span.end).trim() }));
  const kept = sentences.filter((s) => countWords(s.text) > 0);
  const labelOf = new Map<number, number>();
  for (const label of labels) {
    let owner = -1;
    kept.forEach((s, i) => {
      if (s.start < label.anchor) owner = i;
    });
    // a later label on the same sentence wins: it is the one nearest the sentence's end
    if (owner >= 0) labelOf.set(owner, label.value);
  }
  return kept.map((s, i) => ({ text: s.text, words: countWords(s.text), label: labelOf.get(i) ?? null }));
}

/** Sentence spans of `text`, with extra breaks where only a label marked a sentence's end. */
function sentenceSpans(text: string, breaks: number[]): Span[] {
  const cuts = [0, ...breaks.filter((b) => b > 0 && b < text.length), text.length];
  const spans: Span[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const chunkStart = cuts[i] as number;
    const chunk = text.slice(chunkStart, cuts[i + 1]);
    for (const segment of segmenter.segment(chunk)) {
      const start = chunkStart + segment.index;
      spans.push({ start, end: start + segment.segment.length });
    }
  }
  return spans;
}
