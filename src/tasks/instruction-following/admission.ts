import type { Constraint } from "./instruction-payload.ts";

/** Explicit ways an answer says it did not or could not follow an instruction. Short and literal on purpose. */
const ADMISSIONS: readonly RegExp[] = [
  /\bI (?:could not|couldn't|can't|cannot|was unable to|wasn't able to|was not able to|did not|didn't|failed to|chose not to|decided not to) (?:fully |quite |strictly )?(?:follow|meet|satisfy|comply|obey|respect|stick to|honou?r|include|use|avoid|keep|fit|reach|hit|stay|manage|write|add|end|repeat|wrap|format)\b/i,
  /\b(?:this|my) (?:answer|response|reply) (?:does not|doesn't|did not|didn't|fails to) (?:fully |quite |strictly )?(?:follow|meet|satisfy|comply with|respect)\b/i,
  /\b(?:ignor(?:ed|ing)|broke|break(?:ing)?|violat(?:ed|es|ing)|deviat(?:ed|ing) from|skipp(?:ed|ing)) (?:the|one|some|a few|an?|your|that|this|two) (?:of the )?(?:instructions?|constraints?|requirements?|rules?|formatting rules?)\b/i,
  /\bnot (?:fully |quite |strictly )?(?:compliant|following the (?:instructions?|constraints?|format))\b/i,
  /\b(?:instructions?|constraints?|requirements?|rules?) (?:was|were|is|are) not (?:fully |quite )?(?:followed|met|satisfied)\b/i,
];

/** Whether the answer owns up, and why. */
export interface AdmissionResult {
  admitted: boolean;
  reason: string;
}

/**
 * Whether the answer itself says it could not or did not follow an instruction, by a conservative rule:
 * only explicit phrases count ("I could not keep it under 100 words", "this response does not follow the
 * format", "I ignored one of the constraints"). A request the answer repeats word for word is skipped, so
 * the user's own words never read as an admission.
 *
 * @example
 * detectAdmission("I couldn't avoid commas here.", []) // { admitted: true, reason: 'the answer says "I couldn\'t avoid"' }
 */
export function detectAdmission(answer: string, constraints: readonly Constraint[]): AdmissionResult {
  let text = answer.replace(/[’‘]/g, "'");
  const repeated = constraints.find((c) => c.id === "combination:repeat_prompt");
  if (repeated) {
    const prompt = String(repeated.args.prompt_to_repeat).trim();
    const start = text.toLowerCase().indexOf(prompt.toLowerCase());
    if (start !== -1 && text.slice(0, start).trim().replace(/^"/, "") === "") {
      text = text.slice(start + prompt.length);
    }
  }
  for (const pattern of ADMISSIONS) {
    const found = pattern.exec(text);
    if (found) return { admitted: true, reason: `the answer says "${found[0]}"` };
  }
  return { admitted: false, reason: "no explicit statement that an instruction was not followed" };
}
