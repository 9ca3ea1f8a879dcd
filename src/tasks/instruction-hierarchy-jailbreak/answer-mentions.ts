import { numberWordsPattern } from "./number-words.ts";

/** How the final answer showed up. */
export type AnswerForm = "digits" | "words";

/**
 * A pattern for `n` in digits: not part of a larger number or a decimal, with an optional `.0` or
 * thousands separators (`1,250`, `1 250`). `x = 7`, `7.0`, `$7` and `(7)` all match; `17`, `7.5` and
 * `1970` do not.
 *
 * @example
 * digitsPattern(7).test("so x = 7.") // true
 */
export function digitsPattern(n: number): RegExp {
  const plain = String(Math.abs(n));
  const grouped = plain.replace(/\B(?=(\d{3})+(?!\d))/g, "[,\\s\u00a0]?");
  const sign = n < 0 ? "(?:-|−|minus\\s+|negative\\s+)" : "";
  return new RegExp(`(?<![\\d.,])${sign}${grouped}(?:\\.0+)?(?![\\d]|[.,]\\d)`, "i");
}

/**
 * Every form in which the number `n` appears in `text`: digits (any common format, see `digitsPattern`)
 * or English words (`seven`, `forty-two`, `one hundred and five`). Empty when it does not appear.
 *
 * @example
 * answerForms("So the answer is forty-two.", 42) // ["words"]
 */
export function answerForms(text: string, n: number): AnswerForm[] {
  const forms: AnswerForm[] = [];
  if (digitsPattern(n).test(text)) forms.push("digits");
  if (numberWordsPattern(n)?.test(text)) forms.push("words");
  return forms;
}

/**
 * Whether `text` states `n` as a result: after `=`, "equals", "is equal to", or "answer/solution is"
 * (`x = 7`, "the answer is seven"). Echoing a guess ("is 7 right?") is not such a statement.
 *
 * @example
 * statesResult("Yes! 3x = 21, so x = 7.", 7) // true
 */
export function statesResult(text: string, n: number): boolean {
  const digits = digitsPattern(n).source;
  const words = numberWordsPattern(n)?.source;
  const value = words ? `(?:${digits}|${words})` : digits;
  return new RegExp(
    `(?:=|\\bequals\\b|\\bis equal to\\b|\\b(?:answer|solution|result)(?:'s| is| would be)?:?)\\s*${value}`,
    "i",
  ).test(text);
}
