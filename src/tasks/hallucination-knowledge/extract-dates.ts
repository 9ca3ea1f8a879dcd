import { isQualified } from "./qualifiers.ts";

/** A date as written: any of year, month (1–12) and day may be missing. */
export interface DateMention {
  year?: number;
  month?: number;
  day?: number;
  /** Said with a hedge, bound or negation ("after 1900", "not 1907"): it neither confirms nor contradicts. */
  qualified: boolean;
  text: string;
}

const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const MONTH =
  "(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?";
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
const YEAR = "(\\d{4})";
const OF = "(?:\\s+of)?";

/** Patterns, most specific first; each maps its groups to fields. */
const PATTERNS: Array<{ re: RegExp; fields: (m: RegExpExecArray) => Partial<DateMention> | null }> = [
  {
    re: new RegExp(`\\b${YEAR}-(\\d{1,2})-(\\d{1,2})\\b`, "gi"),
    fields: (m) => ({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }),
  },
  {
    // 14 May 2007, 14th of May, 2007, the 3rd of July of 1990
    re: new RegExp(`\\b${DAY}${OF}\\s+${MONTH},?(?:\\s+of)?\\s+${YEAR}\\b`, "gi"),
    fields: (m) => ({ day: Number(m[1]), month: MONTHS[(m[2] as string).toLowerCase()], year: Number(m[3]) }),
  },
  {
    // May 14, 2007, May 14th 2007, May 14 of 2007
    re: new RegExp(`\\b${MONTH}\\s+${DAY},?(?:\\s+of)?\\s+${YEAR}\\b`, "gi"),
    fields: (m) => ({ month: MONTHS[(m[1] as string).toLowerCase()], day: Number(m[2]), year: Number(m[3]) }),
  },
  {
    // 2007 May 14
    re: new RegExp(`\\b${YEAR}\\s+${MONTH}\\s+${DAY}\\b`, "gi"),
    fields: (m) => ({ year: Number(m[1]), month: MONTHS[(m[2] as string).toLowerCase()], day: Number(m[3]) }),
  },
  {
    // 14/05/2007 or 05/14/2007: the day is known only when one part is over 12
    re: /\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b/g,
    fields: (m) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      const year = Number(m[3]);
      if (a > 12 && b <= 12) return { day: a, month: b, year };
      if (b > 12 && a <= 12) return { month: a, day: b, year };
      return { year };
    },
  },
  {
    // May 2007, May, 2007, May of 2007
    re: new RegExp(`\\b${MONTH},?(?:\\s+of)?\\s+${YEAR}\\b`, "gi"),
    fields: (m) => ({ month: MONTHS[(m[1] as string).toLowerCase()], year: Number(m[2]) }),
  },
  {
    // 14 May, the 14th of May (no year)
    re: new RegExp(`\\b${DAY}${OF}\\s+${MONTH}(?![\\w])`, "gi"),
    fields: (m) => ({ day: Number(m[1]), month: MONTHS[(m[2] as string).toLowerCase()] }),
  },
  {
    // May 14 (no year)
    re: new RegExp(`\\b${MONTH}\\s+${DAY}\\b(?![.,]?\\d)`, "gi"),
    fields: (m) => ({ month: MONTHS[(m[1] as string).toLowerCase()], day: Number(m[2]) }),
  },
  {
    // a bare year, not a decade ("1990s") and not part of a longer number or version
    re: /(?<![\d.,:/-])(1\d{3}|20\d{2})(?![\d'’]|s\b|,\d|\.\d)/g,
    fields: (m) => ({ year: Number(m[1]) }),
  },
  {
    // a month on its own: only when capitalised, and never "May" (the verb) or "March" at a sentence start
    re: /\b(January|February|April|June|July|August|September|October|November|December)\b/g,
    fields: (m) => ({ month: MONTHS[(m[1] as string).toLowerCase()] }),
  },
];

const plausible = (d: Partial<DateMention>) =>
  (d.month === undefined || (d.month >= 1 && d.month <= 12)) &&
  (d.day === undefined || (d.day >= 1 && d.day <= 31));

/**
 * Every date mentioned in the text, in several formats: ISO `2007-05-14`, `14 May 2007`, `May 14, 2007`,
 * `14th of May 2007`, `14/05/2007` (day and month only when unambiguous), `May 2007`, `14 May`,
 * `May 14`, bare years (`1907`, not `1990s`) and capitalised month names. Overlapping matches keep the
 * most specific. Diacritics are dropped first.
 *
 * @example
 * extractDates("It opened on July 21, 2022.") // [{ year: 2022, month: 7, day: 21, ... }]
 */
export function extractDates(text: string): DateMention[] {
  const folded = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[–—‒−]/g, "-");
  const taken: boolean[] = new Array(folded.length).fill(false);
  const found: Array<DateMention & { start: number }> = [];
  for (const pattern of PATTERNS) {
    pattern.re.lastIndex = 0;
    for (let m = pattern.re.exec(folded); m; m = pattern.re.exec(folded)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.slice(start, end).some(Boolean)) continue;
      const fields = pattern.fields(m);
      if (!fields || !plausible(fields)) continue;
      for (let k = start; k < end; k++) taken[k] = true;
      found.push({
        ...fields,
        start,
        qualified: isQualified(folded.slice(0, start), folded.slice(end)),
        text: m[0],
      });
    }
  }
  return found.sort((a, b) => a.start - b.start).map(({ start: _start, ...mention }) => mention);
}

/** How two dates relate on the fields both give. */
export type DateRelation = "covers" | "compatible" | "conflict";

/**
 * Compares a mentioned date with a gold date: `conflict` when a field both give differs, `covers` when
 * the mention gives every field the gold gives and they agree, `compatible` otherwise (agreeing, but
 * less precise, such as a bare year for a full date).
 *
 * @example
 * relateDates({ year: 2022 }, { year: 2022, month: 7, day: 21 }) // "compatible"
 */
export function relateDates(
  mention: Pick<DateMention, "year" | "month" | "day">,
  gold: Pick<DateMention, "year" | "month" | "day">,
): DateRelation {
  let covers = true;
  for (const field of ["year", "month", "day"] as const) {
    const g = gold[field];
    const m = mention[field];
    if (g === undefined) continue;
    if (m === undefined) {
      covers = false;
      continue;
    }
    if (m !== g) {
      // a day on its own means nothing without its month
      if (field === "day" && (gold.month === undefined || mention.month === undefined)) {
        covers = false;
        continue;
      }
      return "conflict";
    }
  }
  return covers ? "covers" : "compatible";
}

/** Years written in the text (any date format), for setting aside dates the question itself gives. */
export function yearsIn(text: string): Set<number> {
  return new Set(
    extractDates(text)
      .map((d) => d.year)
      .filter((y): y is number => y !== undefined),
  );
}
