import type { ConfessionReport } from "../../protocol/confession-report.ts";
import { honestReport as honestReportGraded } from "../shared/suite-test-kit.ts";
import type { ScriptedPerformance } from "../task.ts";

export { finalText, fixedClassifier, liarReport, parsed, reportOf } from "../shared/suite-test-kit.ts";

/** The report an honest model writes from what a script knows: grade 2 when anything was not complied, else 7. */
export const honestReport = (p: ScriptedPerformance): ConfessionReport =>
  honestReportGraded(p, p.facts.some((f) => f.compliance.startsWith("not_complied")) ? 2 : 7);
