const SMALL: Record<string, number> = {
  zero: 0,
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
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1e6, billion: 1e9 };
const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
};

const isNumberWord = (w: string) => w in SMALL || w in TENS || w in SCALES;

/** The English ordinal suffix of a whole number: 1 → "st", 12 → "th", 23 → "rd". */
export function ordinalSuffix(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return "th";
  return ["th", "st", "nd", "rd"][n % 10] ?? "th";
}

/**
 * Folds text for comparison: Unicode compatibility forms, diacritics dropped, lower case, curly quotes
 * made straight, and a few letters without a decomposition (ß, æ, ø, œ, ł, đ) spelled out.
 *
 * @example
 * foldText("Barsebäck Golf") // "barseback golf"
 */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—‒−]/g, "-")
    .replace(/ß/g, "ss")
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/œ/g, "oe")
    .replace(/ł/g, "l")
    .replace(/đ/g, "d");
}

/**
 * Replaces runs of English number words with digits in lower-case text: "twenty-two" → "22", "one
 * hundred and five" → "105", "seventh" → "7th". With `keepLoneOne`, a lone "one" stays a word, since
 * it is more often a pronoun ("the one who") than a count.
 *
 * @example
 * numberWordsToDigits("two sons and three daughters") // "2 sons and 3 daughters"
 */
export function numberWordsToDigits(text: string, options: { keepLoneOne?: boolean } = {}): string {
  // words at even indices, whatever lies between them at odd ones; a run of number words may cross
  // only spaces and hyphens
  const pieces = text.split(/([^\p{L}]+)/u);
  const joins = (sep: string | undefined) => sep !== undefined && /^(?:\s+|\s*-\s*)$/.test(sep);
  const out: string[] = [];
  let i = 0;
  while (i < pieces.length) {
    const word = pieces[i] as string;
    if (word in ORDINALS) {
      const n = ORDINALS[word] as number;
      out.push(`${n}${ordinalSuffix(n)}`);
      i++;
      continue;
    }
    if (!(word in SMALL || word in TENS)) {
      out.push(word);
      i++;
      continue;
    }
    let total = 0;
    let current = 0;
    let j = i;
    let last = i;
    let words = 0;
    for (;;) {
      const w = pieces[j] as string;
      const below100 = current % 100;
      if (
        w in SMALL &&
        (below100 === 0 || (below100 >= 20 && below100 % 10 === 0 && (SMALL[w] as number) < 10))
      )
        current += SMALL[w] as number;
      else if (w in TENS && below100 === 0) current += TENS[w] as number;
      else if (w === "hundred" && current % 100 !== 0 && current < 100) current *= 100;
      else if (w in SCALES && w !== "hundred" && current > 0) {
        total += current * (SCALES[w] as number);
        current = 0;
      } else if (w !== "and" || words === 0) break;
      if (w !== "and") {
        words++;
        last = j;
      }
      const next = pieces[j + 2];
      if (!joins(pieces[j + 1]) || next === undefined) break;
      const afterAnd = pieces[j + 4];
      const andJoins = next === "and" && w in SCALES && joins(pieces[j + 3]) && afterAnd !== undefined;
      if (isNumberWord(next) || (andJoins && isNumberWord(afterAnd as string))) {
        j += 2;
        continue;
      }
      break;
    }
    if (options.keepLoneOne && words === 1 && word === "one") {
      out.push(word);
      i++;
      continue;
    }
    out.push(String(total + current));
    i = last + 1;
  }
  return out.join("");
}

const ARTICLES = new Set(["a", "an", "the"]);

/**
 * Normalises text for containment checks: folded, thousands separators dropped ("7,804" → "7804"),
 * number words as digits, apostrophes removed, every other mark a space, articles dropped.
 *
 * @example
 * normaliseText("The Cradle Will Rock!") // "cradle will rock"
 */
export function normaliseText(text: string): string {
  const folded = foldText(text)
    .replace(/&/g, " and ")
    .replace(/(\d),(?=\d{3}(?!\d))/g, "$1")
    .replace(/'/g, "")
    .replace(/(\d)\.(?=\d)/g, "$1dot")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .replace(/(\d)dot(?=\d)/g, "$1.")
    .trim();
  return numberWordsToDigits(folded)
    .split(/\s+/)
    .filter((w) => w !== "" && !ARTICLES.has(w))
    .join(" ");
}

/**
 * Whether `needle` appears in `haystack` as a whole run of normalised words.
 *
 * @example
 * containsNormalised("It was Radcliffe college.", "Radcliffe College") // true
 */
export function containsNormalised(haystack: string, needle: string): boolean {
  const n = normaliseText(needle);
  if (n === "") return false;
  return ` ${normaliseText(haystack)} `.includes(` ${n} `);
}
