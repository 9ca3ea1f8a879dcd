import type { Constraint } from "./instruction-payload.ts";

/**
 * Everything the writer decides about an answer: which pieces it has and how many of each. The writer
 * renders a plan to text; the solver grows the counts until every instruction holds; misbehaviour edits
 * one piece.
 */
export interface AnswerPlan {
  /** Plain sentences in the (first) response body; at least one per paragraph. */
  fillers: number;
  /** Paragraphs of the (first) response body. */
  paragraphs: number;
  /** How paragraphs are separated: the `***` divider (when paragraphs are counted by it), or blank lines. */
  divider: "stars" | "blank";
  /** Section headers ("SECTION 1"...) opening the first paragraphs. */
  sections: { splitter: string; count: number } | null;
  /** The paragraph that must start with a given word (1-based), for the nth-paragraph rule. */
  firstWord: { nth: number; word: string } | null;
  /** Times each keyword is written out. */
  mentions: Record<string, number>;
  /** Extra words carrying each letter, for letter-frequency rules. */
  boosts: Record<string, number>;
  /** Words written in capitals. */
  capitals: number;
  bullets: number;
  highlights: number;
  placeholders: number;
  /** Forbidden words written anyway (misbehaviour only). */
  forbidden: string[];
  title: boolean;
  repeat: string | null;
  constrained: boolean;
  postscript: string | null;
  endPhrase: string | null;
  responses: 1 | 2;
  json: boolean;
  quotation: boolean;
  letterCase: "lower" | "upper" | null;
}

const num = (value: unknown): number => Number(value ?? 0);

/**
 * The smallest plan that carries every piece the instructions ask for; the solver adds length later.
 *
 * @example
 * initialPlan([{ id: "detectable_format:title", args: {} }]).title // true
 */
export function initialPlan(constraints: readonly Constraint[]): AnswerPlan {
  const plan: AnswerPlan = {
    fillers: 1,
    paragraphs: 1,
    divider: "blank",
    sections: null,
    firstWord: null,
    mentions: {},
    boosts: {},
    capitals: 0,
    bullets: 0,
    highlights: 0,
    placeholders: 0,
    forbidden: [],
    title: false,
    repeat: null,
    constrained: false,
    postscript: null,
    endPhrase: null,
    responses: 1,
    json: false,
    quotation: false,
    letterCase: null,
  };
  for (const { id, args } of constraints) {
    switch (id) {
      case "length_constraints:number_paragraphs":
        plan.divider = "stars";
        plan.paragraphs = Math.max(plan.paragraphs, num(args.num_paragraphs));
        break;
      case "length_constraints:nth_paragraph_first_word":
        plan.paragraphs = Math.max(plan.paragraphs, num(args.num_paragraphs));
        plan.firstWord = { nth: num(args.nth_paragraph), word: String(args.first_word) };
        break;
      case "detectable_format:multiple_sections":
        plan.sections = { splitter: String(args.section_spliter).trim(), count: num(args.num_sections) };
        plan.paragraphs = Math.max(plan.paragraphs, num(args.num_sections));
        break;
      case "keywords:existence":
        for (const keyword of Array.isArray(args.keywords) ? args.keywords : []) {
          plan.mentions[keyword] = Math.max(plan.mentions[keyword] ?? 0, 1);
        }
        break;
      case "keywords:frequency":
        if (args.relation === "at least") {
          const keyword = String(args.keyword).trim();
          plan.mentions[keyword] = Math.max(plan.mentions[keyword] ?? 0, num(args.frequency));
        }
        break;
      case "change_case:capital_word_frequency":
        if (args.capital_relation === "at least") plan.capitals = num(args.capital_frequency);
        break;
      case "detectable_format:number_bullet_lists":
        plan.bullets = num(args.num_bullets);
        break;
      case "detectable_format:number_highlighted_sections":
        plan.highlights = num(args.num_highlights);
        break;
      case "detectable_content:number_placeholders":
        plan.placeholders = num(args.num_placeholders);
        break;
      case "detectable_format:title":
        plan.title = true;
        break;
      case "combination:repeat_prompt":
        plan.repeat = String(args.prompt_to_repeat);
        break;
      case "detectable_format:constrained_response":
        plan.constrained = true;
        break;
      case "detectable_content:postscript":
        plan.postscript = String(args.postscript_marker).trim();
        break;
      case "startend:end_checker":
        plan.endPhrase = String(args.end_phrase).trim();
        break;
      case "combination:two_responses":
        plan.responses = 2;
        break;
      case "detectable_format:json_format":
        plan.json = true;
        break;
      case "startend:quotation":
        plan.quotation = true;
        break;
      case "change_case:english_lowercase":
        plan.letterCase = "lower";
        break;
      case "change_case:english_capital":
        plan.letterCase = "upper";
        break;
      default:
        break;
    }
  }
  plan.fillers = Math.max(plan.fillers, plan.paragraphs);
  return plan;
}
