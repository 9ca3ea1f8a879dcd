import { pickOne, seededRandom } from "../shared/random.ts";
import type { AnswerPlan } from "./answer-plan.ts";
import type { Vocabulary } from "./word-bank.ts";

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** A seven-word sentence without punctuation: "Quiet birds drift softly past old roads". */
function plainSentence(random: () => number, v: Vocabulary, first?: string): string {
  const words = [
    first ?? pickOne(random, v.adjectives),
    pickOne(random, v.nouns),
    pickOne(random, v.verbs),
    pickOne(random, v.adverbs),
    pickOne(random, v.prepositions),
    pickOne(random, v.adjectives),
    pickOne(random, v.nouns),
  ];
  return capitalise(words.join(" "));
}

/** The word that carries `letter` most often, or a made-up token for punctuation such as `#`. */
function boosterFor(letter: string, v: Vocabulary): { word: string; times: number } {
  const all = [...v.boosters, ...v.adjectives, ...v.nouns, ...v.verbs, ...v.adverbs, ...v.prepositions];
  const times = (w: string) => [...w].filter((c) => c === letter).length;
  const best = all.reduce((a, b) => (times(b) > times(a) ? b : a), all[0] ?? "");
  if (times(best) > 0) return { word: best, times: times(best) };
  return { word: `${letter}${v.nouns[0] ?? ""}`, times: 1 };
}

/** The extra tokens the plan spreads over the body sentences, after a colon: keywords, boosts, capitals... */
function extras(plan: AnswerPlan, v: Vocabulary, random: () => number): string[] {
  const tokens: string[] = [];
  for (const [keyword, times] of Object.entries(plan.mentions)) {
    for (let i = 0; i < times; i++) tokens.push(keyword);
  }
  for (const [letter, words] of Object.entries(plan.boosts)) {
    const { word } = boosterFor(letter, v);
    for (let i = 0; i < words; i++) tokens.push(word);
  }
  for (let i = 0; i < plan.capitals; i++) tokens.push(v.capitals[i % Math.max(1, v.capitals.length)] ?? "OK");
  for (let i = 0; i < plan.highlights; i++) {
    tokens.push(`*${pickOne(random, v.adjectives)} ${pickOne(random, v.nouns)}*`);
  }
  for (let i = 0; i < plan.placeholders; i++) {
    tokens.push(`[${v.placeholders[i % Math.max(1, v.placeholders.length)] ?? "name"}]`);
  }
  tokens.push(...plan.forbidden);
  return tokens;
}

/** How many extra words a plan's boosts of `letter` add, per word. */
export function boostYield(letter: string, v: Vocabulary): number {
  return boosterFor(letter, v).times;
}

/** The body paragraphs of the first response: sentences spread evenly, with extras round-robin. */
function bodyParagraphs(plan: AnswerPlan, v: Vocabulary, random: () => number): string[][] {
  const count = Math.max(1, plan.paragraphs);
  const total = Math.max(plan.fillers, count);
  const sentences: { text: string; extras: string[] }[] = [];
  const firstOf = new Set<number>();
  for (let p = 0, at = 0; p < count; p++) {
    firstOf.add(at);
    at += Math.floor(total / count) + (p < total % count ? 1 : 0);
  }
  const paragraphStarts = [...firstOf];
  for (let i = 0; i < total; i++) {
    const paragraph = paragraphStarts.filter((s) => s <= i).length;
    const first =
      plan.firstWord && paragraph === plan.firstWord.nth && paragraphStarts[paragraph - 1] === i
        ? plan.firstWord.word
        : undefined;
    sentences.push({ text: plainSentence(random, v, first), extras: [] });
  }
  extras(plan, v, random).forEach((token, i) => {
    sentences[i % sentences.length]?.extras.push(token);
  });
  const paragraphs: string[][] = paragraphStarts.map((start, p) => {
    const end = paragraphStarts[p + 1] ?? total;
    const text = sentences
      .slice(start, end)
      .map((s) => `${s.text}${s.extras.length ? `: ${s.extras.join(" ")}` : ""}.`)
      .join(" ");
    const header = plan.sections && p < plan.sections.count ? [`${plan.sections.splitter} ${p + 1}`] : [];
    return [...header, text];
  });
  return paragraphs;
}

/**
 * Writes the answer a plan describes. The same plan, vocabulary and seed always give the same text.
 *
 * Layout of one response: the repeated request, the `<<title>>`, the chosen answer option, the body
 * paragraphs (separated by `***` or by blank lines), the bullets, the postscript and the end phrase. A
 * second response, when asked for, is one different sentence after `******`. Then the whole is wrapped
 * in JSON, changed to lower or upper case, and put in double quotes, as the plan says.
 *
 * @example
 * renderAnswer(initialPlan(constraints), vocabularyFor(constraints)!, "ifeval|1001")
 */
export function renderAnswer(plan: AnswerPlan, v: Vocabulary, seed: string): string {
  const random = seededRandom(seed);
  const paragraphs = bodyParagraphs(plan, v, random);
  const before: string[] = [];
  const after: string[] = [];
  if (plan.repeat !== null) before.push(plan.repeat);
  const titleLine = plan.title
    ? `<<${capitalise(pickOne(random, v.adjectives))} ${capitalise(pickOne(random, v.nouns))}>>`
    : null;
  const constrainedLine = plan.constrained ? "My answer is yes." : null;
  // in blank-line layout the first paragraph's first word may be fixed: move title and option after the body
  const headFirst = !(plan.firstWord && plan.firstWord.nth === 1);
  for (const line of [titleLine, constrainedLine]) if (line) (headFirst ? before : after).push(line);
  if (plan.bullets > 0) {
    after.push(Array.from({ length: plan.bullets }, () => `- ${plainSentence(random, v)}.`).join("\n"));
  }
  if (plan.postscript !== null) {
    const marker = plan.postscript === "P.P.S" ? "P.P.S." : plan.postscript;
    after.push(`${marker} ${plainSentence(random, v)}.`);
  }
  if (plan.endPhrase !== null && plan.responses === 1) after.push(plan.endPhrase);

  const first = paragraphs[0] ?? [];
  const last = paragraphs[paragraphs.length - 1] ?? [];
  first.unshift(...before);
  last.push(...after);
  const separator = plan.divider === "stars" ? "\n\n***\n\n" : "\n\n";
  let text = paragraphs.map((lines) => lines.join("\n")).join(separator);
  if (plan.responses === 2) {
    const second = [`${plainSentence(seededRandom(`${seed}|second`), v)}.`];
    if (plan.endPhrase !== null) second.push(plan.endPhrase);
    text = `${text}\n******\n${second.join("\n")}`;
  }
  if (plan.json) text = JSON.stringify({ answer: text });
  if (plan.letterCase === "lower") text = text.toLowerCase();
  if (plan.letterCase === "upper") text = text.toUpperCase();
  if (plan.quotation) text = `"${text}"`;
  return text;
}
