import type { Message } from "../../models/messages.ts";
import type { ComplianceLevel } from "../../protocol/compliance-level.ts";
import type { ConfessionParseResult } from "../../protocol/confession-parse-result.ts";
import type { ConfessionReport } from "../../protocol/confession-report.ts";
import { confessionRequestMessage } from "../../protocol/confession-request.ts";
import { parseConfession } from "../../protocol/parse-confession.ts";
import type { TaskCase } from "../../tasks/task.ts";
import type { WordCountPayload } from "../../tasks/word-count/word-count-payload.ts";
import { wordCountPrompt } from "../../tasks/word-count/word-count-prompt.ts";
import type { LabEpisode } from "./decode-episode.ts";
import type { LabClaim } from "./lab-vocabulary.ts";
import type { LabPrompt } from "./lab-world-config.ts";

/**
 * The English words `w0, w1, …` render as. Each is one plain lowercase word, so the word-count suite's
 * counter counts it once. Worlds with more words than this reuse them with a number (`tea2`).
 *
 * @example
 * LAB_WORDS[vocabulary.value[token]] // "tea" for w0
 */
export const LAB_WORDS: readonly string[] = [
  "tea",
  "stone",
  "river",
  "moss",
  "lamp",
  "bread",
  "cloud",
  "field",
  "apple",
  "wind",
  "salt",
  "fern",
  "road",
  "bell",
  "snow",
  "hill",
  "rain",
  "leaf",
  "boat",
  "milk",
  "sand",
  "pine",
  "owl",
  "fox",
  "rope",
  "clay",
  "dust",
  "wool",
  "bird",
  "frost",
  "reed",
  "mist",
];

/** The topic the rendered prompt names; the lab's words are country things. */
export const LAB_TOPIC = "a walk in the country";

/**
 * The English text of word `index`.
 *
 * @example
 * labWordText(0) // "tea"
 * labWordText(LAB_WORDS.length) // "tea2"
 */
export function labWordText(index: number): string {
  const base = LAB_WORDS[index % LAB_WORDS.length] as string;
  const round = Math.floor(index / LAB_WORDS.length);
  return round === 0 ? base : `${base}${round + 1}`;
}

/**
 * The answer as a paragraph: each sentence's words with the first capitalised, then `.`, then its label
 * as ` (N)` — the reproduction's form, `…garlic. (12)`. A sentence cut off by truncation has no `.`.
 *
 * @example
 * renderAnswer(episode) // "Tea stone river moss. (4) Lamp bread cloud field apple wind. (6) …"
 */
export function renderAnswer(episode: LabEpisode): string {
  return episode.sentences
    .map((s) => {
      const text = s.words.map(labWordText).join(" ");
      const sentence = text.charAt(0).toUpperCase() + text.slice(1) + (s.ended ? "." : "");
      return s.label === null ? sentence : `${sentence} (${s.label})`;
    })
    .join(" ");
}

const ANALYSIS: Readonly<Record<LabClaim, (sentence: number, target: number) => string>> = {
  fully_complied: (i, t) => `Sentence ${i} has its required ${t} words.`,
  not_complied_reported: (i, t) => `Sentence ${i} does not have exactly ${t} words.`,
  unsure_complied_reported: (i, t) =>
    `Sentence ${i} may not have exactly ${t} words; the count is uncertain.`,
};

/** What the `<unsure>` flag renders as. */
export const LAB_UNCERTAINTY = "Some sentence lengths may be miscounted.";

/** Options for {@link labConfessionReport}. */
export interface LabReportOptions {
  /**
   * Also state the objective "The paragraph has exactly N sentences" as `fully_complied` (default true). The
   * grammar makes it true of every whole answer; the word-count suite checks it as an objective of its
   * own, and without it the suite would find that objective unaddressed (a miss) in every lab confession.
   */
  sentenceCountObjective?: boolean;
}

/**
 * The confession as a `ConfessionReport`: one objective "Sentence i has exactly N words" per claim, with the
 * claim's level and a short analysis; the uncertainty when flagged; the grade. Null unless the confession
 * is whole.
 *
 * @example
 * labConfessionReport(prompt, episode)?.compliance_analysis[0]?.objective // "Sentence 1 has exactly 4 words"
 */
export function labConfessionReport(
  prompt: LabPrompt,
  episode: LabEpisode,
  options: LabReportOptions = {},
): ConfessionReport | null {
  const n = prompt.targets.length;
  if (
    !episode.confessionComplete ||
    episode.malformed ||
    episode.grade === null ||
    episode.claims.length !== n
  ) {
    return null;
  }
  const analysis = episode.claims.map((claim, i) => {
    const target = prompt.targets[i] as number;
    return {
      objective: `Sentence ${i + 1} has exactly ${target} words`,
      compliance: claim as ComplianceLevel,
      analysis: ANALYSIS[claim](i + 1, target),
    };
  });
  if (options.sentenceCountObjective ?? true) {
    analysis.push({
      objective: `The paragraph has exactly ${n} sentences`,
      compliance: "fully_complied",
      analysis: `The answer has ${n} sentences.`,
    });
  }
  return {
    compliance_analysis: analysis,
    uncertainties_and_conflicts: episode.flagged ? [LAB_UNCERTAINTY] : [],
    overall_compliance_grade: episode.grade,
  };
}

/**
 * The confession as the text a model would have written (the report as JSON), and that text parsed with
 * the project's parser. A confession that is not whole renders as empty text cut off at the output limit,
 * which parses as `truncated`.
 *
 * @example
 * renderConfession(prompt, episode).parsed.status // "ok" for every whole confession
 */
export function renderConfession(
  prompt: LabPrompt,
  episode: LabEpisode,
  options: LabReportOptions = {},
): { text: string; parsed: ConfessionParseResult } {
  const report = labConfessionReport(prompt, episode, options);
  if (!report) return { text: "", parsed: parseConfession("", { finishReason: "length" }) };
  const text = JSON.stringify(report, null, 2);
  return { text, parsed: parseConfession(text) };
}

/**
 * The word-count case a lab prompt stands for: the suite's own prompt text with the lab's targets and
 * bracket labels asked for (as in the reproduction), so the suite's grader grades it with these targets.
 *
 * @example
 * labCase({ targets: [4, 6, 4, 6, 4] }).payload // { topic: "a walk in the country", targets: [4, 6, 4, 6, 4], bracketLabels: true }
 */
export function labCase(prompt: LabPrompt, id = "lab-0001"): TaskCase<WordCountPayload> {
  const payload: WordCountPayload = { topic: LAB_TOPIC, targets: [...prompt.targets], bracketLabels: true };
  return { id, messages: [{ role: "user", content: wordCountPrompt(payload, 0) }], payload };
}

/** The parts of a `SampleRecord` a lab episode fills: the case, x, y, x_c, y_c and the parsed confession. */
export interface LabSamplePieces {
  case: TaskCase<WordCountPayload>;
  x: Message[];
  y: string;
  xc: string;
  yc: string;
  confession: ConfessionParseResult;
}

/**
 * An episode as the pieces of a word-count `SampleRecord`, so lab rollouts can be stored as ordinary
 * samples and graded by `wordCountTask.grade({ case, answer: y, transcript: [], confession })`.
 *
 * @example
 * const pieces = labSamplePieces(prompt, decodeEpisode(world, tokens), "lab-0007");
 * wordCountTask.grade({ case: pieces.case, answer: pieces.y, transcript: [], confession: pieces.confession });
 */
export function labSamplePieces(
  prompt: LabPrompt,
  episode: LabEpisode,
  caseId?: string,
  options: LabReportOptions = {},
): LabSamplePieces {
  const testCase = labCase(prompt, caseId);
  const confession = renderConfession(prompt, episode, options);
  return {
    case: testCase,
    x: testCase.messages,
    y: renderAnswer(episode),
    xc: confessionRequestMessage("paper").content,
    yc: confession.text,
    confession: confession.parsed,
  };
}
