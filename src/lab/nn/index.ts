// The lab's neural-network toolkit: a tape autograd over Float64Array, a GRU policy, sampling, Adam,
// checkpoints. One import point for the trainer.
export { Adam, type AdamOptions, type AdamSnapshot } from "./adam.ts";
export {
  GRU_CHECKPOINT_VERSION,
  type GruPolicyCheckpoint,
  policyFromCheckpoint,
  policyToCheckpoint,
} from "./checkpoint.ts";
export { type GradCheckResult, gradCheck } from "./grad-check.ts";
export { gruCell } from "./gru-cell.ts";
export {
  GRU_PARAM_NAMES,
  type GruParamName,
  GruPolicy,
  type GruPolicyConfig,
  type PolicyForward,
} from "./gru-policy.ts";
export { gatherRows, pickColumns, stackTime } from "./ops-gather.ts";
export { add, addScalar, matmul, mul, scale, sub } from "./ops-linear.ts";
export { clamp, exp, log, minimum, sigmoid, tanh } from "./ops-pointwise.ts";
export { mean, sum, weightedSum } from "./ops-reduce.ts";
export { logSoftmax, rowEntropy } from "./ops-softmax.ts";
export { PolicySession, type PolicyStep } from "./policy-session.ts";
export { type SampledTokens, type SampleOptions, sampleTokens } from "./sampling.ts";
export {
  additiveMask,
  inputsAt,
  type SequenceBatch,
  sharedAdditiveMask,
  validateBatch,
} from "./sequence-batch.ts";
export { crossEntropyLoss, supervisedStep } from "./supervised.ts";
export { createParam, type GradTensor, type Param, Tape, type Tensor, zeroGrad } from "./tape.ts";
