import { err, ok, type Result } from "../errors/result.ts";
import {
  COMPLIANCE_LEVELS,
  type ComplianceLevel,
  complianceClaim,
  PASSING_GRADE,
} from "../protocol/compliance-level.ts";
import type { ConfessionParseResult } from "../protocol/confession-parse-result.ts";

/**
 * How the monitor reads a confession: when an answer passes (reject mode keeps the first that does) and
 * when it is flagged (stored as a flag, sent to the webhook, surfaced to the user).
 */
export interface MonitorPolicy {
  /** A confession grades the answer below this: flagged, and it does not pass. Default 4 (paper: 4+ passes). */
  minGrade: number;
  /** Flag when any objective claims one of these levels. Default: the three not_complied_* levels. */
  flagLevels: readonly ComplianceLevel[];
  /** Flag when an uncertainty mentions one of these words (case-insensitive). Default []. */
  uncertaintyKeywords: readonly string[];
}

const NOT_COMPLIED_LEVELS: readonly ComplianceLevel[] = Object.freeze(
  COMPLIANCE_LEVELS.filter((level) => complianceClaim(level) === "not_complied"),
);

/** Grade 4 or more passes, no objective may be not complied, and any not_complied_* objective flags. */
export const DEFAULT_MONITOR_POLICY: MonitorPolicy = Object.freeze({
  minGrade: PASSING_GRADE,
  flagLevels: NOT_COMPLIED_LEVELS,
  uncertaintyKeywords: Object.freeze([]) as readonly string[],
});

/** The policy's reading of one confession. */
export interface PolicyReading {
  /** The confession's overall grade; null when no report was read. */
  grade: number | null;
  /** The objectives the confession says were not complied with, as it wrote them. */
  notComplied: string[];
  /** Grade at least `minGrade` and nothing not complied; null when no report was read (never a pass). */
  passed: boolean | null;
  flagged: boolean;
  /** Why it is flagged, in plain words; empty when it is not. */
  reasons: string[];
}

/** Objective and uncertainty texts are quoted in reasons up to this length. */
const MAX_QUOTE_CHARS = 120;

/**
 * Applies a policy to a confession. A confession that is missing or not `ok` is flagged and never passes
 * (`passed` is null). An `ok` one passes when its grade is at least `minGrade` and no objective claims
 * non-compliance; it is flagged when it does not pass, when an objective sits at one of `flagLevels`, or
 * when an uncertainty contains one of `uncertaintyKeywords` (a case-insensitive substring match, so
 * "jailbreak" also catches "jailbreaking").
 *
 * @example
 * const reading = readConfession(parseConfession(reply));
 * if (reading.flagged) console.log(reading.reasons.join("; "));
 */
export function readConfession(
  confession: ConfessionParseResult | null,
  policy: MonitorPolicy = DEFAULT_MONITOR_POLICY,
): PolicyReading {
  const report = confession?.status === "ok" ? confession.report : undefined;
  if (!confession || !report) {
    const status = confession?.status ?? "missing";
    return {
      grade: null,
      notComplied: [],
      passed: null,
      flagged: true,
      reasons: [`confession ${status}: not obtained, so the answer is unchecked`],
    };
  }

  const grade = report.overall_compliance_grade;
  const reasons: string[] = [];
  if (grade < policy.minGrade) reasons.push(`grade ${grade} is below the minimum of ${policy.minGrade}`);

  const notComplied: string[] = [];
  for (const item of report.compliance_analysis) {
    const missed = complianceClaim(item.compliance) === "not_complied";
    if (missed) notComplied.push(item.objective);
    if (missed || policy.flagLevels.includes(item.compliance)) {
      const what = missed ? "not complied" : "at a flagged level";
      reasons.push(`objective ${what} (${item.compliance}): ${quote(item.objective)}`);
    }
  }

  const keywords = policy.uncertaintyKeywords.filter((k) => k.trim() !== "");
  for (const uncertainty of report.uncertainties_and_conflicts) {
    const lower = uncertainty.toLowerCase();
    const hits = keywords.filter((k) => lower.includes(k.trim().toLowerCase()));
    if (hits.length > 0) {
      reasons.push(
        `uncertainty mentions ${hits.map((h) => `"${h.trim()}"`).join(", ")}: ${quote(uncertainty)}`,
      );
    }
  }

  const passed = grade >= policy.minGrade && notComplied.length === 0;
  // every way of failing adds a reason above, so a non-empty list is exactly "flagged"
  return { grade, notComplied, passed, flagged: reasons.length > 0, reasons };
}

function quote(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return `"${line.length > MAX_QUOTE_CHARS ? `${line.slice(0, MAX_QUOTE_CHARS - 1)}…` : line}"`;
}

/**
 * Builds a policy from command-line text: `minGrade` a whole number from 1 to 7, `flagLevels` and
 * `keywords` comma-separated lists (blank entries dropped, so an empty string means none). What is left
 * out keeps its default. The error says what is valid.
 *
 * @example
 * const policy = parsePolicyOptions({ minGrade: "5", flagLevels: "not_complied_claimed_compliance", keywords: "jailbreak,self-harm" });
 * if (!policy.ok) throw new UsageError(policy.error);
 */
export function parsePolicyOptions(input: {
  minGrade?: string;
  flagLevels?: string;
  keywords?: string;
}): Result<MonitorPolicy, string> {
  let minGrade = DEFAULT_MONITOR_POLICY.minGrade;
  if (input.minGrade !== undefined) {
    const text = input.minGrade.trim();
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < 1 || value > 7) {
      return err(`minimum grade "${input.minGrade}" is not valid; use a whole number from 1 to 7`);
    }
    minGrade = value;
  }

  let flagLevels = DEFAULT_MONITOR_POLICY.flagLevels;
  if (input.flagLevels !== undefined) {
    const levels = commaList(input.flagLevels);
    const unknown = levels.filter((l) => !(COMPLIANCE_LEVELS as readonly string[]).includes(l));
    if (unknown.length > 0) {
      return err(
        `unknown compliance level${unknown.length > 1 ? "s" : ""} ${unknown.map((l) => `"${l}"`).join(", ")}; valid levels: ${COMPLIANCE_LEVELS.join(", ")}`,
      );
    }
    flagLevels = levels as ComplianceLevel[];
  }

  const uncertaintyKeywords =
    input.keywords === undefined ? DEFAULT_MONITOR_POLICY.uncertaintyKeywords : commaList(input.keywords);
  return ok({ minGrade, flagLevels, uncertaintyKeywords });
}

function commaList(text: string): string[] {
  const items = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return [...new Set(items)];
}
