import { err, ok, type Result } from "../errors/result.ts";

/** A JSON object read out of model text, with the slips that had to be repaired, in plain words. */
export interface ExtractedJson {
  value: unknown;
  repairs: string[];
}

/**
 * Why no object could be read:
 * - `none`: the text contains no `{` at all
 * - `truncated`: an object starts but the text ends before it closes
 * - `invalid`: an object is there but does not parse, even after repairs
 */
export interface JsonExtractionError {
  kind: "none" | "truncated" | "invalid";
  message: string;
}

/** Top-level keys that mark an object as a confession report rather than some other JSON. */
const REPORT_KEYS: readonly string[] = [
  "compliance_analysis",
  "overall_compliance_grade",
  "uncertainties_and_conflicts",
];

/** Keys dropped while parsing, so a parsed object can never reach a prototype when it is merged or spread. */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Upper bound on the `{` positions tried. Each try is linear, so this keeps adversarial text (thousands of
 * stray braces) from costing quadratic time.
 */
const MAX_SPAN_STARTS = 2000;

const REPAIR = {
  trailingComma: "removed trailing commas",
  comments: "removed comments",
  smartQuotes: "replaced curly quotes (“ ”) used as JSON quotes with straight quotes",
  singleQuotes: "turned single-quoted strings into double-quoted strings",
  bareKeys: "put double quotes around unquoted keys",
  rawControl: "escaped raw line breaks or tabs inside strings",
  python: "replaced Python True/False/None with true/false/null",
  badEscape: "replaced the invalid escape \\' with a plain apostrophe",
} as const;

const PYTHON_LITERALS: Readonly<Record<string, string>> = { True: "true", False: "false", None: "null" };

type Scan =
  | { state: "closed"; end: number; repaired: string; repairs: Set<string>; keys: Set<string> }
  | { state: "unclosed"; keys: Set<string> };

interface Span {
  start: number;
  /** Exclusive; the end of the text for an unclosed span. */
  end: number;
  state: "valid" | "invalid" | "unclosed";
  value?: unknown;
  repairs?: string[];
  error?: string;
  reportLike: boolean;
  fenced: boolean;
}

/**
 * Finds the JSON object in a model's reply and parses it, repairing common slips. Never throws and never
 * evaluates the text.
 *
 * Every `{` starts a candidate span, read by a string-aware scanner until its brackets balance. Among the
 * spans, one whose top-level keys look like a confession report wins; among several, one inside a code
 * fence wins, then the last one (verification prose may come before the final report). With no report-like
 * span, the last outermost span is taken. Its state decides the outcome: parsed, `invalid` or `truncated`.
 *
 * Repairs (each listed in `repairs` when used): trailing commas, `//` and `/* *\/` comments, curly quotes
 * used as JSON quotes, single-quoted strings, unquoted keys, raw newlines and tabs inside strings, and
 * Python `True`/`False`/`None`. Keys `__proto__`, `constructor` and `prototype` are dropped.
 *
 * @example
 * const r = extractJsonObject('Here it is:\n```json\n{"a": 1,}\n```');
 * // r.ok && r.value.value is { a: 1 }, r.value.repairs is ["removed trailing commas"]
 */
export function extractJsonObject(text: string): Result<ExtractedJson, JsonExtractionError> {
  if (typeof text !== "string") return err({ kind: "none", message: "no text to read a JSON object from" });
  const fences = fenceRanges(text);
  const spans: Span[] = [];
  let start = text.indexOf("{");
  for (let tries = 0; start !== -1 && tries < MAX_SPAN_STARTS; tries++) {
    const span = readSpan(text, start, fences);
    spans.push(span);
    // A span that parsed is taken whole; otherwise an object may still start inside it.
    start = text.indexOf("{", span.state === "valid" ? span.end : start + 1);
  }

  const chosen = chooseSpan(spans);
  if (chosen === undefined)
    return err({ kind: "none", message: "no JSON object found: the text has no '{'" });
  switch (chosen.state) {
    case "valid":
      return ok({ value: chosen.value, repairs: chosen.repairs ?? [] });
    case "unclosed":
      return err({
        kind: "truncated",
        message: `the JSON object starting at character ${chosen.start} is never closed: the text ends inside it`,
      });
    case "invalid":
      return err({
        kind: "invalid",
        message: `the JSON object at characters ${chosen.start}-${chosen.end} could not be parsed, even after repairs: ${chosen.error}`,
      });
  }
}

function chooseSpan(spans: readonly Span[]): Span | undefined {
  const reportLike = spans.filter((s) => s.reportLike);
  if (reportLike.length > 0) return lastPreferringFenced(reportLike);
  // Without a report, nested spans are parts of an outer one; only the outermost ones speak for the text.
  const outermost: Span[] = [];
  let coveredUntil = 0;
  for (const span of spans) {
    if (span.start < coveredUntil) continue;
    outermost.push(span);
    coveredUntil = span.end;
  }
  return lastPreferringFenced(outermost);
}

function lastPreferringFenced(spans: readonly Span[]): Span | undefined {
  const fenced = spans.filter((s) => s.fenced);
  return (fenced.length > 0 ? fenced : spans).at(-1);
}

function readSpan(text: string, start: number, fences: readonly [number, number][]): Span {
  const fenced = fences.some(([from, to]) => start >= from && start < to);
  const scan = scanObject(text, start);
  const reportLike = REPORT_KEYS.some((key) => scan.keys.has(key));
  if (scan.state === "unclosed") return { start, end: text.length, state: "unclosed", reportLike, fenced };

  const end = scan.end + 1;
  // Clean JSON is parsed as written, so repairs are reported only when they were needed.
  const strict = parseSafely(text.slice(start, end));
  const parsed = strict.ok ? strict : parseSafely(scan.repaired);
  if (!parsed.ok) return { start, end, state: "invalid", error: parsed.error, reportLike, fenced };

  const repairs = strict.ok ? [] : [...scan.repairs];
  for (const key of parsed.value.dropped) repairs.push(`dropped the unsafe key "${key}"`);
  return { start, end, state: "valid", value: parsed.value.value, repairs, reportLike, fenced };
}

function parseSafely(json: string): Result<{ value: unknown; dropped: string[] }, string> {
  const dropped = new Set<string>();
  try {
    const value: unknown = JSON.parse(json, (key, child: unknown) => {
      if (UNSAFE_KEYS.has(key)) {
        dropped.add(key);
        return undefined; // returning undefined deletes the property
      }
      return child;
    });
    return ok({ value, dropped: [...dropped] });
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
}

/** Content ranges of ``` code fences; an opening fence with no closing one runs to the end of the text. */
function fenceRanges(text: string): [number, number][] {
  const markers = [...text.matchAll(/`{3,}[\w-]*/g)];
  const ranges: [number, number][] = [];
  for (let i = 0; i < markers.length; i += 2) {
    const open = markers[i];
    if (open === undefined) break;
    const close = markers[i + 1];
    ranges.push([open.index + open[0].length, close === undefined ? text.length : close.index]);
  }
  return ranges;
}

const isSpace = (c: string): boolean => c === " " || c === "\n" || c === "\r" || c === "\t";
const isWordStart = (c: string): boolean => /[A-Za-z_$]/.test(c);
const isWordChar = (c: string): boolean => /[\w$]/.test(c);

/**
 * Reads one object from `start` (a `{`) until its brackets balance, rewriting lenient JSON into strict
 * JSON on the way. Also collects the object's own keys (depth 1), which tell a report from other JSON.
 */
function scanObject(text: string, start: number): Scan {
  const out: string[] = [];
  const repairs = new Set<string>();
  const keys = new Set<string>();
  let depth = 0;
  let prev = ""; // last significant character emitted; whitespace and comments do not count
  let lastComma = -1; // index in `out` of the most recent comma
  let pendingKey: string | undefined; // a depth-1 string that becomes a key if a ':' follows

  for (let i = start; i < text.length; i++) {
    const c = text.charAt(i);
    if (isSpace(c)) {
      out.push(c);
      continue;
    }

    const atValueStart = prev === "{" || prev === "[" || prev === "," || prev === ":";
    if (c === '"' || c === "“" || c === "”" || (c === "'" && atValueStart)) {
      const str = readString(text, i, repairs);
      if (str === undefined) return { state: "unclosed", keys };
      if (c === "'") repairs.add(REPAIR.singleQuotes);
      else if (c !== '"') repairs.add(REPAIR.smartQuotes);
      out.push(str.literal);
      i = str.end;
      prev = '"';
      pendingKey = depth === 1 ? str.source : undefined;
      continue;
    }

    if (c === "/" && text[i + 1] === "/") {
      const newline = text.indexOf("\n", i);
      i = (newline === -1 ? text.length : newline) - 1; // the newline itself is kept as whitespace
      repairs.add(REPAIR.comments);
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      if (close === -1) return { state: "unclosed", keys };
      out.push(" ");
      i = close + 1;
      repairs.add(REPAIR.comments);
      continue;
    }

    if (isWordStart(c)) {
      let wordEnd = i + 1;
      while (wordEnd < text.length && isWordChar(text.charAt(wordEnd))) wordEnd++;
      const word = text.slice(i, wordEnd);
      let next = wordEnd;
      while (next < text.length && isSpace(text.charAt(next))) next++;
      const python = PYTHON_LITERALS[word];
      if (text[next] === ":" && (prev === "{" || prev === ",")) {
        out.push(JSON.stringify(word));
        repairs.add(REPAIR.bareKeys);
        prev = '"';
        pendingKey = depth === 1 ? word : undefined;
      } else {
        if (python !== undefined) repairs.add(REPAIR.python);
        out.push(python ?? word); // any other bare word stays and fails the parse: we never guess
        prev = "a";
        pendingKey = undefined;
      }
      i = wordEnd - 1;
      continue;
    }

    switch (c) {
      case "{":
      case "[":
        depth++;
        break;
      case "}":
      case "]":
        if (prev === ",") {
          out[lastComma] = "";
          repairs.add(REPAIR.trailingComma);
        }
        depth--;
        break;
      case ":":
        if (depth === 1 && pendingKey !== undefined) keys.add(pendingKey);
        break;
      case ",":
        lastComma = out.length;
        break;
    }
    out.push(c);
    prev = c;
    pendingKey = undefined;
    if (depth === 0) return { state: "closed", end: i, repaired: out.join(""), repairs, keys };
  }
  return { state: "unclosed", keys };
}

/**
 * Reads a string opened at `start` by `"`, `'` or a curly quote, and returns it as a strict JSON string
 * literal. A curly-quoted string ends at the next curly or straight double quote, since models mix them.
 */
function readString(
  text: string,
  start: number,
  repairs: Set<string>,
): { literal: string; source: string; end: number } | undefined {
  const open = text.charAt(start);
  const closes = (c: string): boolean =>
    open === '"' ? c === '"' : open === "'" ? c === "'" : c === "”" || c === "“" || c === '"';
  const parts: string[] = [];
  for (let j = start + 1; j < text.length; j++) {
    const c = text.charAt(j);
    if (c === "\\") {
      const next = text[j + 1];
      if (next === undefined) return undefined;
      if (next === "'") {
        if (open !== "'") repairs.add(REPAIR.badEscape);
        parts.push("'");
      } else {
        parts.push(c, next);
      }
      j++;
      continue;
    }
    if (closes(c)) return { literal: `"${parts.join("")}"`, source: text.slice(start + 1, j), end: j };
    if (c === '"') {
      parts.push('\\"'); // only reachable inside single-quoted strings
    } else if (c === "\n" || c === "\r" || c === "\t") {
      parts.push(c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\t");
      repairs.add(REPAIR.rawControl);
    } else if (c < " ") {
      parts.push(`\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
      repairs.add(REPAIR.rawControl);
    } else {
      parts.push(c);
    }
  }
  return undefined;
}
