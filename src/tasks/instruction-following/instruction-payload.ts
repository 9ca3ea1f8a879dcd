/** The IFEval instruction ids this suite can verify and write for. `language:response_language` is left out. */
export const SUPPORTED_INSTRUCTIONS = [
  "punctuation:no_comma",
  "length_constraints:number_words",
  "length_constraints:number_sentences",
  "length_constraints:number_paragraphs",
  "length_constraints:nth_paragraph_first_word",
  "change_case:english_lowercase",
  "change_case:english_capital",
  "change_case:capital_word_frequency",
  "detectable_format:number_bullet_lists",
  "detectable_format:number_highlighted_sections",
  "detectable_format:title",
  "detectable_format:json_format",
  "detectable_format:multiple_sections",
  "detectable_format:constrained_response",
  "keywords:existence",
  "keywords:forbidden_words",
  "keywords:frequency",
  "keywords:letter_frequency",
  "startend:end_checker",
  "startend:quotation",
  "detectable_content:postscript",
  "detectable_content:number_placeholders",
  "combination:two_responses",
  "combination:repeat_prompt",
] as const;

export type InstructionId = (typeof SUPPORTED_INSTRUCTIONS)[number];

/** The arguments of one instruction, as IFEval's `kwargs` give them (only the keys that instruction uses). */
export type InstructionArgs = Record<string, string | number | string[]>;

/** One verifiable instruction of a prompt. */
export interface Constraint {
  id: InstructionId;
  args: InstructionArgs;
}

/**
 * What an instruction-following case carries: the IFEval row it came from and its instructions.
 *
 * @example
 * const payload: InstructionFollowingPayload = { key: 1001, prompt: "Write...", constraints: [{ id: "punctuation:no_comma", args: {} }] };
 */
export interface InstructionFollowingPayload {
  /** The IFEval row key. */
  key: number;
  prompt: string;
  constraints: Constraint[];
}

export const isSupportedInstruction = (id: string): id is InstructionId =>
  (SUPPORTED_INSTRUCTIONS as readonly string[]).includes(id);
