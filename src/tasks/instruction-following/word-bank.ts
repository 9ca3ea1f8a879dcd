import type { Constraint } from "./instruction-payload.ts";
import { isUpper } from "./text-measures.ts";

/** Words the writer builds answers from. Plain English, no commas, no capitals except where asked. */
export const WORD_BANK = {
  adjectives: [
    "quiet",
    "calm",
    "bright",
    "warm",
    "small",
    "gentle",
    "steady",
    "simple",
    "fresh",
    "clear",
    "bold",
    "kind",
    "old",
    "green",
    "soft",
    "plain",
    "brisk",
    "dark",
    "tall",
    "wide",
    "happy",
    "golden",
    "cozy",
    "lucky",
    "silver",
  ],
  nouns: [
    "birds",
    "rivers",
    "gardens",
    "lamps",
    "roads",
    "hills",
    "clouds",
    "boats",
    "songs",
    "stars",
    "farms",
    "paths",
    "trees",
    "books",
    "friends",
    "towns",
    "fields",
    "doors",
    "maps",
    "winds",
    "lakes",
    "kites",
    "bells",
    "ships",
  ],
  verbs: [
    "drift",
    "glow",
    "wait",
    "rest",
    "shine",
    "hum",
    "grow",
    "sing",
    "stand",
    "wander",
    "turn",
    "linger",
    "rise",
    "settle",
    "move",
    "sway",
    "shimmer",
    "gather",
    "rustle",
    "bloom",
  ],
  adverbs: [
    "softly",
    "slowly",
    "calmly",
    "quietly",
    "gladly",
    "often",
    "always",
    "still",
    "daily",
    "gently",
    "brightly",
    "lazily",
    "warmly",
    "freely",
    "proudly",
  ],
  prepositions: [
    "near",
    "past",
    "by",
    "around",
    "beyond",
    "under",
    "along",
    "through",
    "toward",
    "behind",
    "over",
    "beside",
    "within",
    "across",
    "on",
    "among",
  ],
  /** Words with many of one letter, for letter-frequency instructions. */
  boosters: [
    "quick",
    "quest",
    "quilt",
    "queen",
    "quote",
    "aqua",
    "jolly",
    "jazz",
    "joy",
    "jump",
    "jam",
    "jar",
    "zeal",
    "zest",
    "zoo",
    "fox",
    "box",
    "wax",
    "six",
    "yak",
    "yarn",
    "vivid",
    "velvet",
    "puppy",
    "pepper",
    "apple",
    "cocoa",
    "circus",
    "cactus",
    "coconut",
    "lolly",
    "ball",
    "hello",
    "goggle",
    "egg",
    "mommy",
    "summer",
    "noon",
    "onion",
    "banana",
    "tattoo",
    "igloo",
    "kiwi",
    "hush",
    "wow",
    "papaya",
    "teeth",
    "street",
    "sheep",
    "tree",
    "glossy",
    "little",
    "bubble",
    "pillow",
    "woodland",
    "dinner",
    "mission",
    "giggling",
    "hiking",
    "tiny",
    "gravy",
    "ivy",
  ],
  /** Words written in capitals, for capital-word instructions. */
  capitals: ["NOTE", "KEY", "TIP", "GOAL", "PLAN", "CORE", "STEP", "BIG", "TOP", "BEST", "NEW", "FUN", "NOW"],
  placeholders: ["name", "place", "date", "address", "city", "time", "topic", "company", "item", "number"],
};

/** The word lists with every word the instructions rule out removed. */
export type Vocabulary = { [K in keyof typeof WORD_BANK]: string[] };

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Whether a word may appear at all under these instructions: it is not a forbidden word, does not contain
 * a keyword or letter that must stay rare ("less than"), and is not in capitals when capital words must
 * stay rare.
 *
 * @example
 * wordAllowed("gather", [{ id: "keywords:frequency", args: { keyword: "the", frequency: 2, relation: "less than" } }]) // false
 */
export function wordAllowed(word: string, constraints: readonly Constraint[]): boolean {
  const lower = word.toLowerCase();
  for (const { id, args } of constraints) {
    if (id === "keywords:forbidden_words") {
      const words = Array.isArray(args.forbidden_words) ? args.forbidden_words : [];
      if (words.some((w) => new RegExp(`\\b${escapeRegExp(w)}\\b`, "i").test(word))) return false;
    }
    if (id === "keywords:frequency" && args.relation === "less than") {
      if (lower.includes(String(args.keyword).trim().toLowerCase())) return false;
    }
    if (id === "keywords:letter_frequency" && args.let_relation === "less than") {
      if (lower.includes(String(args.letter).trim().toLowerCase())) return false;
    }
    if (
      id === "change_case:capital_word_frequency" &&
      args.capital_relation === "less than" &&
      isUpper(word)
    ) {
      return false;
    }
  }
  return true;
}

/**
 * The vocabulary for a case, or null when some list the writer needs is left empty.
 *
 * @example
 * vocabularyFor([{ id: "keywords:letter_frequency", args: { letter: "e", let_frequency: 1, let_relation: "less than" } }])?.verbs
 * // ["drift", "glow", "wait", "hum", ...] (no "e")
 */
export function vocabularyFor(constraints: readonly Constraint[]): Vocabulary | null {
  const entries = Object.entries(WORD_BANK).map(([key, words]) => [
    key,
    words.filter((w) => wordAllowed(w, constraints)),
  ]);
  const vocabulary = Object.fromEntries(entries) as Vocabulary;
  const needed: (keyof Vocabulary)[] = ["adjectives", "nouns", "verbs", "adverbs", "prepositions"];
  return needed.every((key) => vocabulary[key].length > 0) ? vocabulary : null;
}
