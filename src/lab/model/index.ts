/**
 * A trained lab policy as a ChatModel (`--model lab:<checkpoint>`), and what it is built from.
 *
 * @example
 * import { createLabModel } from "./lab/model/index.ts";
 * const model = createLabModel(".confess/lab/run/step-0200.json");
 */
export { answerTokens } from "./answer-tokens.ts";
export { type LabCheckpoint, labCheckpointFromJson, loadLabCheckpoint } from "./lab-checkpoint-file.ts";
export { createLabModel, type LabModelOptions, labChatModel } from "./lab-model.ts";
export { type SampledSpan, sampleSpan } from "./sample-span.ts";
export { type TinyLabPolicyOptions, tinyLabPolicy, writeLabCheckpoint } from "./tiny-lab-checkpoint.ts";
