import type { AnswerType } from "./simpleqa-rows.ts";

/** One SimpleQA question as a case: what grading and the scripted model need. */
export interface KnowledgePayload {
  /** 0-based row of the question in `data/simpleqa/simple_qa_test_set.csv`. */
  row: number;
  topic: string;
  answerType: AnswerType;
  problem: string;
  /** The gold target. */
  answer: string;
}
