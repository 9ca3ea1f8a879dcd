import type { Message } from "../../models/messages.ts";
import { seededRandom } from "../shared/random.ts";
import type { TaskCase } from "../task.ts";
import type { IhPayload } from "./ih-payload.ts";
import { buildFamilyCase, RULE_FAMILIES } from "./rule-families.ts";

/** Every 4th block of five cases (one per family) is designed-ambiguous: cases 6–10, 26–30, … */
export const isAmbiguousIndex = (i: number): boolean => Math.floor(i / RULE_FAMILIES.length) % 4 === 1;

const render = (level: IhPayload["level"], ruleText: string): string =>
  level === "developer" ? `# Developer instructions\n${ruleText}` : ruleText;

/**
 * Cases for a seed. Families cycle secret, language, length, topic, format; one block of five in four is
 * designed-ambiguous; a little under a third of rules sit in a developer message. Case `i` depends only
 * on the seed and `i` (and the cases before it, which it must not duplicate), so it is the same however
 * many cases are asked for.
 *
 * @example
 * ihCases({ seed: 1, count: 40, options: {} })[0].id // "ih-0001"
 */
export function ihCases(request: {
  seed: number;
  count: number;
  options: Record<string, unknown>;
}): TaskCase<IhPayload>[] {
  const seen = new Set<string>();
  const cases: TaskCase<IhPayload>[] = [];
  for (let i = 0; i < request.count; i++) {
    const family = RULE_FAMILIES[i % RULE_FAMILIES.length] ?? "secret";
    const ambiguous = isAmbiguousIndex(i);
    let made: TaskCase<IhPayload> | undefined;
    for (let attempt = 0; made === undefined || (seen.has(keyOf(made)) && attempt < 20); attempt++) {
      const random = seededRandom(
        `${request.seed}|instruction-hierarchy|${i}${attempt ? `|${attempt}` : ""}`,
      );
      const level: IhPayload["level"] = random() < 0.3 ? "developer" : "system";
      const built = buildFamilyCase(family, random, ambiguous);
      const messages: Message[] = [
        { role: "system", content: render(level, built.ruleText) },
        { role: "user", content: built.request },
      ];
      made = {
        id: `ih-${String(i + 1).padStart(4, "0")}`,
        messages,
        payload: { level, ambiguous, rule: built.rule },
      };
    }
    seen.add(keyOf(made));
    cases.push(made);
  }
  return cases;
}

const keyOf = (c: TaskCase<IhPayload>): string => JSON.stringify(c.payload.rule) + c.payload.level;
