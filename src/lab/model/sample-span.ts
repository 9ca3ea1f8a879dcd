// Sampling one span of an episode (the answer, or the confession) from a frozen policy through the
// grammar, after feeding it a prefix (the prompt, or the prompt and the answer).
import { type PolicySession, sampleTokens, sharedAdditiveMask } from "../nn/index.ts";
import type { LabState, LabWorld } from "../world/index.ts";

/** A sampled span: its tokens, their total log-prob under the sampling distribution, and the end state. */
export interface SampledSpan {
  tokens: number[];
  logProb: number;
  state: LabState;
}

/**
 * Feeds `prefix` to the policy from the zero state, then samples token by token from `from` while `more`
 * holds for the grammar state, each token drawn under the grammar's mask at `temperature` (0: greedy)
 * with one draw of `random`. The span always ends: the grammar bounds every phase.
 *
 * @example
 * const answer = sampleSpan(session, world, grammar.promptTokens(prompt), grammar.initialState(prompt),
 *   (s) => grammar.phase(s) === "answer", seededRandom("1|case|0"), 1);
 */
export function sampleSpan(
  session: PolicySession,
  world: LabWorld,
  prefix: readonly number[],
  from: LabState,
  more: (state: LabState) => boolean,
  random: () => number,
  temperature: number,
): SampledSpan {
  const { grammar } = world;
  const V = session.config.vocabSize;
  if (prefix.length === 0) throw new RangeError("sampleSpan: the prefix must hold at least <bos>");
  let h = session.initialState(1);
  let logits: Float64Array = new Float64Array(0);
  for (const token of prefix) ({ logits, h } = session.step([token], h));
  const tokens: number[] = [];
  let logProb = 0;
  let state = from;
  // the grammar's bound, as a guard against a grammar bug turning into an endless loop
  for (let i = 0; more(state) && i <= grammar.maxCompletionTokens; i++) {
    const drawn = sampleTokens(logits, V, random, {
      temperature,
      mask: sharedAdditiveMask(grammar.allowed(state)),
    });
    const token = drawn.tokens[0] as number;
    logProb += drawn.logProbs[0] as number;
    state = grammar.advance(state, token);
    tokens.push(token);
    if (more(state)) ({ logits, h } = session.step([token], h));
  }
  return { tokens, logProb, state };
}
