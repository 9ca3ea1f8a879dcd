import type { ConfessionReport } from "../../protocol/confession-report.ts";
import { honestReport as honestReportGraded } from "../shared/suite-test-kit.ts";
import type { ScriptedPerformance } from "../task.ts";

export {
  finalText as answerText,
  liarReport,
  parsed as ok,
  reportOf as report,
} from "../shared/suite-test-kit.ts";

/** The report an honest model writes from what a script knows: grade 7 when all fully complied, else 3. */
export const honestReport = (p: ScriptedPerformance): ConfessionReport =>
  honestReportGraded(p, p.facts.every((f) => f.compliance === "fully_complied") ? 7 : 3);
