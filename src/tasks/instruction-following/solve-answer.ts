import { type AnswerPlan, initialPlan } from "./answer-plan.ts";
import type { Constraint } from "./instruction-payload.ts";
import { boostYield, renderAnswer } from "./render-answer.ts";
import { verifyAll, verifyConstraint } from "./verifiers.ts";
import { type Vocabulary, vocabularyFor } from "./word-bank.ts";

/** A compliant answer and the plan that wrote it. */
export interface SolvedAnswer {
  plan: AnswerPlan;
  vocabulary: Vocabulary;
  seed: string;
  text: string;
}

const WORDS_PER_SENTENCE = 7;
const MAX_ROUNDS = 40;

/** What a shortfall on an "at least" instruction asks the plan to add, or false when nothing helps. */
function grow(plan: AnswerPlan, constraint: Constraint, answer: string, v: Vocabulary): boolean {
  const { id, args } = constraint;
  const detail = verifyConstraint(answer, constraint).detail;
  const actual = Number(/^-?\d+/.exec(detail)?.[0] ?? 0);
  switch (id) {
    case "length_constraints:number_words":
      if (args.relation !== "at least") return false;
      plan.fillers += Math.max(1, Math.ceil((Number(args.num_words) - actual) / WORDS_PER_SENTENCE));
      return true;
    case "length_constraints:number_sentences":
      if (args.relation !== "at least") return false;
      plan.fillers += Math.max(1, Number(args.num_sentences) - actual);
      return true;
    case "keywords:letter_frequency": {
      if (args.let_relation !== "at least") return false;
      const letter = String(args.letter).trim().toLowerCase();
      const missing = Number(args.let_frequency) - actual;
      plan.boosts[letter] =
        (plan.boosts[letter] ?? 0) + Math.max(1, Math.ceil(missing / boostYield(letter, v)));
      return true;
    }
    case "keywords:frequency": {
      if (args.relation !== "at least") return false;
      const keyword = String(args.keyword).trim();
      plan.mentions[keyword] = (plan.mentions[keyword] ?? 0) + Math.max(1, Number(args.frequency) - actual);
      return true;
    }
    case "change_case:capital_word_frequency":
      if (args.capital_relation !== "at least") return false;
      plan.capitals += Math.max(1, Number(args.capital_frequency) - actual);
      return true;
    default:
      return false;
  }
}

/**
 * Writes an answer that satisfies every instruction, or returns null when the writer cannot (the
 * instructions conflict with each other or with the writer's layout). It starts from the smallest plan
 * and, while an "at least" count falls short, adds sentences, keywords, letters or capital words. The
 * result is checked with the same verifiers the grader uses, so a non-null answer always complies.
 *
 * @example
 * solveAnswer([{ id: "punctuation:no_comma", args: {} }], "ifeval|1")?.text // "Quiet birds drift softly past old roads."
 */
export function solveAnswer(constraints: readonly Constraint[], seed: string): SolvedAnswer | null {
  const vocabulary = vocabularyFor(constraints);
  if (!vocabulary) return null;
  const plan = initialPlan(constraints);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const text = renderAnswer(plan, vocabulary, seed);
    const { verdicts } = verifyAll(text, constraints);
    const failing = constraints.filter((_, i) => !verdicts[i]?.pass);
    if (failing.length === 0) return { plan, vocabulary, seed, text };
    let grown = false;
    for (const constraint of failing) grown = grow(plan, constraint, text, vocabulary) || grown;
    if (!grown) return null;
  }
  return null;
}
