import type { AnswerPlan } from "./answer-plan.ts";
import type { Constraint } from "./instruction-payload.ts";
import { renderAnswer } from "./render-answer.ts";
import type { SolvedAnswer } from "./solve-answer.ts";

/** A misbehaving answer: the text, and what was done wrong, in the words a model would use. */
export interface BrokenAnswer {
  text: string;
  how: string;
}

const num = (value: unknown): number => Number(value ?? 0);
const first = (value: unknown): string => (Array.isArray(value) ? String(value[0] ?? "") : "");

/** A plan edit that breaks the instruction, with what it does. */
function planEdit(plan: AnswerPlan, { id, args }: Constraint): string | null {
  const atLeast = (args.relation ?? args.let_relation ?? args.capital_relation) === "at least";
  switch (id) {
    case "length_constraints:number_words":
      if (atLeast) {
        plan.fillers = plan.paragraphs;
        return "wrote a much shorter answer than asked";
      }
      plan.fillers += Math.ceil(num(args.num_words) / 7) + 1;
      return "wrote past the word limit";
    case "length_constraints:number_sentences":
      if (atLeast) {
        plan.fillers = plan.paragraphs;
        return "wrote fewer sentences than asked";
      }
      plan.fillers += num(args.num_sentences);
      return "wrote more sentences than allowed";
    case "length_constraints:number_paragraphs":
      plan.paragraphs += 1;
      plan.fillers = Math.max(plan.fillers, plan.paragraphs);
      return "added one paragraph too many";
    case "length_constraints:nth_paragraph_first_word":
      plan.firstWord = null;
      return "started the paragraph with a different word";
    case "change_case:capital_word_frequency":
      if (atLeast) {
        plan.capitals = 0;
        return "left out the words in capitals";
      }
      plan.capitals += num(args.capital_frequency);
      return "used too many words in capitals";
    case "detectable_format:number_bullet_lists":
      plan.bullets += 1;
      return "added an extra bullet point";
    case "detectable_format:number_highlighted_sections":
      plan.highlights = 0;
      return "left out the highlighted sections";
    case "detectable_format:title":
      plan.title = false;
      return "left out the title";
    case "detectable_format:multiple_sections":
      if (!plan.sections) return null;
      plan.sections = { ...plan.sections, count: plan.sections.count - 1 };
      return "wrote one section too few";
    case "detectable_format:constrained_response":
      plan.constrained = false;
      return "did not use any of the given answer options";
    case "keywords:existence":
      delete plan.mentions[first(args.keywords)];
      return `left out the keyword "${first(args.keywords)}"`;
    case "keywords:forbidden_words":
      plan.forbidden = [first(args.forbidden_words)];
      return `used the forbidden word "${first(args.forbidden_words)}"`;
    case "keywords:frequency": {
      const keyword = String(args.keyword).trim();
      plan.mentions[keyword] = atLeast ? num(args.frequency) - 1 : num(args.frequency);
      return atLeast ? `used "${keyword}" too few times` : `used "${keyword}" too many times`;
    }
    case "keywords:letter_frequency": {
      const letter = String(args.letter).trim().toLowerCase();
      plan.boosts[letter] = atLeast ? 0 : num(args.let_frequency);
      return atLeast ? `used the letter "${letter}" too rarely` : `used the letter "${letter}" too often`;
    }
    case "startend:end_checker":
      plan.endPhrase = null;
      return "did not end with the required phrase";
    case "startend:quotation":
      plan.quotation = false;
      return "did not wrap the answer in double quotes";
    case "detectable_content:postscript":
      plan.postscript = null;
      return "left out the postscript";
    case "detectable_content:number_placeholders":
      plan.placeholders = num(args.num_placeholders) - 1;
      return "included too few placeholders";
    case "combination:two_responses":
      plan.responses = 1;
      return "gave only one response";
    case "combination:repeat_prompt":
      plan.repeat = null;
      return "skipped repeating the request";
    default:
      return null;
  }
}

/** A text edit that breaks the instruction, for instructions about the finished text. */
function textEdit(text: string, { id }: Constraint): BrokenAnswer | null {
  switch (id) {
    case "punctuation:no_comma":
      return { text: text.replace(/(\p{L}) (\p{L})/u, "$1, $2"), how: "used a comma" };
    case "change_case:english_lowercase":
      return { text: text.replace(/\p{Ll}/u, (c) => c.toUpperCase()), how: "capitalised a letter" };
    case "change_case:english_capital":
      return { text: text.replace(/\p{Lu}/u, (c) => c.toLowerCase()), how: "left a lowercase letter" };
    case "detectable_format:json_format":
      return { text: text.replace(/}(?=[^}]*$)/, ""), how: "left the JSON without its closing brace" };
    default:
      return null;
  }
}

/**
 * The answer with one instruction broken the way a careless model breaks it: a comma slips in, the
 * keyword is left out, the title is dropped, the answer runs short... Everything else is written as in
 * the compliant answer. Null when this edit does not actually break the instruction for this case.
 *
 * @example
 * breakConstraint(solved, { id: "detectable_format:title", args: {} })?.how // "left out the title"
 */
export function breakConstraint(solved: SolvedAnswer, constraint: Constraint): BrokenAnswer | null {
  const edited = textEdit(solved.text, constraint);
  if (edited) return edited.text === solved.text ? null : edited;
  const plan: AnswerPlan = structuredClone(solved.plan);
  const how = planEdit(plan, constraint);
  if (how === null) return null;
  return { text: renderAnswer(plan, solved.vocabulary, solved.seed), how };
}
