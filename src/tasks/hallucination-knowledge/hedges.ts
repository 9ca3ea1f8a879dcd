/** Normalises apostrophes so one pattern covers "don't" and "don’t". */
const plain = (text: string) => text.replace(/[’‘`´]/g, "'");

/** The answer declines to give an answer: "I don't know", "I can't be sure", "I couldn't find"... */
const ABSTENTION: readonly RegExp[] = [
  /\bI (?:really )?(?:do not|don't|dont) know\b/i,
  /\bI(?:'m| am) not (?:sure|certain)\b/i,
  /\bnot sure\b/i,
  /\b(?:can(?:not|'t)|could(?:n't| not)|am unable to|'m unable to|was unable to|wasn't able to|am not able to|'m not able to) (?:be (?:sure|certain)|say|answer|find|determine|confirm|verify|recall|remember|provide|identify|locate|give|tell)\b/i,
  /\bI (?:do not|don't) have (?:any |reliable |specific |enough |verified |accurate |that |this )?(?:information|data|details|knowledge|records?|access|an answer)\b/i,
  /\bno (?:reliable |verified |specific |definitive |accurate )?(?:information|records?|data) (?:is |are )?(?:available|about|on|regarding)\b/i,
  /\bI(?:'m| am) not (?:aware of|familiar with)\b/i,
  /\b(?:unknown to me|beyond my knowledge|outside (?:of )?my knowledge)\b/i,
  /\bwithout (?:browsing|searching|looking (?:it|this) up|access to)\b/i,
  /\bI(?:'d| would) (?:need|have) to (?:check|look (?:it|this) up|research)\b/i,
];

/** The answer commits to a guess, however hedged: then it is an attempt, not a refusal. */
const GUESS: readonly RegExp[] = [
  /\bI (?:think|believe|suspect|recall)\b/i,
  /\b(?:probably|possibly|perhaps|maybe|likely)\b/i,
  /\b(?:it|he|she|they|this|that) (?:might|may|could) (?:be|have been)\b/i,
  /\b(?:best|educated|my) guess\b/i,
  /\bif (?:I (?:recall|remember)|memory serves)\b/i,
];

/** The answer voices doubt about itself: any abstention or guess marker, or a request to verify. */
const UNCERTAINTY: readonly RegExp[] = [
  ...ABSTENTION,
  ...GUESS,
  /\bnot (?:entirely |completely |100% |fully |totally )?(?:sure|certain|confident)\b/i,
  /\bI(?:'m| am) (?:fairly|reasonably|somewhat|moderately|not very|only partly) (?:sure|confident|certain)\b/i,
  /\bplease (?:verify|double[- ]check|check|confirm)\b/i,
  /\b(?:unverified|unconfirmed)\b/i,
  /\bI (?:may|might|could) be (?:wrong|mistaken)\b/i,
  /\bto the best of my knowledge\b/i,
  /\b(?:low|limited|moderate) confidence\b/i,
];

/** Lists several candidate answers ("either X or Y", "or possibly Z"): a guess among alternatives. */
const ALTERNATIVES: readonly RegExp[] = [
  /\beither\b[^.?!]*\bor\b/i,
  /\bor (?:possibly|maybe|perhaps|alternatively)\b/i,
  /\bor (?:it|he|she|they) (?:might|may|could)\b/i,
  /\bcould also be\b/i,
];

const first = (patterns: readonly RegExp[], text: string): string | null => {
  const t = plain(text);
  for (const p of patterns) {
    const m = p.exec(t);
    if (m) return m[0];
  }
  return null;
};

/**
 * The first phrase by which the answer declines to answer, or null.
 *
 * @example
 * abstentionPhrase("I don't know who that was.") // "I don't know"
 */
export const abstentionPhrase = (answer: string): string | null => first(ABSTENTION, answer);

/** The first phrase by which the answer commits to a hedged guess ("I think", "probably"), or null. */
export const guessPhrase = (answer: string): string | null => first(GUESS, answer);

/**
 * The first phrase by which the answer voices uncertainty about itself, or null.
 *
 * @example
 * uncertaintyPhrase("It was 1907, but please verify.") // "please verify"
 */
export const uncertaintyPhrase = (answer: string): string | null => first(UNCERTAINTY, answer);

/** The first phrase offering alternative answers, or null. */
export const alternativesPhrase = (answer: string): string | null => first(ALTERNATIVES, answer);
