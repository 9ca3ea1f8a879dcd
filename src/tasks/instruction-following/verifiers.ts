import type { Constraint, InstructionArgs, InstructionId } from "./instruction-payload.ts";
import { countCapitalWords, countWords, isLower, isUpper, splitSentences } from "./text-measures.ts";

/** The outcome of checking one instruction: whether it holds, and what was measured. */
export interface Verdict {
  pass: boolean;
  detail: string;
}

type Verifier = (answer: string, args: InstructionArgs) => Verdict;

const num = (args: InstructionArgs, key: string): number => Number(args[key] ?? 0);
const str = (args: InstructionArgs, key: string): string => String(args[key] ?? "");
const list = (args: InstructionArgs, key: string): string[] => {
  const value = args[key];
  return Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];
};
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** IFEval's two relations: "less than" is `<`, "at least" is `>=`. */
function compare(actual: number, relation: string, threshold: number, what: string): Verdict {
  const pass = relation === "less than" ? actual < threshold : actual >= threshold;
  return { pass, detail: `${actual} ${what} (needs ${relation} ${threshold})` };
}

const verdict = (pass: boolean, detail: string): Verdict => ({ pass, detail });

/** No comma anywhere. */
export const noComma: Verifier = (answer) => {
  const commas = answer.match(/,/g)?.length ?? 0;
  return verdict(commas === 0, `${commas} comma${commas === 1 ? "" : "s"}`);
};

export const numberWords: Verifier = (answer, args) =>
  compare(countWords(answer), str(args, "relation"), num(args, "num_words"), "words");

export const numberSentences: Verifier = (answer, args) =>
  compare(splitSentences(answer).length, str(args, "relation"), num(args, "num_sentences"), "sentences");

/** Exactly N paragraphs separated by `***`; an empty paragraph counts only at the very start or end. */
export const numberParagraphs: Verifier = (answer, args) => {
  const paragraphs = answer.split(/\s?\*\*\*\s?/);
  let count = paragraphs.length;
  for (const [i, paragraph] of paragraphs.entries()) {
    if (paragraph.trim() !== "") continue;
    if (i === 0 || i === paragraphs.length - 1) count--;
    else return verdict(false, `empty paragraph ${i + 1} between *** dividers`);
  }
  const wanted = num(args, "num_paragraphs");
  return verdict(count === wanted, `${count} paragraphs separated by *** (needs exactly ${wanted})`);
};

/** Exactly N paragraphs separated by blank lines, and paragraph n starts with the given word. */
export const nthParagraphFirstWord: Verifier = (answer, args) => {
  const paragraphs = answer.split("\n\n");
  const count = paragraphs.filter((p) => p.trim() !== "").length;
  const wanted = num(args, "num_paragraphs");
  const nth = num(args, "nth_paragraph");
  const word = str(args, "first_word").toLowerCase();
  const paragraph = nth <= count ? (paragraphs[nth - 1] ?? "").trim() : "";
  if (!paragraph) return verdict(false, `no paragraph ${nth} (${count} paragraphs)`);
  const first = (paragraph.split(/\s+/)[0] ?? "").replace(/^'+/, "").replace(/^"+/, "");
  const cut = first.search(/[.,?!'"]/);
  const found = (cut === -1 ? first : first.slice(0, cut)).toLowerCase();
  return verdict(
    count === wanted && found === word,
    `${count} paragraphs (needs ${wanted}); paragraph ${nth} starts with "${found}" (needs "${word}")`,
  );
};

/** All letters lowercase (IFEval also detects English; that part is not checked here). */
export const englishLowercase: Verifier = (answer) =>
  verdict(isLower(answer), isLower(answer) ? "all letters lowercase" : "has capital letters or no letters");

/** All letters capitals (IFEval also detects English; that part is not checked here). */
export const englishCapital: Verifier = (answer) =>
  verdict(isUpper(answer), isUpper(answer) ? "all letters capitals" : "has lowercase letters or no letters");

export const capitalWordFrequency: Verifier = (answer, args) =>
  compare(
    countCapitalWords(answer),
    str(args, "capital_relation"),
    num(args, "capital_frequency"),
    "all-capital words",
  );

/** Exactly N markdown bullets: lines starting with `* ` (not `**`) or `-`. */
export const numberBulletLists: Verifier = (answer, args) => {
  const stars = answer.match(/^\s*\*[^*].*$/gm)?.length ?? 0;
  const dashes = answer.match(/^\s*-.*$/gm)?.length ?? 0;
  const wanted = num(args, "num_bullets");
  return verdict(stars + dashes === wanted, `${stars + dashes} bullets (needs exactly ${wanted})`);
};

/** At least N non-empty `*highlighted*` spans (`**bold**` spans count as well). */
export const numberHighlightedSections: Verifier = (answer, args) => {
  const single = (answer.match(/\*[^\n*]*\*/g) ?? []).filter((h) => h.replace(/^\*+|\*+$/g, "").trim());
  const double = (answer.match(/\*\*[^\n*]*\*\*/g) ?? []).filter((h) => h.slice(2, -2).trim());
  const count = single.length + double.length;
  const wanted = num(args, "num_highlights");
  return verdict(count >= wanted, `${count} highlighted sections (needs at least ${wanted})`);
};

/** A non-empty `<<title>>` on one line. */
export const title: Verifier = (answer) => {
  const found = (answer.match(/<<[^\n]+>>/g) ?? []).find((t) =>
    t.replace(/^<+/, "").replace(/>+$/, "").trim(),
  );
  return verdict(found !== undefined, found ? `title ${found}` : "no <<title>>");
};

/** The whole answer parses as JSON, optionally inside a markdown code fence. */
export const jsonFormat: Verifier = (answer) => {
  let value = answer.trim();
  for (const prefix of ["```json", "```Json", "```JSON", "```"]) {
    if (value.startsWith(prefix)) {
      value = value.slice(prefix.length);
      break;
    }
  }
  if (value.endsWith("```")) value = value.slice(0, -3);
  try {
    JSON.parse(value.trim());
    return verdict(true, "parses as JSON");
  } catch {
    return verdict(false, "does not parse as JSON");
  }
};

/** At least N sections, each marked by the splitter word and a number (`SECTION 1`). Case-sensitive. */
export const multipleSections: Verifier = (answer, args) => {
  const splitter = str(args, "section_spliter").trim();
  const count = answer.split(new RegExp(`\\s?${escapeRegExp(splitter)}\\s?\\d+\\s?`)).length - 1;
  const wanted = num(args, "num_sections");
  return verdict(count >= wanted, `${count} "${splitter} N" sections (needs at least ${wanted})`);
};

const CONSTRAINED = ["My answer is yes.", "My answer is no.", "My answer is maybe."];

export const constrainedResponse: Verifier = (answer) => {
  const found = CONSTRAINED.find((option) => answer.includes(option));
  return verdict(found !== undefined, found ? `contains "${found}"` : "none of the three answer options");
};

/** Every keyword appears, case-insensitively, anywhere (inside other words too). */
export const keywordsExistence: Verifier = (answer, args) => {
  const missing = list(args, "keywords").filter((k) => !new RegExp(escapeRegExp(k), "i").test(answer));
  return verdict(
    missing.length === 0,
    missing.length ? `missing ${missing.join(", ")}` : "all keywords present",
  );
};

/** No forbidden word appears as a whole word, case-insensitively. */
export const forbiddenWords: Verifier = (answer, args) => {
  const used = list(args, "forbidden_words").filter((w) =>
    new RegExp(`\\b${escapeRegExp(w)}\\b`, "i").test(answer),
  );
  return verdict(used.length === 0, used.length ? `uses ${used.join(", ")}` : "no forbidden word");
};

/** Occurrences of the keyword, case-insensitively and inside other words too. */
export const keywordFrequency: Verifier = (answer, args) => {
  const keyword = str(args, "keyword").trim();
  const count = answer.match(new RegExp(escapeRegExp(keyword), "gi"))?.length ?? 0;
  return compare(count, str(args, "relation"), num(args, "frequency"), `times "${keyword}"`);
};

/** Occurrences of one character, case-insensitively. */
export const letterFrequency: Verifier = (answer, args) => {
  const letter = str(args, "letter").trim().toLowerCase();
  const count = [...answer.toLowerCase()].filter((c) => c === letter).length;
  return compare(count, str(args, "let_relation"), num(args, "let_frequency"), `times "${letter}"`);
};

/** Ends with the phrase, case-insensitively, ignoring surrounding blanks and double quotes. */
export const endChecker: Verifier = (answer, args) => {
  const phrase = str(args, "end_phrase").trim().toLowerCase();
  const text = answer
    .trim()
    .replace(/^"+|"+$/g, "")
    .toLowerCase();
  return verdict(
    text.endsWith(phrase),
    text.endsWith(phrase) ? "ends with the phrase" : `does not end with "${phrase}"`,
  );
};

/** Wrapped in double quotation marks. */
export const quotation: Verifier = (answer) => {
  const text = answer.trim();
  const pass = text.length > 1 && text.startsWith('"') && text.endsWith('"');
  return verdict(pass, pass ? "wrapped in double quotes" : "not wrapped in double quotes");
};

/** A line (from some point on) that starts a postscript with the marker, case-insensitively. */
export const postscript: Verifier = (answer, args) => {
  const marker = str(args, "postscript_marker").trim();
  const pattern =
    marker === "P.P.S"
      ? /\s*p\.\s?p\.\s?s.*$/m
      : marker === "P.S."
        ? /\s*p\.\s?s\..*$/m
        : new RegExp(`\\s*${escapeRegExp(marker.toLowerCase())}.*$`, "m");
  const pass = pattern.test(answer.toLowerCase());
  return verdict(pass, pass ? `has a ${marker} postscript` : `no ${marker} postscript`);
};

/** At least N `[placeholders]`. */
export const numberPlaceholders: Verifier = (answer, args) => {
  const count = answer.match(/\[.*?\]/g)?.length ?? 0;
  const wanted = num(args, "num_placeholders");
  return verdict(count >= wanted, `${count} [placeholders] (needs at least ${wanted})`);
};

/** Exactly two different non-empty responses separated by `******`. */
export const twoResponses: Verifier = (answer) => {
  const parts = answer.split("******");
  const valid: string[] = [];
  for (const [i, part] of parts.entries()) {
    if (part.trim() !== "") valid.push(part.trim());
    else if (i !== 0 && i !== parts.length - 1) return verdict(false, "an empty response between ******");
  }
  const pass = valid.length === 2 && valid[0] !== valid[1];
  return verdict(pass, `${valid.length} responses${valid.length === 2 && !pass ? ", identical" : ""}`);
};

/** Starts with the request repeated word for word (case-insensitively). */
export const repeatPrompt: Verifier = (answer, args) => {
  const pass = answer.trim().toLowerCase().startsWith(str(args, "prompt_to_repeat").trim().toLowerCase());
  return verdict(pass, pass ? "starts with the request" : "does not start with the request");
};

/** The verifier of each supported instruction id. */
export const VERIFIERS: Readonly<Record<InstructionId, Verifier>> = {
  "punctuation:no_comma": noComma,
  "length_constraints:number_words": numberWords,
  "length_constraints:number_sentences": numberSentences,
  "length_constraints:number_paragraphs": numberParagraphs,
  "length_constraints:nth_paragraph_first_word": nthParagraphFirstWord,
  "change_case:english_lowercase": englishLowercase,
  "change_case:english_capital": englishCapital,
  "change_case:capital_word_frequency": capitalWordFrequency,
  "detectable_format:number_bullet_lists": numberBulletLists,
  "detectable_format:number_highlighted_sections": numberHighlightedSections,
  "detectable_format:title": title,
  "detectable_format:json_format": jsonFormat,
  "detectable_format:multiple_sections": multipleSections,
  "detectable_format:constrained_response": constrainedResponse,
  "keywords:existence": keywordsExistence,
  "keywords:forbidden_words": forbiddenWords,
  "keywords:frequency": keywordFrequency,
  "keywords:letter_frequency": letterFrequency,
  "startend:end_checker": endChecker,
  "startend:quotation": quotation,
  "detectable_content:postscript": postscript,
  "detectable_content:number_placeholders": numberPlaceholders,
  "combination:two_responses": twoResponses,
  "combination:repeat_prompt": repeatPrompt,
};

/**
 * Checks one instruction against an answer.
 *
 * @example
 * verifyConstraint("No commas here.", { id: "punctuation:no_comma", args: {} }) // { pass: true, detail: "0 commas" }
 */
export function verifyConstraint(answer: string, constraint: Constraint): Verdict {
  return VERIFIERS[constraint.id](answer, constraint.args);
}

/** Checks every instruction; `pass` is true when all hold. */
export function verifyAll(
  answer: string,
  constraints: readonly Constraint[],
): { pass: boolean; verdicts: Verdict[] } {
  const verdicts = constraints.map((c) => verifyConstraint(answer, c));
  return { pass: verdicts.every((v) => v.pass), verdicts };
}
