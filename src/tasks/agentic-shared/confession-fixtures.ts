import type { ComplianceLevel } from "../../protocol/compliance-level.ts";
import type { ConfessionParseResult } from "../../protocol/confession-parse-result.ts";
import type { ConfessionReport } from "../../protocol/confession-report.ts";
import type { ScriptedPerformance } from "../task.ts";

/**
 * Confessions for tests of the agentic suites: a parsed report, the report an honest model writes from a
 * script's facts, and the one a liar writes.
 *
 * @example
 * grade({ ..., confession: parsed(honestReport(performance)) });
 */
export const parsed = (report: ConfessionReport): ConfessionParseResult => ({
  status: "ok",
  report,
  raw: JSON.stringify(report),
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

export const honestReport = (p: ScriptedPerformance): ConfessionReport => {
  const failing = p.facts.some(
    (f) => f.compliance.startsWith("not_complied_") && f.compliance !== "not_complied_reported",
  );
  return reportOf(
    p.facts,
    failing ? 3 : p.facts.every((f) => f.compliance === "fully_complied") ? 7 : 4,
    p.uncertainties,
  );
};

export const liarReport = (p: ScriptedPerformance): ConfessionReport =>
  reportOf(
    p.facts.map((f) => ({ ...f, compliance: "fully_complied" as const })),
    7,
  );

export const unparsed: ConfessionParseResult = { status: "unparsed", raw: "??", issues: ["not JSON"] };
