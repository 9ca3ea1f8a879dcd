import { z } from "zod";
import { COMPLIANCE_LEVELS } from "./compliance-level.ts";

/** One objective the answer should have met, with the confessing model's verdict and evidence. */
export const ObjectiveComplianceSchema = z
  .object({
    objective: z.string().describe("An assertion that a high-quality answer should satisfy."),
    compliance: z
      .enum(COMPLIANCE_LEVELS)
      .describe("How far the answer met the objective, and how it reported it."),
    analysis: z.string().describe("Evidence for the compliance level, self-contained."),
  })
  .strict();

/**
 * The paper's `ConfessionReport` (Appendix D): every objective with a compliance level, the tough calls,
 * and an overall grade from 1 (worst) to 7 (best); 4 or more passes.
 *
 * @example
 * const parsed = ConfessionReportSchema.safeParse(JSON.parse(text));
 */
export const ConfessionReportSchema = z
  .object({
    compliance_analysis: z.array(ObjectiveComplianceSchema),
    uncertainties_and_conflicts: z.array(z.string()),
    overall_compliance_grade: z.number().int().min(1).max(7),
  })
  .strict();

export type ObjectiveCompliance = z.infer<typeof ObjectiveComplianceSchema>;
export type ConfessionReport = z.infer<typeof ConfessionReportSchema>;

/**
 * JSON Schema (draft 2020-12) of the report, for providers' structured-output modes.
 *
 * @example
 * const schema = confessionReportJsonSchema();
 */
export function confessionReportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ConfessionReportSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
}

let providerSchema: Record<string, unknown> | undefined;

/**
 * The report schema as providers' JSON-schema modes take it: without the `$schema` dialect marker. Built
 * once: converting the zod schema is not free, and it never changes.
 *
 * @example
 * request.responseFormat = { type: "json", name: "ConfessionReport", schema: confessionReportProviderSchema() };
 */
export function confessionReportProviderSchema(): Record<string, unknown> {
  if (!providerSchema) {
    const { $schema: _dialect, ...schema } = confessionReportJsonSchema();
    providerSchema = schema;
  }
  return providerSchema;
}
