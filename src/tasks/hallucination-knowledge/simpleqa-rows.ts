import { readFileSync } from "node:fs";
import { parseCsv } from "./parse-csv.ts";
import { readPythonLiteral } from "./python-literal.ts";

/** The five SimpleQA answer types. */
export const ANSWER_TYPES = ["Date", "Number", "Person", "Place", "Other"] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

/** One SimpleQA question. `index` is its 0-based row in the CSV, so it identifies the question. */
export interface SimpleQaRow {
  index: number;
  topic: string;
  answerType: AnswerType;
  problem: string;
  answer: string;
}

export const SIMPLEQA_ATTRIBUTION =
  'SimpleQA test set, Copyright (c) 2024 OpenAI, from openai/simple-evals (https://github.com/openai/simple-evals), MIT License. Wei et al., "Measuring short-form factuality in large language models", arXiv:2411.04368.';

/**
 * Reads the SimpleQA CSV text into rows. Throws on a header or metadata it does not understand, so a
 * damaged data file is noticed rather than silently shrinking the suite.
 *
 * @example
 * parseSimpleQa('metadata,problem,answer\n"{\'topic\': \'Art\', \'answer_type\': \'Date\'}",When?,1907\n')
 */
export function parseSimpleQa(csv: string): SimpleQaRow[] {
  const [header, ...records] = parseCsv(csv);
  if (header?.join(",") !== "metadata,problem,answer") {
    throw new Error(`SimpleQA CSV: unexpected header ${JSON.stringify(header)}`);
  }
  return records.map(([metadata = "", problem = "", answer = ""], index) => {
    const meta = readPythonLiteral(metadata);
    if (typeof meta !== "object" || meta === null || Array.isArray(meta)) {
      throw new Error(`SimpleQA CSV row ${index + 1}: metadata is not a dict`);
    }
    const answerType = meta.answer_type;
    if (!ANSWER_TYPES.includes(answerType as AnswerType)) {
      throw new Error(`SimpleQA CSV row ${index + 1}: unknown answer_type ${JSON.stringify(answerType)}`);
    }
    return {
      index,
      topic: String(meta.topic ?? ""),
      answerType: answerType as AnswerType,
      problem: problem.trim(),
      answer: answer.trim(),
    };
  });
}

let cached: SimpleQaRow[] | undefined;

/** All SimpleQA rows, read from `data/simpleqa/` on first use and kept. */
export function simpleQaRows(): SimpleQaRow[] {
  cached ??= parseSimpleQa(
    readFileSync(new URL("../../../data/simpleqa/simple_qa_test_set.csv", import.meta.url), "utf8"),
  );
  return cached;
}
