import { foldText, numberWordsToDigits } from "./normalise-text.ts";
import { isQualified } from "./qualifiers.ts";

/** A number as written in text, with what is needed to compare it with a gold number. */
export interface NumberMention {
  value: number;
  /** The place value of its last significant digit, scale included: "120k" → 10000, "1.73" → 0.01. */
  precision: number;
  /** A known unit written with it ("m", "ft", "%", "$"...), or null. */
  unit: string | null;
  /** Said with a hedge or a bound ("about", "more than", "after"...), so it neither confirms nor contradicts. */
  qualified: boolean;
  /** A bare 4-digit integer from 1000 to 2099 with no unit, separator or scale: most likely a year. */
  yearLike: boolean;
  text: string;
}

const UNITS: Record<string, string> = {
  m: "m",
  metre: "m",
  metres: "m",
  meter: "m",
  meters: "m",
  cm: "cm",
  centimetres: "cm",
  centimeters: "cm",
  mm: "mm",
  millimetres: "mm",
  millimeters: "mm",
  km: "km",
  kilometres: "km",
  kilometers: "km",
  ft: "ft",
  foot: "ft",
  feet: "ft",
  inch: "in",
  inches: "in",
  mi: "mi",
  mile: "mi",
  miles: "mi",
  kg: "kg",
  kilograms: "kg",
  g: "g",
  grams: "g",
  lb: "lb",
  lbs: "lb",
  pounds: "lb",
  ton: "t",
  tons: "t",
  tonnes: "t",
  percent: "%",
  "%": "%",
  $: "$",
  dollars: "$",
  usd: "$",
  "€": "€",
  euros: "€",
  eur: "€",
  "£": "£",
  "¥": "¥",
  yen: "¥",
  jpy: "¥",
  seconds: "s",
  sec: "s",
  minutes: "min",
  hours: "h",
  days: "d",
  weeks: "wk",
  months: "mo",
  years: "yr",
  year: "yr",
  mph: "mph",
  hp: "hp",
  cc: "cc",
  mhz: "mhz",
  ghz: "ghz",
  "°f": "°f",
  "°c": "°c",
};

const SCALES: Record<string, number> = { k: 1e3, thousand: 1e3, million: 1e6, m: 1e6, billion: 1e9, bn: 1e9 };

/**
 * Every number in the text, number words included ("three" → 3; a lone "one" is left alone, since it is
 * usually a pronoun, unless `keepLoneOne` is false). Skips numbers glued to letters ("DB9", "MP-9"), version strings ("1.2.3"), times
 * ("9:30") and decades ("1990s"). Thousands separators, decimals, scale words ("1.2 million", "120k"),
 * currency signs and a following unit are understood.
 *
 * @example
 * extractNumbers("It weighs about 116 tons.") // [{ value: 116, unit: "t", qualified: true, ... }]
 */
export function extractNumbers(
  text: string,
  options: { keepLoneOne?: boolean } = { keepLoneOne: true },
): NumberMention[] {
  const folded = numberWordsToDigits(foldText(text), options);
  const re =
    /([$€£¥]\s?)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(st|nd|rd|th)?(?:\s?(k|bn)\b|\s+(thousand|million|billion)\b|\s?(m)\b(?=\s*(?:[$€£]|dollars|euros|pounds|people|views|users|copies)))?/g;
  const found: NumberMention[] = [];
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = folded.slice(0, start);
    const after = folded.slice(end);
    if (/[\p{L}\d.,:/#_]$/u.test(before) || /\p{L}-$/u.test(before)) continue;
    if (/^(?:[\d_]|[.:/]\d)/.test(after)) continue;
    const glued = /^\p{L}+/u.exec(after)?.[0];
    if (glued !== undefined && !(glued in UNITS)) continue;
    const digits = (m[2] as string).replace(/,/g, "");
    const decimals = m[3] ?? "";
    const scaleWord = m[5] ?? m[6] ?? m[7];
    const scale = scaleWord ? (SCALES[scaleWord] ?? 1) : 1;
    const value = Number(`${digits}${decimals ? `.${decimals}` : ""}`) * scale;
    const trailingZeros = decimals ? 0 : (/0*$/.exec(digits.replace(/^0+(?=\d)/, ""))?.[0].length ?? 0);
    const precision =
      (decimals ? 10 ** -decimals.length : 10 ** Math.min(trailingZeros, Math.max(0, digits.length - 1))) *
      scale;
    const currency = m[1]?.trim();
    const unitWord = /^\s*(°[fc]|%|[\p{L}]+)/u.exec(after)?.[1];
    const unit = currency ? (UNITS[currency] ?? null) : unitWord ? (UNITS[unitWord] ?? null) : null;
    const qualified = isQualified(before, after);
    const yearLike =
      !m[1] &&
      !decimals &&
      !scaleWord &&
      !m[4] &&
      !(m[2] as string).includes(",") &&
      unit === null &&
      value >= 1000 &&
      value <= 2099;
    found.push({ value, precision, unit, qualified, yearLike, text: m[0] });
  }
  return found;
}

/** How a mentioned number relates to a gold number. */
export type NumberRelation = "same" | "close" | "different";

/**
 * `same` when equal; `close` when equal at the coarser of the two precisions (for example "120" for a
 * gold "116", or "about 1.7" for "1.73"), which the rule leaves undecided; `different` otherwise.
 *
 * @example
 * relateNumbers({ value: 124, precision: 1 }, { value: 116, precision: 1 }) // "different"
 */
export function relateNumbers(
  mention: Pick<NumberMention, "value" | "precision">,
  gold: Pick<NumberMention, "value" | "precision">,
): NumberRelation {
  const tolerance = 1e-9 * Math.max(1, Math.abs(gold.value));
  if (Math.abs(mention.value - gold.value) <= tolerance) return "same";
  const p = Math.max(mention.precision, gold.precision);
  return Math.round(mention.value / p) === Math.round(gold.value / p) ? "close" : "different";
}

/**
 * The first known unit word in a text ("How many tons..." → "t"), or null: the unit a bare gold number
 * is in.
 *
 * @example
 * unitIn("What is the height of Jason Wei in meters?") // "m"
 */
export function unitIn(text: string): string | null {
  for (const word of foldText(text).split(/[^\p{L}%$€£¥]+/u)) {
    if (word.length > 1 && word in UNITS) return UNITS[word] as string;
  }
  return null;
}

/** Whether two units can be compared: the same, or one of them unstated. */
export const unitsComparable = (a: string | null, b: string | null): boolean =>
  a === null || b === null || a === b;
