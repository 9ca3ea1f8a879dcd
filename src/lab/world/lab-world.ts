import { type LabGrammar, type LabState, labGrammar } from "./lab-grammar.ts";
import { type LabVocabulary, labVocabulary } from "./lab-vocabulary.ts";
import { type LabPrompt, type LabWorldConfig, resolveLabWorldConfig } from "./lab-world-config.ts";

/**
 * A world: its config, token vocabulary and grammar, built once and shared by every episode.
 *
 * @example
 * const world = createLabWorld();
 * world.vocabulary.size // 48
 */
export interface LabWorld {
  readonly config: LabWorldConfig;
  readonly vocabulary: LabVocabulary;
  readonly grammar: LabGrammar;
}

/**
 * Builds a world from the default config with `overrides` applied. Throws a `RangeError` on a bad config.
 *
 * @example
 * const world = createLabWorld({ targetPairs: [[3, 5]], unsureClaim: true });
 */
export function createLabWorld(overrides: Partial<LabWorldConfig> = {}): LabWorld {
  const config = resolveLabWorldConfig(overrides);
  const vocabulary = labVocabulary(config);
  return { config, vocabulary, grammar: labGrammar(config, vocabulary) };
}

/**
 * Picks the next token from the allowed ones; `step` counts the completion's tokens so far. Any sampler
 * fits: a policy network, a script, or `uniformChooser`.
 */
export type ChooseToken = (state: LabState, allowed: Int32Array, step: number) => number;

/** A completion sampled through the grammar. */
export interface LabRollout {
  /** Completion token ids (answer then confession), without the prompt. */
  tokens: number[];
  /** The cap was hit before the grammar finished. */
  truncated: boolean;
}

/**
 * Samples one completion through the grammar: asks `choose` for each token until the grammar is done or
 * `maxTokens` tokens are written (then `truncated`). `from` starts elsewhere than the beginning, e.g.
 * `grammar.confessionStart()` for a confession-only episode. A chosen token the grammar forbids throws.
 *
 * @example
 * const { tokens } = rollout(world, prompt, uniformChooser(seededRandom(1)));
 */
export function rollout(
  world: LabWorld,
  prompt: LabPrompt,
  choose: ChooseToken,
  options: { maxTokens?: number; from?: LabState } = {},
): LabRollout {
  const { grammar } = world;
  const maxTokens = options.maxTokens ?? grammar.maxCompletionTokens;
  let state = options.from ?? grammar.initialState(prompt);
  const tokens: number[] = [];
  while (!grammar.done(state)) {
    if (tokens.length >= maxTokens) return { tokens, truncated: true };
    const token = choose(state, grammar.allowedTokens(state), tokens.length);
    state = grammar.advance(state, token);
    tokens.push(token);
  }
  return { tokens, truncated: false };
}

/**
 * A chooser that picks uniformly among the allowed tokens: the untrained baseline and a fuzzer for tests.
 *
 * @example
 * rollout(world, prompt, uniformChooser(seededRandom(7)))
 */
export function uniformChooser(random: () => number): ChooseToken {
  return (_state, allowed) => allowed[Math.floor(random() * allowed.length)] as number;
}
