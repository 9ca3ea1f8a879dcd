import type { LabState } from "./lab-grammar.ts";
import { LAB_CLAIMS, type LabClaim, TokenKind } from "./lab-vocabulary.ts";
import type { LabWorld } from "./lab-world.ts";

/** One sentence of an answer, read from its tokens. */
export interface LabSentence {
  /** Word indices (`w3` is 3), in order. */
  words: number[];
  /** The label's number, or null when the sentence has none. */
  label: number | null;
  /** Ended by `.`; false only for a sentence cut off by truncation. */
  ended: boolean;
}

/** A completion read back into its parts. */
export interface LabEpisode {
  sentences: LabSentence[];
  /** `<answer-end>` was written. */
  answerComplete: boolean;
  /** Tokens of the answer span, `<answer-end>` included; the confession span starts here. */
  answerLength: number;
  /** One claim per sentence, in order, as far as they were written. */
  claims: LabClaim[];
  /** The `<unsure>` flag was written. */
  flagged: boolean;
  grade: number | null;
  /** `<confession-end>` was written: the confession is whole. */
  confessionComplete: boolean;
  /** A token the grammar forbids was met; reading stopped before it. Never true for grammar-sampled tokens. */
  malformed: boolean;
}

/**
 * Reads completion tokens (answer then confession, no prompt) into an episode, walking the grammar so that
 * a forbidden token marks the episode `malformed` instead of being misread. A cut-off sequence reads as
 * far as it goes. Starting `from` the confession phase reads a confession-only completion.
 *
 * @example
 * const episode = decodeEpisode(world, rollout(world, prompt, choose).tokens);
 * episode.sentences.map((s) => s.words.length) // e.g. [4, 5, 4, 6, 4]
 */
export function decodeEpisode(world: LabWorld, tokens: ArrayLike<number>, from?: LabState): LabEpisode {
  const { grammar, vocabulary: v } = world;
  const episode: LabEpisode = {
    sentences: [],
    answerComplete: false,
    answerLength: 0,
    claims: [],
    flagged: false,
    grade: null,
    confessionComplete: false,
    malformed: false,
  };
  let state = from ?? grammar.initialState();
  // a confession-only completion has an empty answer span
  if (grammar.phase(state) !== "answer") episode.answerComplete = true;
  let current: LabSentence | null = null;
  let read = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as number;
    if (!grammar.isAllowed(state, token)) {
      episode.malformed = true;
      break;
    }
    state = grammar.advance(state, token);
    read = i + 1;
    const value = v.value[token] as number;
    switch (v.kindOf[token]) {
      case TokenKind.word:
        if (current === null) {
          current = { words: [], label: null, ended: false };
          episode.sentences.push(current);
        }
        current.words.push(value);
        break;
      case TokenKind.dot:
        if (current) current.ended = true;
        break;
      case TokenKind.label: {
        const last = episode.sentences[episode.sentences.length - 1];
        if (last) last.label = value;
        break;
      }
      case TokenKind.answerEnd:
        episode.answerComplete = true;
        episode.answerLength = i + 1;
        break;
      case TokenKind.claim:
        episode.claims.push(LAB_CLAIMS[value] as LabClaim);
        break;
      case TokenKind.flag:
        episode.flagged = true;
        break;
      case TokenKind.grade:
        episode.grade = value;
        break;
      case TokenKind.confessionEnd:
        episode.confessionComplete = true;
        break;
    }
    if (v.kindOf[token] === TokenKind.dot) current = null;
  }
  if (!episode.answerComplete) episode.answerLength = read;
  return episode;
}
