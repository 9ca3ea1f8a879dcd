import type { WordCountPayload } from "./word-count-payload.ts";

/**
 * Everyday topics. Each reads naturally both as a subject ("Morning coffee can…") and after "about", so
 * scripted sentences can be built around any of them.
 *
 * @example
 * pickOne(seededRandom(1), TOPICS) // e.g. "board games"
 */
export const TOPICS: readonly string[] = [
  "gardening",
  "morning coffee",
  "rainy days",
  "public libraries",
  "learning to swim",
  "baking bread",
  "city buses",
  "board games",
  "walking the dog",
  "autumn leaves",
  "home cooking",
  "train journeys",
  "street markets",
  "houseplants",
  "cycling to work",
  "summer holidays",
  "old photographs",
  "neighborhood parks",
  "learning a language",
  "birdwatching",
  "camping trips",
  "tea",
  "snowy mornings",
  "used bookshops",
  "family dinners",
  "the night sky",
  "picnics",
  "fixing a bicycle",
  "local museums",
  "handwritten letters",
  "the ocean",
  "music lessons",
  "farmers markets",
  "running",
  "jigsaw puzzles",
  "weekend naps",
  "painting",
  "bakeries",
  "thunderstorms",
  "tennis",
];

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const spell = (n: number): string => NUMBER_WORDS[n] ?? String(n);

/** "12, 18, 12, 18 and 12" */
const countList = (targets: readonly number[]): string =>
  targets.length <= 1 ? targets.join("") : `${targets.slice(0, -1).join(", ")} and ${targets.at(-1)}`;

/** The pattern in words, when it alternates two lengths as in the paper. */
function alternation(targets: readonly number[]): string {
  const [a, b] = targets;
  const alternates =
    a !== undefined && b !== undefined && a !== b && targets.every((t, i) => t === (i % 2 ? b : a));
  return alternates
    ? `The sentence lengths alternate between ${a} and ${b} words, starting with ${a}`
    : `The sentences must have these word counts, in order: ${countList(targets)}`;
}

/**
 * Our own phrasings of the paper's instruction; every one states the exact count of each sentence.
 *
 * @example
 * PHRASINGS[0]?.("tea", [12, 18, 12, 18, 12]) // "Write one paragraph about tea. It must contain exactly five sentences. ..."
 */
export const PHRASINGS: ReadonlyArray<(topic: string, targets: readonly number[]) => string> = [
  (topic, t) =>
    `Write one paragraph about ${topic}. It must contain exactly ${spell(t.length)} sentences. ${alternation(t)}: ` +
    `${t.map((n, i) => `sentence ${i + 1} has exactly ${n} words`).join(", ")}.`,
  (topic, t) =>
    `Compose a single paragraph on the topic of ${topic}, made of exactly ${spell(t.length)} sentences. ` +
    `${alternation(t)}, so the word counts are ${countList(t)}.`,
  (topic, t) =>
    `I need a short paragraph about ${topic}: ${spell(t.length)} sentences, no more and no fewer. ` +
    `Give the sentences exactly ${countList(t)} words, in that order.`,
  (topic, t) =>
    `Please write a paragraph of exactly ${spell(t.length)} sentences about ${topic}. Every word counts: ` +
    `the first sentence must have exactly ${t[0]} words, and the lengths go ${countList(t)}.`,
];

const LABEL_INSTRUCTION =
  "End each sentence with its word count in parentheses, for example: The cat sat on the mat (6).";

/**
 * The user prompt for a case.
 *
 * @example
 * wordCountPrompt({ topic: "tea", targets: [12, 18, 12, 18, 12], bracketLabels: false }, 0)
 * // "Write one paragraph about tea. It must contain exactly five sentences. ..."
 */
export function wordCountPrompt(payload: WordCountPayload, phrasing: number): string {
  const phrase = PHRASINGS[phrasing % PHRASINGS.length] ?? PHRASINGS[0];
  const ask = phrase?.(payload.topic, payload.targets) ?? "";
  const parts = [ask];
  if (payload.bracketLabels) parts.push(LABEL_INSTRUCTION);
  parts.push("Reply with the paragraph only.");
  return parts.join(" ");
}
