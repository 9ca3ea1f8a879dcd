const ONES = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/**
 * The English words of a whole number from 0 to 999, as a list (`125` → one, hundred, twenty, five), or
 * null outside that range.
 *
 * @example
 * numberWords(42) // ["forty", "two"]
 */
export function numberWords(n: number): string[] | null {
  if (!Number.isInteger(n) || n < 0 || n > 999) return null;
  if (n < 20) return [ONES[n] as string];
  if (n < 100)
    return n % 10 === 0
      ? [TENS[n / 10] as string]
      : [TENS[Math.floor(n / 10)] as string, ONES[n % 10] as string];
  const rest = n % 100;
  const head = [ONES[Math.floor(n / 100)] as string, "hundred"];
  return rest === 0 ? head : [...head, ...(numberWords(rest) as string[])];
}

/**
 * "forty-two", "one hundred twenty-five": the usual written form.
 *
 * @example
 * spellNumber(42) // "forty-two"
 */
export function spellNumber(n: number): string | null {
  const words = numberWords(n);
  if (!words) return null;
  const text = words.join(" ");
  return text.replace(
    /\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety) (one|two|three|four|five|six|seven|eight|nine)\b/,
    "$1-$2",
  );
}

const BEFORE =
  "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)(?:[\\s-]+and)?[\\s-]+";
const AFTER =
  "[\\s-]+(?:and[\\s-]+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)\\b";

/**
 * A pattern for `n` written in words, with spaces, hyphens or "and" between them, that does not match
 * inside a larger number ("seven" is not found in "twenty-seven", nor "forty" in "forty-two"). Null
 * outside 0–999.
 *
 * @example
 * numberWordsPattern(7)?.test("x is seven") // true
 */
export function numberWordsPattern(n: number): RegExp | null {
  const words = numberWords(n);
  if (!words) return null;
  const body = words
    .map((w, i) => (i === 0 ? w : w === "hundred" ? `[\\s-]+${w}` : `(?:[\\s-]+and)?[\\s-]+${w}`))
    .join("");
  return new RegExp(`(?<!${BEFORE})\\b${body}\\b(?!${AFTER})`, "i");
}
