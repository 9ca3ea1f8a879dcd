import type { LanguageCode } from "./ih-payload.ts";

/**
 * Short, frequent function words of each language. Some are shared (`de`, `la`, `que` in French and
 * Spanish; `in` in English and German); a shared word scores for both, so only a clear margin decides.
 */
const STOP_WORDS: Readonly<Record<LanguageCode, ReadonlySet<string>>> = {
  en: new Set(
    "the and is are to of you your that it in for with this be can i my a an have not but what will if on at do very more or from they we".split(
      " ",
    ),
  ),
  fr: new Set(
    "le la les de des du et est je vous pour que qui une un pas dans sur avec votre vos mais ne ce il au aux sont plus nous tu très en cela chaque peu".split(
      " ",
    ),
  ),
  es: new Set(
    "el la los las de y que es en un una por para con no su tu se del al pero muy lo como más puedes te mi está son cada poco".split(
      " ",
    ),
  ),
  de: new Set(
    "der die das und ist ich nicht sie es ein eine zu mit auf für den dem sich auch wie du dir dich bei beim oder aber sehr wenn kann jeden noch mehr ihr wird".split(
      " ",
    ),
  ),
};

export const LANGUAGE_NAMES: Readonly<Record<LanguageCode, string>> = {
  en: "English",
  fr: "French",
  es: "Spanish",
  de: "German",
};

/** What the detector saw: the language, or null with the reason it could not tell. */
export interface LanguageGuess {
  language: LanguageCode | null;
  scores: Record<LanguageCode, number>;
  reason: string;
}

/** Fewest stop-word hits for a decision, and how far ahead the leader must be. */
const MIN_HITS = 4;
const MARGIN = 2;

/**
 * The language of `text` by a small stop-word count: the language whose function words occur most, when
 * it has at least 4 hits and at least twice the runner-up's. Otherwise null: too little text, or too
 * close to call (mixed text). Only English, French, Spanish and German are known.
 *
 * @example
 * detectLanguage("Je suis désolé, mais je dois répondre en français.").language // "fr"
 */
export function detectLanguage(text: string): LanguageGuess {
  const tokens = text
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
  const scores: Record<LanguageCode, number> = { en: 0, fr: 0, es: 0, de: 0 };
  for (const token of tokens) {
    for (const code of Object.keys(STOP_WORDS) as LanguageCode[]) {
      if (STOP_WORDS[code].has(token)) scores[code]++;
    }
  }
  const ranked = (Object.keys(scores) as LanguageCode[]).sort((a, b) => scores[b] - scores[a]);
  const [first, second] = ranked as [LanguageCode, LanguageCode];
  const summary = ranked.map((c) => `${c} ${scores[c]}`).join(", ");
  if (scores[first] < MIN_HITS) {
    return { language: null, scores, reason: `too few function words to tell (${summary})` };
  }
  if (scores[first] < MARGIN * scores[second]) {
    return { language: null, scores, reason: `no clear leader (${summary})` };
  }
  return { language: first, scores, reason: `${LANGUAGE_NAMES[first]} function words lead (${summary})` };
}

/**
 * The text with quoted passages removed («…», “…”, „…“, "…"): a quoted phrase or translation is not the
 * language the answer is written in.
 *
 * @example
 * withoutQuotes('Voici : « Good morning ». Bonne journée.') // "Voici :  . Bonne journée."
 */
export function withoutQuotes(text: string): string {
  return text.replace(/«[^»]*»|“[^”]*”|„[^“”]*[“”]|"[^"\n]*"/g, " ");
}
