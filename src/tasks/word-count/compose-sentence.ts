import { pickOne, shuffled } from "../shared/random.ts";
import { countWords } from "./count-words.ts";

/** Subjects that carry the topic. Any topic reads well in each. */
const SUBJECTS: readonly string[] = [
  "{topic}",
  "A little time with {topic}",
  "Learning about {topic}",
  "Thinking about {topic}",
  "Reading about {topic}",
  "Talking with friends about {topic}",
  "Even a short lesson on {topic}",
  "Our shared love of {topic}",
  "A fresh look at {topic}",
  "Writing about {topic}",
];

/** Modal verbs, so that any subject agrees with the verb. */
const MODALS: readonly string[] = ["can", "could", "will", "may", "should", "can often", "will usually"];

const VERB_PHRASES: readonly string[] = [
  "bring real joy",
  "teach us patience",
  "lift a gray mood",
  "spark good conversations",
  "change how we spend evenings",
  "make ordinary days feel brighter",
  "remind us to slow down",
  "open new doors",
  "offer a welcome break",
  "build lasting habits",
  "surprise careful skeptics",
  "reward a little effort",
  "calm a busy mind",
  "bring neighbors closer",
  "help everyone",
  "inspire people",
  "feel wonderful",
];

/** Endings, from one word to five; the sentence is filled to its exact length with these. */
const MODIFIERS: readonly string[] = [
  "today",
  "again",
  "together",
  "daily",
  "too",
  "for everyone",
  "at home",
  "each week",
  "over time",
  "without fail",
  "in spring",
  "for the family",
  "after long days",
  "in every season",
  "with close friends",
  "on quiet mornings",
  "during the holidays",
  "in small ways",
  "for people of every age",
  "on a slow Sunday afternoon",
  "when the weather turns cold",
  "long after the day ends",
  "in the middle of winter",
  "with very little money",
  "without much planning at all",
];

// the phrase bank is small and fixed, so counts are remembered instead of re-split on every try
const lengths = new Map<string, number>();
const lengthOf = (phrase: string): number => {
  let n = lengths.get(phrase);
  if (n === undefined) {
    n = countWords(phrase);
    lengths.set(phrase, n);
  }
  return n;
};

/** What a paragraph has used so far, so its sentences do not repeat themselves. */
export interface PhraseMemory {
  used: Set<string>;
}

function fresh(random: () => number, options: readonly string[], memory: PhraseMemory): string {
  const unused = options.filter((o) => !memory.used.has(o));
  const choice = pickOne(random, unused.length > 0 ? unused : options);
  memory.used.add(choice);
  return choice;
}

/**
 * A plain, capitalised sentence about `topic` with exactly `words` words, ending with a period. It is
 * built from a small phrase bank, so every token is a real word (no stray dashes or digits) and the count
 * is certain. Lengths from 7 words up always come out exact for topics of up to 3 words.
 *
 * @example
 * composeSentence(seededRandom(1), "tea", 12) // e.g. "Reading about tea can bring real joy for the family on quiet mornings."
 */
export function composeSentence(
  random: () => number,
  topic: string,
  words: number,
  memory: PhraseMemory = { used: new Set() },
): string {
  const subjects = SUBJECTS.map((s) => s.replace("{topic}", topic));
  // the core must leave room: fall back to the shortest subject, modal and verb phrase when tight
  const fits = (s: string) => lengthOf(s) + 1 + 2 <= words;
  const subject = fresh(random, subjects.filter(fits).length > 0 ? subjects.filter(fits) : [topic], memory);
  const modalRoom = words - lengthOf(subject) - 2;
  const modal = pickOne(
    random,
    MODALS.filter((m) => lengthOf(m) <= Math.max(1, modalRoom)),
  );
  const verbRoom = words - lengthOf(subject) - lengthOf(modal);
  const verbs = VERB_PHRASES.filter((v) => lengthOf(v) <= verbRoom);
  const verb = fresh(random, verbs.length > 0 ? verbs : ["grow"], memory);
  const parts = [subject, modal, verb];
  let left = words - parts.reduce((n, p) => n + lengthOf(p), 0);
  while (left > 0) {
    // finish with an exact fit when one exists; otherwise leave at least one word for the end
    const exact = MODIFIERS.filter((m) => lengthOf(m) === left && !memory.used.has(m));
    const shorter = MODIFIERS.filter((m) => lengthOf(m) >= 2 && lengthOf(m) < left && !memory.used.has(m));
    const options = exact.length > 0 && (left <= 5 || shorter.length === 0) ? exact : shorter;
    const modifier =
      options.length > 0
        ? fresh(random, options, memory)
        : pickOne(
            random,
            shuffled(random, MODIFIERS).filter((m) => lengthOf(m) <= left),
          );
    parts.push(modifier);
    left -= lengthOf(modifier);
  }
  const sentence = parts.join(" ");
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
