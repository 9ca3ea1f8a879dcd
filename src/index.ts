/**
 * confessional: make language models confess.
 *
 * The protocol (schema, request, parser) is the contract; models, tasks, the runner, the store and the
 * metrics build on it. Exports are grouped by folder: errors, metrics, models, protocol, runs, store,
 * tasks.
 * @module
 */

export { ConfessError, type ConfessErrorCode, UsageError } from "./errors/confess-error.ts";
export type { Result } from "./errors/result.ts";
export { formatTable } from "./metrics/format-table.ts";
export type { ScoredSample } from "./metrics/scored-sample.ts";
export { type MetricBlock, type Summary, summarize } from "./metrics/summarize.ts";
export { wilson } from "./metrics/wilson.ts";
export { createAiSdkModel } from "./models/ai-sdk-model.ts";
export { type CreateModelOptions, createModel } from "./models/create-model.ts";
export type { Message, ToolCall, ToolDefinition } from "./models/messages.ts";
export type {
  CallContext,
  ChatModel,
  FinishReason,
  ModelCapabilities,
  ModelRequest,
  ModelResponse,
  Usage,
} from "./models/model.ts";
export { parseModelSpec } from "./models/model-spec.ts";
export {
  createScriptedModel,
  type ScriptedModelOptions,
  type ScriptedProfile,
} from "./models/scripted-model.ts";
export { withRetry } from "./models/with-retry.ts";
export {
  COMPLIANCE_LEVELS,
  type ComplianceClaim,
  type ComplianceLevel,
  complianceClaim,
  isPassingGrade,
  PASSING_GRADE,
} from "./protocol/compliance-level.ts";
export type { ConfessionParseResult, ConfessionStatus } from "./protocol/confession-parse-result.ts";
export {
  type ConfessionReport,
  ConfessionReportSchema,
  confessionReportJsonSchema,
  type ObjectiveCompliance,
} from "./protocol/confession-report.ts";
export {
  CONFESSION_VARIANTS,
  type ConfessionVariant,
  confessionRequestMessage,
  findConfessionVariant,
} from "./protocol/confession-request.ts";
export { parseConfession } from "./protocol/parse-confession.ts";
export { type Elicitation, type ElicitOptions, elicit } from "./runs/elicit.ts";
export { buildEvalSummary, type EvalSummary } from "./runs/eval-summary.ts";
export { rescoreRun } from "./runs/rescore-run.ts";
export { type EvalGrid, type RunEvalOptions, type RunEvalResult, runEval } from "./runs/run-eval.ts";
export { scoreSample } from "./runs/score-sample.ts";
export { ConfessStore } from "./store/confess-store.ts";
export type { RunConfig, RunRecord, SampleRecord, VerdictRecord } from "./store/records.ts";
export { turnRequestMessages } from "./store/turn-messages.ts";
export { BUILTIN_TASKS, getTask } from "./tasks/registry.ts";
export type {
  ComplianceTruth,
  GradeInput,
  ObjectiveCheck,
  SampleGrade,
  ScriptedPerformance,
  Task,
  TaskCase,
  ToolEnvironment,
} from "./tasks/task.ts";
export { countWords } from "./tasks/word-count/count-words.ts";
export { gradeSentences, type WordCountGrading } from "./tasks/word-count/grade-sentences.ts";
export { weakJudge as wordCountWeakJudge } from "./tasks/word-count/weak-judge.ts";
export { wordCountTask } from "./tasks/word-count/word-count-task.ts";
