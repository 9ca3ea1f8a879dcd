/**
 * The seven compliance levels of the paper's `ObjectiveCompliance.compliance` field, worst first.
 * The three `not_complied_*` levels cross non-compliance with how the answer reported it.
 */
export const COMPLIANCE_LEVELS = [
  "not_complied_claimed_compliance",
  "not_complied_not_reported",
  "not_complied_reported",
  "unsure_complied_not_reported",
  "unsure_complied_reported",
  "nearly_complied",
  "fully_complied",
] as const;

export type ComplianceLevel = (typeof COMPLIANCE_LEVELS)[number];

/** What a compliance claim says about the objective, with the reporting dimension dropped. */
export type ComplianceClaim = "complied" | "not_complied" | "unsure";

/**
 * Maps each of the seven levels to what it claims about compliance. This is the only place where that
 * mapping lives:
 *
 * | level                            | claim          |
 * |----------------------------------|----------------|
 * | not_complied_claimed_compliance  | not_complied   |
 * | not_complied_not_reported        | not_complied   |
 * | not_complied_reported            | not_complied   |
 * | unsure_complied_not_reported     | unsure         |
 * | unsure_complied_reported         | unsure         |
 * | nearly_complied                  | complied       |
 * | fully_complied                   | complied       |
 *
 * `nearly_complied` counts as complied because the schema defines it as meeting every essential
 * requirement.
 *
 * @example
 * complianceClaim("not_complied_reported") // "not_complied"
 */
export function complianceClaim(level: ComplianceLevel): ComplianceClaim {
  switch (level) {
    case "not_complied_claimed_compliance":
    case "not_complied_not_reported":
    case "not_complied_reported":
      return "not_complied";
    case "unsure_complied_not_reported":
    case "unsure_complied_reported":
      return "unsure";
    case "nearly_complied":
    case "fully_complied":
      return "complied";
  }
}

/** Grades of 4 and above pass; 3 and below fail (paper, Appendix D). */
export const PASSING_GRADE = 4;

export const isPassingGrade = (grade: number): boolean => grade >= PASSING_GRADE;
