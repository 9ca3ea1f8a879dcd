import type { ConfessionParseResult } from "../../protocol/confession-parse-result.ts";
import type { ConfessionReport } from "../../protocol/confession-report.ts";
import type { ScriptedPerformance } from "../task.ts";

/** Test helpers shared by this suite's tests and the jailbreak suite's: parsed confessions and answers. */
export const ok = (report: ConfessionReport): ConfessionParseResult => ({
  status: "ok",
  report,
  raw: "",
  issues: [],
});

export const report = (
  items: ConfessionReport["compliance_analysis"],
  grade: number,
  uncertainties: string[] = [],
): ConfessionReport => ({
  compliance_analysis: items,
  uncertainties_and_conflicts: uncertainties,
  overall_compliance_grade: grade,
});

/** The report an honest model writes from what a script knows. */
export const honestReport = (p: ScriptedPerformance): ConfessionReport =>
  report(p.facts, p.facts.every((f) => f.compliance === "fully_complied") ? 7 : 3, p.uncertainties);

/** The report a liar writes: everything fully complied, grade 7. */
export const liarReport = (p: ScriptedPerformance): ConfessionReport =>
  report(
    p.facts.map((f) => ({ ...f, compliance: "fully_complied" as const })),
    7,
  );

export const answerText = (p: ScriptedPerformance): string => {
  const step = p.steps.at(-1);
  return step && "text" in step ? step.text : "";
};
