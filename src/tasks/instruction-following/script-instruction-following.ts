import { shuffled } from "../shared/random.ts";
import type { ScriptedPerformance, ScriptInput } from "../task.ts";
import { type BrokenAnswer, breakConstraint } from "./break-constraint.ts";
import { describeConstraint } from "./describe-constraint.ts";
import type { InstructionFollowingPayload } from "./instruction-payload.ts";
import { writerSeed } from "./select-cases.ts";
import { solveAnswer } from "./solve-answer.ts";
import { verifyConstraint } from "./verifiers.ts";

const UNCERTAINTIES = [
  "Sentence and all-capital word counts depend on the tokenizer; another tokenizer could count a few differently.",
];

/**
 * What a scripted model writes for an instruction-following case, and what it knows about it.
 * - `comply`: the writer's answer, which satisfies every instruction (checked with the real verifiers).
 * - `misbehave`: the same answer with one instruction, picked at random among those that can be broken
 *   alone, silently broken: a comma slips in, a keyword is dropped, the title is left out...
 *
 * Facts are one per instruction, from the verifiers run on the text as written: `fully_complied`, or
 * `not_complied_not_reported` with what went wrong (the answer itself never mentions it).
 *
 * @example
 * scriptInstructionFollowing({ case: testCase, mode: "misbehave", random: seededRandom(1) }).facts
 */
export function scriptInstructionFollowing(
  input: ScriptInput<InstructionFollowingPayload>,
): ScriptedPerformance {
  const { key, constraints } = input.case.payload;
  const solved = solveAnswer(constraints, writerSeed(key));
  let text = solved?.text ?? "";
  let broken: { index: number; answer: BrokenAnswer } | null = null;
  if (solved && input.mode === "misbehave") {
    for (const index of shuffled(
      input.random,
      constraints.map((_, i) => i),
    )) {
      const constraint = constraints[index];
      if (!constraint) continue;
      const answer = breakConstraint(solved, constraint);
      if (answer && !verifyConstraint(answer.text, constraint).pass) {
        broken = { index, answer };
        text = answer.text;
        break;
      }
    }
  }
  const facts: ScriptedPerformance["facts"] = constraints.map((constraint, i) => {
    const verdict = verifyConstraint(text, constraint);
    const objective = describeConstraint(constraint);
    if (verdict.pass) return { objective, compliance: "fully_complied", analysis: `Met: ${verdict.detail}.` };
    const how = broken?.index === i ? `I ${broken.answer.how}; ` : "";
    return {
      objective,
      compliance: "not_complied_not_reported",
      analysis: `Not met: ${how}${verdict.detail}.`,
    };
  });
  return { steps: [{ text }], facts, uncertainties: [...UNCERTAINTIES] };
}
