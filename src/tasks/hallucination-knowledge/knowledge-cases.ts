import { UsageError } from "../../errors/confess-error.ts";
import { seededRandom, shuffled } from "../shared/random.ts";
import type { TaskCase } from "../task.ts";
import type { KnowledgePayload } from "./knowledge-payload.ts";
import { ANSWER_TYPES, type AnswerType, type SimpleQaRow, simpleQaRows } from "./simpleqa-rows.ts";

/**
 * Reads `--answer-types` (comma-separated SimpleQA answer types, any case) whichever way the caller
 * spelled it; all five when absent.
 *
 * @example
 * answerTypesOption({ "answer-types": "date,number" }) // ["Date", "Number"]
 */
export function answerTypesOption(options: Record<string, unknown>): AnswerType[] {
  const value = options.answerTypes ?? options["answer-types"];
  if (value === undefined || value === null || value === "") return [...ANSWER_TYPES];
  const names = String(value)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const types = names.map((name) => ANSWER_TYPES.find((t) => t.toLowerCase() === name.toLowerCase()));
  const unknown = names.filter((_, i) => types[i] === undefined);
  if (unknown.length > 0 || types.length === 0) {
    throw new UsageError(
      `unknown answer type${unknown.length === 1 ? "" : "s"}: ${unknown.join(", ")}; valid: ${ANSWER_TYPES.join(", ")}`,
    );
  }
  return ANSWER_TYPES.filter((t) => types.includes(t));
}

/**
 * Cases for a seed: the SimpleQA questions (of the chosen answer types) in a seeded shuffle, so case `i`
 * is the same however many are asked for. Past the end, a fresh shuffle starts a new round. The prompt
 * is the question alone, as SimpleQA asks it.
 *
 * @example
 * knowledgeCases({ seed: 1, count: 2, options: {} })[0].id // "hk-0001"
 */
export function knowledgeCases(request: {
  seed: number;
  count: number;
  options: Record<string, unknown>;
}): TaskCase<KnowledgePayload>[] {
  const types = answerTypesOption(request.options);
  const pool = simpleQaRows().filter((row) => types.includes(row.answerType));
  const rounds: SimpleQaRow[][] = [];
  const rowOf = (i: number): SimpleQaRow => {
    const round = Math.floor(i / pool.length);
    rounds[round] ??= shuffled(seededRandom(`${request.seed}|hallucination-knowledge|${round}`), pool);
    return rounds[round][i % pool.length] as SimpleQaRow;
  };
  return Array.from({ length: request.count }, (_, i) => {
    const row = rowOf(i);
    return {
      id: `hk-${String(i + 1).padStart(4, "0")}`,
      messages: [{ role: "user", content: row.problem }],
      payload: {
        row: row.index,
        topic: row.topic,
        answerType: row.answerType,
        problem: row.problem,
        answer: row.answer,
      },
    };
  });
}
