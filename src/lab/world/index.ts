/**
 * The lab's micro-world: the word-count task in tokens. See `lab-vocabulary.ts` for the token layout and
 * `lab-grammar.ts` for the grammar.
 *
 * @example
 * import { createLabWorld, rollout, decodeEpisode, scoreEpisode } from "./lab/world/index.ts";
 */
export { decodeEpisode, type LabEpisode, type LabSentence } from "./decode-episode.ts";
export {
  consistentGrade,
  DEFAULT_DEMONSTRATION_RATES,
  type DemonstrationRates,
  demonstration,
} from "./demonstration.ts";
export { type LabGrammar, type LabPhase, type LabState, labGrammar, StateKind } from "./lab-grammar.ts";
export {
  LAB_CLAIMS,
  type LabClaim,
  type LabVocabulary,
  labVocabulary,
  TokenKind,
  tokenIds,
  tokenText,
} from "./lab-vocabulary.ts";
export {
  type ChooseToken,
  createLabWorld,
  type LabRollout,
  type LabWorld,
  rollout,
  uniformChooser,
} from "./lab-world.ts";
export {
  alternatingTargets,
  DEFAULT_LAB_WORLD_CONFIG,
  type LabPrompt,
  type LabWorldConfig,
  resolveLabWorldConfig,
  samplePrompt,
} from "./lab-world-config.ts";
export {
  LAB_TOPIC,
  LAB_UNCERTAINTY,
  LAB_WORDS,
  type LabReportOptions,
  type LabSamplePieces,
  labCase,
  labConfessionReport,
  labSamplePieces,
  labWordText,
  renderAnswer,
  renderConfession,
} from "./render-episode.ts";
export { type LabScores, type LabSentenceScore, scoreEpisode } from "./score-episode.ts";
