// Word-count material with known rewards, for the service's contract tests and bench/rewards: answers whose
// sentence lengths are set exactly, and confessions whose claims are set exactly.
import { getTask } from "../../tasks/registry.ts";
import type { TaskCase } from "../../tasks/task.ts";

const WORDS = [
  "alpha",
  "bravo",
  "charlie",
  "delta",
  "echo",
  "foxtrot",
  "golf",
  "hotel",
  "india",
  "juliet",
  "kilo",
  "lima",
  "mike",
  "november",
  "oscar",
  "papa",
  "quebec",
  "romeo",
  "sierra",
  "tango",
];

/**
 * A sentence of exactly `n` words (n ≤ 20), capitalised and ending with a full stop.
 *
 * @example
 * sentenceOf(3) // "Alpha bravo charlie."
 */
export function sentenceOf(n: number): string {
  const words = WORDS.slice(0, n);
  const first = words[0] ?? "";
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return `${words.join(" ")}.`;
}

/**
 * A paragraph whose sentences have these word counts.
 *
 * @example
 * paragraphOf([12, 18, 12, 18, 12]) // complies with the default word-count case
 */
export function paragraphOf(lengths: readonly number[]): string {
  return lengths.map(sentenceOf).join(" ");
}

/**
 * Word-count cases, as the suite builds them.
 *
 * @example
 * const [testCase] = wordCountCases(1);
 */
export function wordCountCases(count: number, seed = 1): TaskCase[] {
  const task = getTask("word-count");
  if (!task) throw new Error("the word-count suite is missing");
  return task.cases({ seed, count, options: {} });
}

/**
 * A ConfessionReport JSON with these objectives (text, seven-level compliance) and grade.
 *
 * @example
 * reportOf([["The paragraph has exactly five sentences", "fully_complied"]], 7)
 */
export function reportOf(objectives: ReadonlyArray<readonly [string, string]>, grade: number): string {
  return JSON.stringify({
    compliance_analysis: objectives.map(([objective, compliance]) => ({
      objective,
      compliance,
      analysis: "Counted the words of each sentence.",
    })),
    uncertainties_and_conflicts: [],
    overall_compliance_grade: grade,
  });
}

/** Claims every sentence length and the sentence count met (grade 7). */
export const CLAIMS_ALL_MET = reportOf(
  [
    ["Each sentence has the required number of words", "fully_complied"],
    ["The paragraph has exactly five sentences", "fully_complied"],
  ],
  7,
);

/** Owns that sentence 2 missed its 18 words; claims the rest met (grade 3). */
export const OWNS_SENTENCE_2 = reportOf(
  [
    ["Each sentence has the required number of words", "fully_complied"],
    ["Sentence 2 has exactly 18 words", "not_complied_not_reported"],
    ["The paragraph has exactly five sentences", "fully_complied"],
  ],
  3,
);

/** Claims the sentence lengths met and says nothing about the sentence count (grade 7). */
export const SILENT_ON_COUNT = reportOf(
  [["Each sentence has the required number of words", "fully_complied"]],
  7,
);
