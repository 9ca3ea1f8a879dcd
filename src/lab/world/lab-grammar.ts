import { type LabVocabulary, TokenKind } from "./lab-vocabulary.ts";
import type { LabPrompt, LabWorldConfig } from "./lab-world-config.ts";

/**
 * Where the grammar stands. Kinds 0–5 are the answer phase, 6–9 the confession phase, 10 the end. Each kind
 * has one precomputed mask, so `allowed` is a lookup.
 *
 * @example
 * grammar.initialState(prompt).kind === StateKind.sentenceStart
 */
export const StateKind = {
  /** A sentence is due and has no word yet: words only. */
  sentenceStart: 0,
  /** Inside a sentence below the word limit: a word or `.`. */
  sentenceOpen: 1,
  /** A sentence at the word limit: `.` only. */
  sentenceFull: 2,
  /** After a `.` with sentences still due: a label, or the next sentence's first word. */
  afterDot: 3,
  /** After the last sentence's `.`: a label or `<answer-end>`. */
  afterLastDot: 4,
  /** After the last sentence's label: `<answer-end>`. (A label mid-answer leads back to `sentenceStart`.) */
  afterLastLabel: 5,
  /** A claim is due for sentence `claims + 1`. */
  claim: 6,
  /** Every claim made: the uncertainty flag or a grade. */
  afterClaims: 7,
  /** After the flag: a grade. */
  afterFlag: 8,
  /** After the grade: `<confession-end>`. */
  afterGrade: 9,
  /** The episode is over: nothing is allowed. */
  done: 10,
} as const;
export type StateKind = (typeof StateKind)[keyof typeof StateKind];

const KINDS = 11;

/**
 * One grammar state. Immutable: `advance` returns a new one, so a sampler can keep any state it has seen.
 *
 * @example
 * let s = grammar.initialState(prompt); s = grammar.advance(s, vocab.word(3)); s.words // 1
 */
export interface LabState {
  readonly kind: StateKind;
  /** Sentences finished (ended by `.`). */
  readonly sentence: number;
  /** Words in the sentence being written. */
  readonly words: number;
  /** Claims made in the confession. */
  readonly claims: number;
}

/** Which part of the episode a state's next token belongs to. */
export type LabPhase = "answer" | "confession" | "done";

/**
 * The word-count world's grammar as a state machine over token ids.
 *
 * Answer: exactly `sentences` sentences, each 1..maxWords words then `.`, each optionally followed by one
 * label token, then `<answer-end>`. Confession: one claim token per sentence, in order, optionally
 * `<unsure>`, one grade token, then `<confession-end>`. Every path is at most `maxCompletionTokens` long.
 *
 * @example
 * let s = grammar.initialState(prompt);
 * while (!grammar.done(s)) s = grammar.advance(s, pickAllowed(grammar.allowed(s)));
 */
export interface LabGrammar {
  /** The longest grammatical completion (answer + confession). */
  readonly maxCompletionTokens: number;
  /** The prompt's tokens: `<bos>` then one target token per sentence. */
  promptTokens(prompt: LabPrompt): number[];
  initialState(prompt?: LabPrompt): LabState;
  /** The state at the start of the confession phase, for confession-only episodes. */
  confessionStart(): LabState;
  /** 1 for each allowed token id, 0 else. Shared per state kind: read it, never write to it. */
  allowed(state: LabState): Uint8Array;
  /** The allowed token ids, ascending. Shared per state kind: read it, never write to it. */
  allowedTokens(state: LabState): Int32Array;
  /** Whether `token` may come next. */
  isAllowed(state: LabState, token: number): boolean;
  /** The state after `token`. Throws a `RangeError` when the token is not allowed. */
  advance(state: LabState, token: number): LabState;
  done(state: LabState): boolean;
  phase(state: LabState): LabPhase;
}

/**
 * Builds the grammar for a config and its vocabulary.
 *
 * @example
 * const grammar = labGrammar(config, labVocabulary(config));
 */
export function labGrammar(config: LabWorldConfig, vocabulary: LabVocabulary): LabGrammar {
  const v = vocabulary;
  const N = config.sentences;
  const masks = Array.from({ length: KINDS }, () => new Uint8Array(v.size));
  const set = (kind: StateKind, from: number, count: number): void => {
    masks[kind]?.fill(1, from, from + count);
  };
  const words = (kind: StateKind): void => set(kind, v.wordBase, config.words);
  const labels = (kind: StateKind): void => set(kind, v.labelBase, config.maxLabel);
  words(StateKind.sentenceStart);
  words(StateKind.sentenceOpen);
  set(StateKind.sentenceOpen, v.dot, 1);
  set(StateKind.sentenceFull, v.dot, 1);
  words(StateKind.afterDot);
  labels(StateKind.afterDot);
  labels(StateKind.afterLastDot);
  set(StateKind.afterLastDot, v.answerEnd, 1);
  set(StateKind.afterLastLabel, v.answerEnd, 1);
  set(StateKind.claim, v.claimBase, v.claims);
  set(StateKind.afterClaims, v.flag, 1);
  set(StateKind.afterClaims, v.gradeBase, 7);
  set(StateKind.afterFlag, v.gradeBase, 7);
  set(StateKind.afterGrade, v.confessionEnd, 1);
  const lists = masks.map((mask) => Int32Array.from([...mask.keys()].filter((id) => mask[id] === 1)));

  const state = (kind: StateKind, sentence: number, words: number, claims: number): LabState => ({
    kind,
    sentence,
    words,
    claims,
  });
  const start = state(StateKind.sentenceStart, 0, 0, 0);
  const confessionStart = state(StateKind.claim, N, 0, 0);
  const doneState = state(StateKind.done, N, 0, N);
  const inWords = (sentence: number, count: number): LabState =>
    state(count >= config.maxWords ? StateKind.sentenceFull : StateKind.sentenceOpen, sentence, count, 0);

  const maskOf = (s: LabState): Uint8Array => masks[s.kind] as Uint8Array;

  return {
    maxCompletionTokens: N * (config.maxWords + 2) + 1 + N + 3,
    promptTokens: (prompt) => {
      if (prompt.targets.length !== N) {
        throw new RangeError(`lab prompt has ${prompt.targets.length} targets, the world wants ${N}`);
      }
      return [v.bos, ...prompt.targets.map((t) => v.target(t))];
    },
    initialState: (prompt) => {
      if (prompt && prompt.targets.length !== N) {
        throw new RangeError(`lab prompt has ${prompt.targets.length} targets, the world wants ${N}`);
      }
      return start;
    },
    confessionStart: () => confessionStart,
    allowed: maskOf,
    allowedTokens: (s) => lists[s.kind] as Int32Array,
    isAllowed: (s, token) => maskOf(s)[token] === 1,
    advance: (s, token) => {
      if (maskOf(s)[token] !== 1) {
        throw new RangeError(`token ${v.names[token] ?? token} is not allowed in state kind ${s.kind}`);
      }
      const kind = v.kindOf[token];
      switch (s.kind) {
        case StateKind.sentenceStart:
        case StateKind.afterDot:
          if (kind === TokenKind.label) return state(StateKind.sentenceStart, s.sentence, 0, 0);
          return inWords(s.sentence, 1);
        case StateKind.sentenceOpen:
        case StateKind.sentenceFull: {
          if (kind === TokenKind.word) return inWords(s.sentence, s.words + 1);
          const finished = s.sentence + 1;
          return state(finished < N ? StateKind.afterDot : StateKind.afterLastDot, finished, 0, 0);
        }
        case StateKind.afterLastDot:
          if (kind === TokenKind.label) return state(StateKind.afterLastLabel, N, 0, 0);
          return confessionStart;
        case StateKind.afterLastLabel:
          return confessionStart;
        case StateKind.claim:
          return state(s.claims + 1 < N ? StateKind.claim : StateKind.afterClaims, N, 0, s.claims + 1);
        case StateKind.afterClaims:
          if (kind === TokenKind.flag) return state(StateKind.afterFlag, N, 0, N);
          return state(StateKind.afterGrade, N, 0, N);
        case StateKind.afterFlag:
          return state(StateKind.afterGrade, N, 0, N);
        default:
          return doneState;
      }
    },
    done: (s) => s.kind === StateKind.done,
    phase: (s) =>
      s.kind <= StateKind.afterLastLabel ? "answer" : s.kind < StateKind.done ? "confession" : "done",
  };
}
