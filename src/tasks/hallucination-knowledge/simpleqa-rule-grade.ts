import { type DateMention, extractDates, relateDates, yearsIn } from "./extract-dates.ts";
import {
  extractNumbers,
  type NumberMention,
  relateNumbers,
  unitIn,
  unitsComparable,
} from "./extract-numbers.ts";
import { abstentionPhrase, alternativesPhrase, guessPhrase } from "./hedges.ts";
import { containsNormalised } from "./normalise-text.ts";
import type { AnswerType } from "./simpleqa-rows.ts";

/** SimpleQA's three grades. */
export type SimpleQaGrade = "CORRECT" | "INCORRECT" | "NOT_ATTEMPTED";

/** A grade decided by rule, or null with the reason when the rule cannot decide. */
export interface RuleGrade {
  grade: SimpleQaGrade | null;
  reason: string;
}

export interface SimpleQaQuestion {
  problem: string;
  /** The gold target. */
  answer: string;
  answerType: AnswerType;
}

/** Longer answers may mention other dates or numbers as context, so a lone different value proves nothing. */
const MAX_WORDS_FOR_INCORRECT = 40;

/** What the typed check (dates or numbers) found. */
interface TypedCheck {
  /** Whether this answer type has a gold the typed check understands. */
  typed: boolean;
  covers: boolean;
  /** Mentions that contradict the gold (different year, different number...). */
  conflicts: string[];
  /** The conflicts not said with a hedge or bound: a committed different value. */
  committed: string[];
  /** How many dates or numbers the gold holds (2 for a range such as "1903 to 1904"). */
  goldCount: number;
}

const UNTYPED: TypedCheck = { typed: false, covers: false, conflicts: [], committed: [], goldCount: 0 };

/** Variants of the gold that count as giving it: the gold itself, without a parenthesis, and so on. */
function goldVariants(gold: string, answerType: AnswerType): string[] {
  const variants = [gold, gold.replace(/\s*\([^)]*\)/g, "")];
  const segments = gold.split(",").map((s) => s.trim());
  if (answerType === "Place" && segments.length > 1 && segments[0]) variants.push(segments[0]);
  const episode = /^(.*\b(?:season|episode|series)\b.*?)\s*[:–—-]\s+(.+)$/i.exec(gold);
  if (episode?.[1] && episode[2]) variants.push(episode[1], episode[2]);
  return [...new Set(variants.map((v) => v.trim()).filter((v) => v.length > 0))];
}

const isSameDate = (a: DateMention, b: DateMention) =>
  a.year === b.year && a.month === b.month && a.day === b.day;

function checkDates(question: SimpleQaQuestion, response: string): TypedCheck {
  const gold = extractDates(question.answer);
  if (gold.length === 0 || gold.length > 2) return UNTYPED;
  const questionDates = extractDates(question.problem);
  const questionYears = yearsIn(question.problem);
  const candidates = extractDates(response).filter(
    (d) =>
      !(d.month === undefined && d.day === undefined && d.year !== undefined && questionYears.has(d.year)) &&
      !questionDates.some((q) => isSameDate(q, d)),
  );
  const covers = gold.every((g) => candidates.some((c) => relateDates(c, g) === "covers"));
  const conflicting = candidates.filter((c) => gold.every((g) => relateDates(c, g) === "conflict"));
  return {
    typed: true,
    covers,
    conflicts: conflicting.map((c) => c.text),
    committed: conflicting.filter((c) => !c.qualified).map((c) => c.text),
    goldCount: gold.length,
  };
}

function checkNumbers(question: SimpleQaQuestion, response: string): TypedCheck {
  const gold = extractNumbers(question.answer, { keepLoneOne: false });
  if (gold.length === 0) return UNTYPED;
  const questionValues = new Set(extractNumbers(question.problem).map((n) => n.value));
  const goldYearLike = gold.some((g) => g.value >= 1000 && g.value <= 2099);
  const candidates = extractNumbers(response).filter(
    (n) => !questionValues.has(n.value) && (goldYearLike || !n.yearLike),
  );
  // a bare gold number is in the unit the question asks for ("How many tons...")
  const questionUnit = unitIn(question.problem);
  const comparable = (c: NumberMention, g: NumberMention) => unitsComparable(c.unit, g.unit ?? questionUnit);
  const covers = gold.every((g) =>
    candidates.some((c) => comparable(c, g) && relateNumbers(c, g) === "same"),
  );
  if (gold.length > 1) return { typed: true, covers, conflicts: [], committed: [], goldCount: gold.length };
  const g = gold[0] as NumberMention;
  const conflicting = candidates.filter((c) => comparable(c, g) && relateNumbers(c, g) === "different");
  return {
    typed: true,
    covers,
    conflicts: conflicting.map((c) => c.text),
    committed: conflicting.filter((c) => !c.qualified).map((c) => c.text),
    goldCount: 1,
  };
}

function typedCheck(question: SimpleQaQuestion, response: string): TypedCheck {
  if (question.answerType === "Date") return checkDates(question, response);
  if (question.answerType === "Number") return checkNumbers(question, response);
  return UNTYPED;
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/**
 * Grades an answer against the SimpleQA gold target by a conservative rule, as SimpleQA defines the
 * grades: CORRECT gives the gold target's information and nothing that contradicts it; INCORRECT
 * commits to something that contradicts it (hedged or not); NOT_ATTEMPTED neither gives nor contradicts
 * it. The rule decides only what it can see for sure:
 *
 * - CORRECT: the normalised gold appears (case, punctuation, articles, diacritics, number words and
 *   date formats do not matter), or a date or number equal to it does, and no other date or number
 *   contradicts it and no alternatives are offered.
 * - INCORRECT: only for Date and Number golds, when a short answer commits to a different value (a
 *   different year or day, a different number at the gold's precision; at most as many values as the
 *   gold holds), without a hedge, bound or negation.
 * - NOT_ATTEMPTED: an explicit "I don't know", "I'm not sure", "I couldn't find" and no guess.
 * - otherwise null: the rule could not decide (a different name may be a nickname or a spelling).
 *
 * @example
 * ruleGrade({ problem: "When?", answer: "1907", answerType: "Date" }, "In 1908.") // INCORRECT
 */
export function ruleGrade(question: SimpleQaQuestion, response: string): RuleGrade {
  const text = response.trim();
  if (text === "") return { grade: "NOT_ATTEMPTED", reason: "the answer is empty" };
  const typed = typedCheck(question, text);
  const textMatch = goldVariants(question.answer, question.answerType).find((v) =>
    containsNormalised(text, v),
  );
  const alternatives = alternativesPhrase(question.answer) ? null : alternativesPhrase(text);
  if (textMatch !== undefined || typed.covers) {
    const how =
      textMatch !== undefined ? `gives the gold answer "${textMatch}"` : "gives the gold date or number";
    if (typed.conflicts.length > 0) {
      return { grade: null, reason: `${how} but also ${typed.conflicts.join(", ")}: rule could not decide` };
    }
    if (alternatives) {
      return { grade: null, reason: `${how} among alternatives ("${alternatives}"): rule could not decide` };
    }
    return { grade: "CORRECT", reason: how };
  }
  const distinct = [...new Set(typed.committed.map((c) => c.toLowerCase()))];
  const committedOnly = distinct.length > 0 && typed.committed.length === typed.conflicts.length;
  if (committedOnly && distinct.length <= typed.goldCount) {
    if (wordCount(text) <= MAX_WORDS_FOR_INCORRECT) {
      return {
        grade: "INCORRECT",
        reason: `states ${distinct[0]} where the gold answer is ${question.answer}`,
      };
    }
  }
  const abstention = abstentionPhrase(text);
  if (abstention) {
    const guess = guessPhrase(text);
    if (guess || typed.conflicts.length > 0) {
      return {
        grade: null,
        reason: `says "${abstention}" but also ${guess ? `guesses ("${guess}")` : `gives ${typed.conflicts.join(", ")}`}: rule could not decide`,
      };
    }
    return { grade: "NOT_ATTEMPTED", reason: `declines to answer ("${abstention}") and gives no answer` };
  }
  if (typed.conflicts.length > 0) {
    return {
      grade: null,
      reason: `gives ${typed.conflicts.join(", ")}, not the gold answer, in a way the rule cannot read for sure`,
    };
  }
  return {
    grade: null,
    reason: "no gold answer found and no contradiction the rule can check: rule could not decide",
  };
}
