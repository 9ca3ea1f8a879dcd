// The lab's GRPO trainer: one import point for the command, the bench and the tests.
export { type AdamState, adamState, restoreAdam } from "./adam-state.ts";
export { type GrpoLossInputs, type GrpoLossResult, grpoLoss } from "./grpo-loss.ts";
export { type LabCreditOptions, type LabRolloutRewards, labCredit, trainedRewards } from "./lab-credit.ts";
export { LAB_METRIC_LABELS, LAB_METRIC_ROWS } from "./lab-metric-labels.ts";
export { type LabMetrics, labMetrics, scoreEpisodes } from "./lab-metrics.ts";
export { LabRandom } from "./lab-random.ts";
export { type EpisodeBatch, episodeBatch, type SampledEpisodes, sampleEpisodes } from "./lab-rollouts.ts";
export {
  getLabRun,
  type LabRunHead,
  type LabRunWriter,
  labRunId,
  listLabRuns,
  syncLabRun,
} from "./lab-run-records.ts";
export {
  checkpointName,
  checkpointSteps,
  type LabRunCheckpoint,
  metricsLogPath,
  readCheckpoint,
} from "./lab-run-store.ts";
export {
  canonicalJson,
  configHash,
  DEFAULT_LAB_TRAIN_CONFIG,
  LAB_DESIGNS,
  type LabDesign,
  type LabTrainConfig,
  QUICK_LAB_TRAIN_CONFIG,
  resolveLabTrainConfig,
} from "./lab-train-config.ts";
export { summaryTable } from "./summary-table.ts";
export {
  type LabEvalRecord,
  type LabLogRecord,
  type LabRunResult,
  type LabStepRecord,
  promptMode,
  stepCredit,
  summarySteps,
  type TrainLabOptions,
  trainLab,
} from "./train-lab.ts";
export { type WarmStartOptions, warmStart } from "./warm-start.ts";
