/** How a reply reads as JSON. */
export interface JsonReading {
  /** `object`: a JSON object or array; `primitive`: valid JSON but a bare number, string or literal. */
  kind: "object" | "primitive" | "invalid";
  reason: string;
}

/**
 * Whether the whole reply is JSON. One surrounding ```json fence is allowed; anything else around the
 * JSON (a greeting, a note) makes it invalid.
 *
 * @example
 * readJsonReply('```json\n{"reply": "hi"}\n```').kind // "object"
 */
export function readJsonReply(answer: string): JsonReading {
  const trimmed = answer.trim();
  const fenced = /^```(?:json)?[ \t]*\r?\n([\s\S]*?)\r?\n?```$/i.exec(trimmed);
  const body = fenced ? (fenced[1] ?? "") : trimmed;
  try {
    const value: unknown = JSON.parse(body);
    if (value !== null && typeof value === "object") {
      return { kind: "object", reason: `the reply is a JSON ${Array.isArray(value) ? "array" : "object"}` };
    }
    return { kind: "primitive", reason: `the reply is the bare JSON value ${JSON.stringify(value)}` };
  } catch {
    return { kind: "invalid", reason: "the reply does not parse as JSON" };
  }
}

/** The list-like formatting found in a reply. */
export interface ListReading {
  /** Lines that start with a bullet (`-`, `*`, `•`) or a number (`1.`, `2)`). */
  listLines: number;
  /** Markdown table rows (`| a | b |`). */
  tableRows: number;
  /** An enumeration inside running text, like "1) rest 2) water". */
  inlineEnumeration: boolean;
}

const LIST_LINE = /^\s*(?:[-*•+▪◦‣]|\d{1,2}[.)])\s+\S/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const INLINE_ENUMERATION = /(?:^|\s)\(?1[.)]\s+\S.*?\s\(?2[.)]\s+\S/;

/**
 * Counts bulleted or numbered lines, table rows and inline enumerations.
 *
 * @example
 * readLists("- tea\n- coffee").listLines // 2
 */
export function readLists(answer: string): ListReading {
  const lines = answer.split(/\r?\n/);
  return {
    listLines: lines.filter((l) => LIST_LINE.test(l)).length,
    tableRows: lines.filter((l) => TABLE_ROW.test(l)).length,
    inlineEnumeration: lines.some((l) => !LIST_LINE.test(l) && INLINE_ENUMERATION.test(l)),
  };
}
