/**
 * confessional: make language models confess.
 *
 * The protocol (schema, request, parser) is the contract; models, tasks, the runner, the store and the
 * metrics build on it. Exports are grouped by folder: audit, conditions, errors, judges, metrics, models,
 * monitor, protocol, runs, store, tasks, training, web (the viewer).
 * @module
 */

export { type AuditRunOptions, auditRun, honestyAuditJudge } from "./audit/audit-run.ts";
export { formatAudit } from "./audit/format-audit.ts";
export {
  MANIPULATION_DESCRIPTIONS,
  MANIPULATIONS,
  type Manipulation,
  manipulateConfession,
} from "./audit/manipulations.ts";
export { type AuditJudge, type AuditReport, runAudit } from "./audit/run-audit.ts";
export {
  findStressCondition,
  STRESS_CONDITIONS,
  type StressCondition,
  type StressConditionName,
  underCondition,
} from "./conditions/stress-condition.ts";
export { ConfessError, type ConfessErrorCode, isFatalError, UsageError } from "./errors/confess-error.ts";
export type { Result } from "./errors/result.ts";
export { type AskJudgeOptions, askJudge, readJudgeReply } from "./judges/ask-judge.ts";
export { type CalibrationConfession, calibrationConfession } from "./judges/calibration-confession.ts";
export { confidenceJudge, confidenceJudgeKind, extractConfidence } from "./judges/confidence-judge.ts";
export { confidenceByRule, ruleConfidenceJudge } from "./judges/confidence-rule.ts";
export { type CreateJudgeModelOptions, createJudgeModel } from "./judges/create-judge-model.ts";
export { type ConfessionOutcome, ERROR_CAUSES, type ErrorCause } from "./judges/error-cause.ts";
export {
  classifyErrorCause,
  type ErrorCauseInput,
  errorCauseJudge,
  errorCauseJudgeKind,
} from "./judges/error-cause-judge.ts";
export { errorCauseByRule, ruleErrorCauseJudge } from "./judges/error-cause-rule.ts";
export {
  combineHonesty,
  type DimensionScore,
  HONESTY_WEIGHTS,
  type HonestyAssessment,
  type HonestyScores,
  honestyJudge,
  honestyJudgeKind,
  judgeHonesty,
} from "./judges/honesty-judge.ts";
export {
  isJudge,
  type Judge,
  type JudgeCallOptions,
  type JudgeKind,
  type JudgeMethod,
  type JudgeVerdict,
  type JudgeView,
  type ScriptedJudgeProfile,
  type VerdictStatus,
} from "./judges/judge.ts";
export { JUDGE_KINDS } from "./judges/judge-kinds.ts";
export { judgeViewOf } from "./judges/judge-view.ts";
export { createLlmPredicateClassifier, predicateJudgeKind } from "./judges/predicate-classifier.ts";
export {
  judgeTaskPass,
  type TaskPassReply,
  taskPassJudge,
  taskPassJudgeKind,
} from "./judges/task-pass-judge.ts";
export { createLabModel } from "./lab/model/index.ts";
export { agreement, type LabelPair } from "./metrics/agreement.ts";
export { type CalibrationBin, calibrationBins, expectedCalibrationError } from "./metrics/calibration.ts";
export { clusteredProportionInterval } from "./metrics/clustered-interval.ts";
export { formatComparison, formatJudgeMetrics } from "./metrics/format-judges.ts";
export { formatTable } from "./metrics/format-table.ts";
export type { JudgeMetrics } from "./metrics/judge-metrics.ts";
export { type Comparison, type ComparisonBlock, compareSamples } from "./metrics/paired-bootstrap.ts";
export { rocAuc, rocAucWithInterval } from "./metrics/roc-auc.ts";
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
  type ApiKeyInfo,
  createApiKey,
  createKeyVerifier,
  type KeyVerifier,
  listApiKeys,
  revokeApiKey,
} from "./monitor/api-keys.ts";
export { type ConfessInput, type ConfessResult, confess } from "./monitor/confess.ts";
export {
  type ConfessionInfo,
  type ConfessionMetadata,
  type ConfessionMiddleware,
  type ConfessionMiddlewareOptions,
  confessionMetadata,
  confessionMiddleware,
} from "./monitor/confession-middleware.ts";
export {
  DEFAULT_MONITOR_POLICY,
  type MonitorPolicy,
  type PolicyReading,
  parsePolicyOptions,
  readConfession,
} from "./monitor/monitor-policy.ts";
export { type MonitorStats, MonitorStore } from "./monitor/monitor-store.ts";
export type {
  MonitorAnswer,
  MonitorConfessionRecord,
  MonitorMode,
  MonitorRequestRecord,
  MonitorSink,
} from "./monitor/monitor-types.ts";
export type { MonitorServerOptions } from "./monitor/proxy/monitor-server-options.ts";
export { type MonitorServer, startMonitorServer } from "./monitor/proxy/start-monitor-server.ts";
export { openWorkerSink } from "./monitor/proxy/worker-sink.ts";
export { inSample } from "./monitor/sampling.ts";
export { surfaceNotice } from "./monitor/surface-notice.ts";
export { createWebhookNotifier, type WebhookNotifier } from "./monitor/webhook.ts";
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
export { type JudgeRunOptions, type JudgeRunResult, judgeRun } from "./runs/judge-run.ts";
export { rescoreRun } from "./runs/rescore-run.ts";
export { type EvalGrid, type RunEvalOptions, type RunEvalResult, runEval } from "./runs/run-eval.ts";
export { type RunView, runSummary, runView } from "./runs/run-view.ts";
export { SAMPLE_CELLS, type SampleCell, sampleCellOf } from "./runs/sample-cell.ts";
export { createGroundTruthScorer, scoreSample } from "./runs/score-sample.ts";
export { loadScoredSamples } from "./runs/scored-samples.ts";
export { createCalibrationScorer } from "./runs/scorers/calibration-scorer.ts";
export { createClassifierScorer } from "./runs/scorers/classifier-scorer.ts";
export { createConfidenceScorer } from "./runs/scorers/confidence-scorer.ts";
export { createErrorCauseScorer } from "./runs/scorers/error-cause-scorer.ts";
export { createHonestyScorer } from "./runs/scorers/honesty-scorer.ts";
export { type SampleScorer, type ScoringContext, scoreWith } from "./runs/scorers/sample-scorer.ts";
export { type ScoringPlan, scorersFor } from "./runs/scorers/scoring-plan.ts";
export { createTaskJudgeScorer } from "./runs/scorers/task-judge-scorer.ts";
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
export { labelTrustingJudge, weakJudge as wordCountWeakJudge } from "./tasks/word-count/weak-judge.ts";
export { wordCountTask } from "./tasks/word-count/word-count-task.ts";
export { type BuildEpisodesOptions, buildEpisodes } from "./training/build-episodes.ts";
export { claimMatch } from "./training/claim-match.ts";
export { DEFAULT_CONFESSION_P, episodeMode } from "./training/episode-mode.ts";
export {
  EPISODE_SCHEMA,
  type EpisodeDesign,
  type EpisodeMode,
  type EpisodeRecord,
  type EpisodeSpan,
  episodeLine,
} from "./training/episode-record.ts";
export { EXPORT_FORMATS, type ExportFormat, exportRow, writeEpisodes } from "./training/export-formats.ts";
export {
  ADVANTAGE_ESTIMATORS,
  type AdvantageEstimator,
  groupAdvantages,
  streamAdvantages,
} from "./training/group-advantages.ts";
export * as rewardApi from "./training/reward-api.ts";
export { createRewardApp } from "./training/service/create-reward-app.ts";
export type { RewardServiceOptions } from "./training/service/reward-service-options.ts";
export { type RewardServer, startRewardServer } from "./training/service/start-reward-server.ts";
export { spanCredit, tokenAdvantages } from "./training/token-credit.ts";
export { buildReportHtml } from "./web/report-html.ts";
export { createViewerApp, type ViewerAppOptions } from "./web/server/create-viewer-app.ts";
export { startViewerServer, type ViewerServer } from "./web/server/start-viewer-server.ts";
export type * from "./web/viewer-api.ts";
