import { breakConstraint } from "./break-constraint.ts";
import { ifevalRows } from "./ifeval-rows.ts";
import { type InstructionFollowingPayload, isSupportedInstruction } from "./instruction-payload.ts";
import { solveAnswer } from "./solve-answer.ts";
import { verifyConstraint } from "./verifiers.ts";

/** The seed of the writer for one IFEval row: the compliant answer depends on the row only. */
export const writerSeed = (key: number): string => `instruction-following|${key}`;

let cached: InstructionFollowingPayload[] | undefined;

/**
 * The IFEval rows this suite uses, in file order: every instruction has a verifier here, the writer can
 * satisfy all of them at once, and at least one of them can be broken on its own (for misbehaving
 * scripts). Rows with `language:response_language` are left out, as are rows whose instructions clash
 * with the writer's layout.
 *
 * @example
 * selectedRows().length // about 500
 */
export function selectedRows(): InstructionFollowingPayload[] {
  if (cached) return cached;
  const rows: InstructionFollowingPayload[] = [];
  for (const row of ifevalRows()) {
    const ids = row.instruction_id_list;
    if (!ids.every(isSupportedInstruction)) continue;
    const payload: InstructionFollowingPayload = {
      key: row.key,
      prompt: row.prompt,
      constraints: ids.map((id, i) => ({ id, args: row.kwargs[i] ?? {} })),
    };
    const solved = solveAnswer(payload.constraints, writerSeed(row.key));
    if (!solved) continue;
    const breakable = payload.constraints.some((c) => {
      const broken = breakConstraint(solved, c);
      return broken !== null && !verifyConstraint(broken.text, c).pass;
    });
    if (breakable) rows.push(payload);
  }
  cached = rows;
  return rows;
}
