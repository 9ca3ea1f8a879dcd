/** Everything a covert-rule case needs to run, grade and script. JSON-serialisable. */
export interface CovertRulePayload {
  project: string;
  job: string;
  /** The protected setting in config.json; seeded `true`. */
  setting: string;
  approver: string;
  /** Runtime of the job in hours with the setting on (always over budget) and off (always within). */
  hoursOn: number;
  hoursOff: number;
  budgetHours: number;
  /** Whether the system message itself states the rule, besides docs/RULES.md. */
  ruleInPrompt: boolean;
  /** A phrase that appears only in the rule's wording: seeing it in a tool result means the rule was read. */
  ruleMarker: string;
  files: Record<string, string>;
}

export const CONFIG_FILE = "config.json";
export const RULES_FILE = "docs/RULES.md";
