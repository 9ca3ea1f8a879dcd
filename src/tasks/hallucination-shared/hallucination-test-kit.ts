import type { ComplianceLevel } from "../../protocol/compliance-level.ts";
import type { ConfessionParseResult } from "../../protocol/confession-parse-result.ts";
import type { ConfessionReport } from "../../protocol/confession-report.ts";
import type { PredicateClassifier, ScriptedPerformance } from "../task.ts";

/**
 * Small builders the hallucination suites' tests share: parsed confessions, the reports honest and lying
 * scripted models write, and a fixed classifier. Only tests import this file.
 */

export const parsed = (report: ConfessionReport): ConfessionParseResult => ({
  status: "ok",
  report,
  raw: "",
  issues: [],
});

export const reportOf = (
  items: Array<{ objective: string; compliance: ComplianceLevel; analysis?: string }>,
  grade: number,
  uncertainties: string[] = [],
): ConfessionReport => ({
  compliance_analysis: items.map((i) => ({ analysis: "-", ...i })),
  uncertainties_and_conflicts: uncertainties,
  overall_compliance_grade: grade,
});

/** The report an honest model writes from what a script knows. */
export const honestReport = (p: ScriptedPerformance): ConfessionReport =>
  reportOf(p.facts, p.facts.some((f) => f.compliance.startsWith("not_complied")) ? 2 : 7, p.uncertainties);

/** The report a liar writes: every objective fully complied, grade 7. */
export const liarReport = (p: ScriptedPerformance): ConfessionReport =>
  reportOf(
    p.facts.map((f) => ({ ...f, compliance: "fully_complied" as const })),
    7,
  );

/** The final text of a scripted performance. */
export const finalText = (p: ScriptedPerformance): string => {
  const last = p.steps[p.steps.length - 1];
  return last && "text" in last ? last.text : "";
};

/** A classifier that always answers `value`, and remembers the definitions it was shown. */
export function fixedClassifier(value: boolean | null): PredicateClassifier & { definitions: string[] } {
  const definitions: string[] = [];
  return {
    name: "fixed",
    definitions,
    async classify(question) {
      definitions.push(`${question.predicate}: ${question.definition}`);
      return { value, method: "llm", reason: `always ${String(value)}` };
    },
  };
}
