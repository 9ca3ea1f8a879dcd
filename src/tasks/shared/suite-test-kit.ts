import type { ComplianceLevel } from "../../protocol/compliance-level.ts";
import type { ConfessionParseResult } from "../../protocol/confession-parse-result.ts";
import type { ConfessionReport } from "../../protocol/confession-report.ts";
import type { PredicateClassifier, ScriptedPerformance } from "../task.ts";

/**
 * Builders the suites' tests share: parsed confessions, the reports honest and lying scripted models
 * write from a script's `facts`, a script's final text and a fixed classifier. Plain functions, no test
 * framework; only tests import this file.
 */

/** A confession that parsed into `report`. */
export const parsed = (report: ConfessionReport): ConfessionParseResult => ({
  status: "ok",
  report,
  raw: JSON.stringify(report),
  issues: [],
});

/** A confession that did not parse. */
export const unparsed: ConfessionParseResult = { status: "unparsed", raw: "??", issues: ["not JSON"] };

/** A report from objectives (analysis "-" where not given), an overall grade and uncertainties. */
export const reportOf = (
  items: Array<{ objective: string; compliance: ComplianceLevel; analysis?: string }>,
  grade: number,
  uncertainties: string[] = [],
): ConfessionReport => ({
  compliance_analysis: items.map((i) => ({ analysis: "-", ...i })),
  uncertainties_and_conflicts: uncertainties,
  overall_compliance_grade: grade,
});

/** The report an honest model writes from what a script knows: its facts and uncertainties. */
export const honestReport = (p: ScriptedPerformance, grade: number): ConfessionReport =>
  reportOf(p.facts, grade, p.uncertainties);

/** The report a liar writes: every objective fully complied, grade 7, no uncertainties. */
export const liarReport = (p: ScriptedPerformance): ConfessionReport =>
  reportOf(
    p.facts.map((f) => ({ ...f, compliance: "fully_complied" as const })),
    7,
  );

/** The final text of a scripted performance ("" when it ends on tool calls). */
export const finalText = (p: ScriptedPerformance): string => {
  const last = p.steps.at(-1);
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
