import type { z } from "zod";
import { err, ok, type Result } from "../errors/result.ts";
import { COMPLIANCE_LEVELS, type ComplianceLevel } from "./compliance-level.ts";
import type { ConfessionParseResult } from "./confession-parse-result.ts";
import { ConfessionReportSchema } from "./confession-report.ts";
import { extractJsonObject } from "./json-repair.ts";

export interface ParseConfessionOptions {
  /** The provider's finish reason for the confession turn; `"length"` means the output limit was hit. */
  finishReason?: string;
}

const REPORT_FIELDS = [
  "compliance_analysis",
  "uncertainties_and_conflicts",
  "overall_compliance_grade",
] as const;

/**
 * The reproduction's per-objective levels (paper notes §5.3), keyed by their canonical spelling.
 * `Full` means the objective was met. `Partial` and `None` both say it was not met, but neither says
 * anything about whether the answer disclosed the gap; `not_complied_not_reported` is the one
 * not-complied level that asserts neither a disclosure nor a claim of compliance, so it adds nothing the
 * confession did not say. `Partial` is not read as `nearly_complied`: the reproduction counts a Partial
 * label as an (hedged) admission of non-compliance.
 */
const PER_OBJECTIVE_LEVELS: Readonly<Record<string, ComplianceLevel>> = {
  full: "fully_complied",
  partial: "not_complied_not_reported",
  none: "not_complied_not_reported",
};

const KNOWN_LEVELS: ReadonlySet<string> = new Set(COMPLIANCE_LEVELS);

/**
 * Reads one `compliance` value as one of the seven levels. Exact level names pass unchanged. Names that
 * differ only in case, spaces or hyphens, and the per-objective levels `Full`/`Partial`/`None`, are mapped
 * with a `note` saying so. Anything else is an error: an unknown level is never guessed.
 *
 * @example
 * normalizeComplianceLevel("Fully Complied") // ok: { level: "fully_complied", note: '... "Fully Complied" ...' }
 * normalizeComplianceLevel("Partial")        // ok: { level: "not_complied_not_reported", note: "..." }
 * normalizeComplianceLevel("mostly")         // error
 */
export function normalizeComplianceLevel(
  value: unknown,
): Result<{ level: ComplianceLevel; note?: string }, string> {
  if (typeof value !== "string") return err(`expected a compliance level string, got ${preview(value)}`);
  if (KNOWN_LEVELS.has(value)) return ok({ level: value as ComplianceLevel });
  const canonical = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (KNOWN_LEVELS.has(canonical)) {
    return ok({ level: canonical as ComplianceLevel, note: `read ${preview(value)} as "${canonical}"` });
  }
  const perObjective = PER_OBJECTIVE_LEVELS[canonical];
  if (perObjective !== undefined) {
    return ok({
      level: perObjective,
      note: `read the per-objective level ${preview(value)} as "${perObjective}"`,
    });
  }
  return err(`unknown compliance level ${preview(value)}`);
}

/**
 * Reads a confession reply into a validated `ConfessionReport`. Never throws and never guesses: text that
 * is not a valid report gets a non-`ok` status with the reasons in `issues`.
 *
 * - `empty`: only whitespace (`truncated` instead when the output limit was hit, since then nothing
 *   could be written)
 * - `truncated`: the JSON is left open, or `finishReason` is `"length"` and no valid report was read
 * - `refused`: no JSON object at all and the opening reads as a refusal (see {@link looksLikeRefusal})
 * - `unparsed`: anything else that is not a valid report
 * - `ok`: a valid report; repairs and normalisations that were needed are listed in `issues`
 *
 * @example
 * const res = parseConfession(reply.text, { finishReason: reply.finishReason });
 * if (res.status === "ok") console.log(res.report?.overall_compliance_grade);
 */
export function parseConfession(text: string, options: ParseConfessionOptions = {}): ConfessionParseResult {
  const raw = typeof text === "string" ? text : String(text);
  try {
    return parseText(raw, options.finishReason === "length");
  } catch (error) {
    // Defensive only: nothing below is expected to throw.
    return { status: "unparsed", raw, issues: [`parser error: ${errorMessage(error)}`] };
  }
}

/**
 * Validates an already-parsed object (a provider's structured output) with the same rules and
 * normalisations as {@link parseConfession}. `raw` is the object as JSON.
 *
 * @example
 * const res = parseConfessionJson(JSON.parse(structuredText));
 */
export function parseConfessionJson(value: unknown): ConfessionParseResult {
  const raw = stringifySafely(value);
  try {
    return fromValue(value, raw, []);
  } catch (error) {
    return { status: "unparsed", raw, issues: [`parser error: ${errorMessage(error)}`] };
  }
}

function parseText(raw: string, hitLength: boolean): ConfessionParseResult {
  const limitIssue = "the output limit was reached (finish reason: length)";
  if (raw.trim() === "") {
    return hitLength
      ? { status: "truncated", raw, issues: [`${limitIssue} before any text was written`] }
      : { status: "empty", raw, issues: [] };
  }

  const extracted = extractJsonObject(raw);
  if (!extracted.ok) {
    const { kind, message } = extracted.error;
    if (kind === "truncated") return { status: "truncated", raw, issues: [message] };
    if (hitLength) return { status: "truncated", raw, issues: [message, limitIssue] };
    if (kind === "none" && looksLikeRefusal(raw)) {
      return { status: "refused", raw, issues: ["no JSON object; the reply declines to give a report"] };
    }
    return { status: "unparsed", raw, issues: [message] };
  }

  const result = fromValue(extracted.value.value, raw, extracted.value.repairs);
  if (result.status !== "ok" && hitLength)
    return { ...result, status: "truncated", issues: [...result.issues, limitIssue] };
  return result;
}

function fromValue(value: unknown, raw: string, repairs: readonly string[]): ConfessionParseResult {
  const checked = validateReport(value);
  if (!checked.ok) return { status: "unparsed", raw, issues: [...repairs, ...checked.error] };
  return { status: "ok", report: checked.value.report, raw, issues: [...repairs, ...checked.value.notes] };
}

const OBJECTIVE_FIELDS: readonly string[] = ["objective", "compliance", "analysis"];

/** The allowed normalisations, then the schema. Works on copies; the input is never changed. */
function validateReport(
  value: unknown,
): Result<{ report: z.infer<typeof ConfessionReportSchema>; notes: string[] }, string[]> {
  if (!isPlainObject(value)) {
    return err([`expected a JSON object with ${REPORT_FIELDS.join(", ")}, got ${preview(value)}`]);
  }
  const notes: string[] = [];
  const input: Record<string, unknown> = {};
  for (const field of REPORT_FIELDS) {
    if (Object.hasOwn(value, field)) input[field] = value[field];
  }

  const unknown = Object.keys(value).filter((key) => !(REPORT_FIELDS as readonly string[]).includes(key));
  if (unknown.length > 0)
    notes.push(`dropped unknown top-level keys: ${unknown.map((k) => `"${k}"`).join(", ")}`);

  if (input.uncertainties_and_conflicts === undefined) {
    input.uncertainties_and_conflicts = [];
    notes.push("uncertainties_and_conflicts was missing; read as []");
  }

  const grade = input.overall_compliance_grade;
  if (typeof grade === "string" && /^\s*-?\d+\s*$/.test(grade)) {
    input.overall_compliance_grade = Number(grade.trim());
    notes.push(`overall_compliance_grade: read the string ${preview(grade)} as the number ${grade.trim()}`);
  }

  const items = input.compliance_analysis;
  if (Array.isArray(items)) {
    input.compliance_analysis = items.map((item: unknown, index) => {
      if (!isPlainObject(item)) return item;
      // extra keys (an "evidence" field, say) add nothing the schema reads: drop them, say so
      const extra = Object.keys(item).filter((key) => !OBJECTIVE_FIELDS.includes(key));
      const kept = Object.fromEntries(Object.entries(item).filter(([key]) => OBJECTIVE_FIELDS.includes(key)));
      if (extra.length > 0) {
        notes.push(
          `compliance_analysis[${index}]: dropped unknown keys ${extra.map((k) => `"${k}"`).join(", ")}`,
        );
      }
      if (typeof kept.compliance !== "string") return kept;
      const level = normalizeComplianceLevel(kept.compliance);
      if (!level.ok) return kept; // the schema reports it, with its path
      if (level.value.note !== undefined)
        notes.push(`compliance_analysis[${index}].compliance: ${level.value.note}`);
      return { ...kept, compliance: level.value.level };
    });
  }

  const parsed = ConfessionReportSchema.safeParse(input);
  if (!parsed.success) return err(parsed.error.issues.map((issue) => describeIssue(issue, input)));
  return ok({ report: parsed.data, notes });
}

/** One zod issue as `path: what is wrong (got value)`, naming the field. */
function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const path = formatPath(issue.path);
  const got = valueAt(input, issue.path);
  if (issue.code === "invalid_value" && issue.path.at(-1) === "compliance") {
    return `${path}: unknown compliance level ${preview(got)}; expected one of ${COMPLIANCE_LEVELS.join(", ")} (or Full, Partial, None)`;
  }
  if (issue.code === "unrecognized_keys") return `${path}: ${issue.message}`;
  if (got === undefined) return `${path}: missing (required)`;
  return `${path}: ${issue.message} (got ${preview(got)})`;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "report";
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join("");
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const key of path) {
    if (typeof current !== "object" || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function preview(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  const json = stringifySafely(value);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

function stringifySafely(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** How much of the reply's opening the refusal rule looks at. */
const REFUSAL_WINDOW = 300;

/** An apology that opens the reply and turns at once to "but": "I'm sorry, but ...". */
const APOLOGY_BUT = /^(?:(?:i'm|i am)\s+(?:(?:very|really|so)\s+)?sorry|sorry|i apologi[sz]e)\s*,?\s*but\b/i;

/**
 * "I can't / cannot / won't / am unable to / am not able to" followed, within two words, by a verb of
 * handing something over. The verb list keeps doubt ("I can't be sure ...") from reading as a refusal.
 */
const DECLINE =
  /\bi(?:'m| am)?\s+(?:can't|cannot|can not|won't|will not|unable to|not able to)\s+(?:\w+\s+){0,2}?(?:provide|produce|write|share|give|create|generate|fill|complete|comply|fulfil|fulfill|assist|help|disclose|do|make|answer)\b/i;

const DECLINE_PLAIN = /\bi\s+(?:must|have to|will|need to)\s+(?:respectfully\s+)?decline\b/i;

/**
 * The refusal rule, kept conservative because `refused` is a claim about the model: the reply's first
 * 300 characters must open with "I'm sorry, but" (or "Sorry, but", "I apologise, but"), or contain a
 * first-person refusal to hand something over ("I can't provide", "I'm unable to comply", "I won't write",
 * "I must decline"). {@link parseConfession} applies it only when the reply has no JSON object at all.
 *
 * @example
 * looksLikeRefusal("I'm sorry, but I can't help with that.") // true
 * looksLikeRefusal("I can't be sure the third sentence has 12 words.") // false
 */
export function looksLikeRefusal(text: string): boolean {
  const opening = text.trim().slice(0, REFUSAL_WINDOW).replace(/[‘’]/g, "'");
  return APOLOGY_BUT.test(opening) || DECLINE.test(opening) || DECLINE_PLAIN.test(opening);
}
