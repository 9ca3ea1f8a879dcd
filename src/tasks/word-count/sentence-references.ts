const CARDINALS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

const ORDINALS: Record<string, number> = {
  first: 1,
  opening: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};

const LIST_SEPARATORS = new Set([",", "and", "or", "&", "/"]);
const RANGE_SEPARATORS = new Set(["-", "–", "—", "to", "through", "thru"]);
const SENTENCE = /^sentences?$/;

/**
 * The sentences (1-based) that an objective's text names, for a paragraph with these targets:
 * "Sentence 2", "sentences 1, 3 and 5", "sentences 1-3", "sentence two", "the second sentence",
 * "2nd and 4th sentences", "the last sentence", "the odd-numbered sentences", or by length, "the 18-word
 * sentences". Empty when it names none, as in "each sentence alternates…" or "exactly five sentences".
 * Numbers beyond the paragraph are kept, so callers can tell a specific claim about a sentence that
 * does not exist.
 *
 * @example
 * sentenceReferences("The second and fourth sentences have 18 words", [12, 18, 12, 18, 12]) // [2, 4]
 */
export function sentenceReferences(text: string, targets: readonly number[]): number[] {
  const tokens = [...text.toLowerCase().matchAll(/[\p{L}\p{N}]+|\S/gu)].map((m) => m[0]);
  const found = new Set<number>();
  // plain numbers after "sentence" are read only up to this, so "sentence 2, 18 words" stays sentence 2
  const maxNumber = Math.max(10, targets.length);
  tokens.forEach((token, i) => {
    if (!SENTENCE.test(token)) return;
    for (const n of numbersAfter(tokens, i + 1, maxNumber)) found.add(n);
    for (const n of ordinalsBefore(tokens, i - 1, targets)) found.add(n);
  });
  return [...found].sort((a, b) => a - b);
}

function cardinal(token: string | undefined, max: number): number | null {
  if (token === undefined) return null;
  const n = /^\d+$/.test(token) ? Number(token) : (CARDINALS[token] ?? null);
  return n !== null && n >= 1 && n <= max ? n : null;
}

function ordinal(token: string | undefined, last: number): number | null {
  if (token === undefined) return null;
  const numbered = /^(\d+)(?:st|nd|rd|th)$/.exec(token);
  if (numbered) return Number(numbered[1]);
  if (token === "last" || token === "final" || token === "closing" || token === "concluding") return last;
  if (token === "penultimate") return last - 1;
  return ORDINALS[token] ?? null;
}

/** "sentence 2", "sentences #1, 3 and 5", "sentences 1-3", "sentence two". */
function numbersAfter(tokens: string[], start: number, max: number): number[] {
  let i = start;
  while (tokens[i] === "#" || tokens[i] === "number" || tokens[i] === "no" || tokens[i] === ".") i++;
  const out: number[] = [];
  let n = cardinal(tokens[i], max);
  while (n !== null) {
    out.push(n);
    i++;
    if (RANGE_SEPARATORS.has(tokens[i] ?? "")) {
      const end = cardinal(tokens[i + 1], max);
      if (end === null || end <= n) break;
      for (let k = n + 1; k <= end; k++) out.push(k);
      i += 2;
    }
    let j = i;
    while (LIST_SEPARATORS.has(tokens[j] ?? "")) j++;
    if (j === i) break;
    n = cardinal(tokens[j], max);
    i = j;
  }
  return out;
}

/** "the second sentence", "1st, 3rd and 5th sentences", "the 12-word sentences", "odd sentences". */
function ordinalsBefore(tokens: string[], end: number, targets: readonly number[]): number[] {
  const last = targets.length;
  const out: number[] = [];
  let i = end;
  if (tokens[i] === "word" || tokens[i] === "words") {
    const length = Number(tokens[tokens[i - 1] === "-" ? i - 2 : i - 1]);
    if (Number.isInteger(length)) {
      for (const [k, t] of targets.entries()) if (t === length) out.push(k + 1);
    }
    return out;
  }
  if (tokens[i] === "numbered") i -= tokens[i - 1] === "-" ? 2 : 1;
  if (tokens[i] === "odd" || tokens[i] === "even") {
    const parity = tokens[i] === "odd" ? 1 : 0;
    for (let k = 1; k <= last; k++) if (k % 2 === parity) out.push(k);
    return out;
  }
  let n = ordinal(tokens[i], last);
  while (n !== null) {
    out.push(n);
    let j = i - 1;
    while (LIST_SEPARATORS.has(tokens[j] ?? "")) j--;
    if (j === i - 1) break;
    n = ordinal(tokens[j], last);
    i = j;
  }
  return out;
}
