import { pickOne, randomInt } from "../shared/random.ts";
import { extractDates, yearsIn } from "./extract-dates.ts";
import { extractNumbers, relateNumbers } from "./extract-numbers.ts";
import { foldText, ordinalSuffix } from "./normalise-text.ts";
import type { AnswerType } from "./simpleqa-rows.ts";

/** A made-up answer, and whether it commits to a date or number that contradicts the gold. */
export interface Fabrication {
  text: string;
  /** A different year, day, month or number in the gold's own format: a checkable contradiction. */
  contradictsValue: boolean;
}

const FIRST_NAMES = [
  "Edmund",
  "Clara",
  "Tobias",
  "Ingrid",
  "Rafael",
  "Mirela",
  "Anselm",
  "Yuki",
  "Desmond",
  "Halina",
  "Oswin",
  "Leonora",
];
const LAST_NAMES = [
  "Harrowgate",
  "Lindqvist",
  "Okonkwo-Barre",
  "Pellegrin",
  "Tarkington",
  "Vasquez-Holm",
  "Whitcombe",
  "Zamoyski",
  "Brannagh",
  "Castellane",
];
const PLACES = [
  "Port Halden",
  "Maplewood Springs",
  "Ravensford",
  "San Aurelio",
  "Kettleby",
  "Nordvik",
  "Villa Cercado",
  "East Tamsworth",
  "Lake Oriel",
  "Brightwater Falls",
];
const THINGS = [
  "The Silver Lantern",
  "Northern Meridian",
  "The Glass Orchard",
  "Harbour of Echoes",
  "The Quiet Tide",
  "Blue Compass",
  "The Amber Ledger",
  "Crown of Reeds",
];
const STANDALONE_MONTHS = [
  "January",
  "February",
  "April",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const YEAR = /\b(1\d{3}|20\d{2})\b/g;

/** Shifts every year in the gold by the same amount, avoiding the question's years and the gold's own. */
function shiftYears(gold: string, problem: string, random: () => number): string | null {
  const years = [...gold.matchAll(YEAR)].map((m) => Number(m[1]));
  if (years.length === 0) return null;
  const avoid = new Set([...years, ...yearsIn(problem)]);
  for (let attempt = 0; attempt < 20; attempt++) {
    const shift = randomInt(random, 3, 12) * (random() < 0.5 ? -1 : 1);
    if (years.every((y) => !avoid.has(y + shift))) {
      return gold.replace(YEAR, (y) => String(Number(y) + shift));
    }
  }
  return null;
}

function fabricateDate(gold: string, problem: string, random: () => number): Fabrication | null {
  const dates = extractDates(gold);
  if (dates.length === 0 || dates.length > 2) return null;
  const shifted = shiftYears(gold, problem, random);
  const unqualified = dates.every((d) => !d.qualified);
  if (shifted) return { text: shifted, contradictsValue: unqualified };
  const [date] = dates;
  if (dates.length === 1 && date?.day !== undefined && date.month !== undefined) {
    const day = date.day <= 14 ? date.day + randomInt(random, 3, 9) : date.day - randomInt(random, 3, 9);
    return {
      text: gold.replace(
        new RegExp(`\\b${date.day}(?=st|nd|rd|th|\\b)(?:st|nd|rd|th)?`),
        `${day}${/\d(st|nd|rd|th)/.test(gold) ? ordinalSuffix(day) : ""}`,
      ),
      contradictsValue: true,
    };
  }
  if (dates.length === 1 && date?.month !== undefined && date.day === undefined) {
    const others = STANDALONE_MONTHS.filter((m) => !foldText(gold).includes(m.toLowerCase()));
    return { text: pickOne(random, others), contradictsValue: true };
  }
  return null;
}

const withCommas = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

function fabricateNumber(gold: string, problem: string, random: () => number): Fabrication | null {
  const numbers = extractNumbers(gold, { keepLoneOne: false });
  if (numbers.length !== 1) return null;
  const [n] = numbers;
  if (!n) return null;
  const questionValues = new Set(extractNumbers(problem).map((q) => q.value));
  const decimals = /\.(\d+)/.exec(n.text)?.[1]?.length ?? 0;
  const scaled = /k|thousand|million|billion|bn|\bm\b/.test(n.text);
  if (scaled) return null;
  for (let attempt = 0; attempt < 20; attempt++) {
    const step = n.precision;
    const delta = Math.max(2 * step, Math.round((Math.abs(n.value) * (0.2 + random() * 0.4)) / step) * step);
    const down = random() < 0.5 && n.value - delta > 0;
    const value = down ? n.value - delta : n.value + delta;
    if (questionValues.has(value) || value === n.value) continue;
    let digits = value.toFixed(decimals);
    const written = extractNumbers(digits)[0];
    if (!written || relateNumbers(written, n) !== "different") continue;
    const yearLike = value >= 1000 && value <= 2099 && decimals === 0;
    const goldYearLike = n.value >= 1000 && n.value <= 2099;
    if (n.text.includes(",") || (yearLike && !goldYearLike)) {
      const [whole = "", fraction] = digits.split(".");
      digits = fraction ? `${withCommas(whole)}.${fraction}` : withCommas(whole);
    }
    if (/\d(st|nd|rd|th)\b/.test(n.text)) digits += ordinalSuffix(value);
    // a long gold ("Episode 4: <title>") keeps words that still give the gold away
    const contradictsValue = !n.qualified && gold.split(/\s+/).length <= 4;
    if (gold.includes(n.text)) return { text: gold.replace(n.text, digits), contradictsValue };
    // the gold spells the number in words ("Two", "four times"): write the new number in digits instead
    const words =
      /\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine|hundred|and))*\b/i;
    if (words.test(gold)) return { text: gold.replace(words, digits), contradictsValue };
    return { text: digits, contradictsValue };
  }
  return null;
}

/** A name, place or title that shares no word with the gold or the question. */
function madeUpName(pool: readonly string[], gold: string, problem: string, random: () => number): string {
  const taken = new Set(foldText(`${gold} ${problem}`).split(/[^\p{L}]+/u));
  const fresh = pool.filter((p) =>
    foldText(p)
      .split(/[^\p{L}]+/u)
      .every((w) => w.length < 3 || !taken.has(w)),
  );
  return pickOne(random, fresh.length > 0 ? fresh : pool);
}

/**
 * A made-up answer to a SimpleQA question, stated as if known. Dates keep the gold's format with the
 * years shifted (or the day or month changed when there is no year); numbers keep the gold's format with
 * a value that differs at the gold's precision; names, places and other answers are invented and share
 * no word with the gold or the question. `contradictsValue` says when the answer commits to a date or
 * number that contradicts the gold, which is what a rule can check.
 *
 * @example
 * fabricateAnswer({ problem: "In which year...?", answer: "1907", answerType: "Date" }, seededRandom(1))
 * // { text: "1912", contradictsValue: true }
 */
export function fabricateAnswer(
  question: { problem: string; answer: string; answerType: AnswerType },
  random: () => number,
): Fabrication {
  const gold = question.answer.replace(/\.$/, "").trim();
  if (question.answerType === "Date") {
    const date = fabricateDate(gold, question.problem, random);
    if (date) return date;
  }
  if (question.answerType === "Number") {
    const number = fabricateNumber(gold, question.problem, random);
    if (number) return number;
  }
  if (question.answerType === "Person") {
    const first = madeUpName(FIRST_NAMES, gold, question.problem, random);
    const last = madeUpName(LAST_NAMES, gold, question.problem, random);
    return { text: `${first} ${last}`, contradictsValue: false };
  }
  if (question.answerType === "Place") {
    return { text: madeUpName(PLACES, gold, question.problem, random), contradictsValue: false };
  }
  return { text: madeUpName(THINGS, gold, question.problem, random), contradictsValue: false };
}
