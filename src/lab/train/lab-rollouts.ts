// Batched sampling of whole episodes (answer + confession) from a frozen policy through the grammar
// masks, and the teacher-forcing batch that replays them for the loss.
import type { PolicySession, SequenceBatch } from "../nn/index.ts";
import { sampleTokens, sharedAdditiveMask } from "../nn/index.ts";
import type { LabPrompt, LabState, LabWorld } from "../world/index.ts";

/** Sampled completions: per rollout, its tokens and the log-prob each was drawn with (the "old" policy). */
export interface SampledEpisodes {
  prompts: LabPrompt[];
  completions: Int32Array[];
  logProbs: Float64Array[];
}

/** The additive mask (0 allowed, −∞ forbidden) of a grammar state, shared per state kind. */
const masksOf =
  (world: LabWorld) =>
  (state: LabState): Float64Array =>
    sharedAdditiveMask(world.grammar.allowed(state));

/**
 * Samples one whole completion per prompt, all rows advancing together: the prompt is fed token by token,
 * then each step draws from the masked softmax (temperature 1) until every row's grammar is done.
 * Deterministic for the `random` stream.
 *
 * @example
 * const episodes = sampleEpisodes(world, policy.session(), prompts, random.fn());
 */
export function sampleEpisodes(
  world: LabWorld,
  session: PolicySession,
  prompts: readonly LabPrompt[],
  random: () => number,
): SampledEpisodes {
  const { grammar } = world;
  const V = session.config.vocabSize;
  const B = prompts.length;
  const masks = masksOf(world);
  const promptTokens = prompts.map((p) => grammar.promptTokens(p));
  const promptLength = promptTokens[0]?.length ?? 0;
  let h = session.initialState(B);
  const feed = new Int32Array(B);
  let logits: Float64Array = new Float64Array(0);
  for (let i = 0; i < promptLength; i++) {
    for (let b = 0; b < B; b++) feed[b] = (promptTokens[b] as number[])[i] as number;
    const out = session.step(feed, h);
    h = out.h;
    logits = out.logits;
  }
  const states: LabState[] = prompts.map((p) => grammar.initialState(p));
  const tokens: number[][] = prompts.map(() => []);
  const lps: number[][] = prompts.map(() => []);
  const mask = new Float64Array(B * V);
  for (let step = 0; step < grammar.maxCompletionTokens; step++) {
    let live = 0;
    for (let b = 0; b < B; b++) {
      const s = states[b] as LabState;
      if (grammar.done(s)) mask.fill(0, b * V, (b + 1) * V);
      else {
        mask.set(masks(s), b * V);
        live++;
      }
    }
    if (live === 0) break;
    const drawn = sampleTokens(logits, V, random, { mask });
    for (let b = 0; b < B; b++) {
      const s = states[b] as LabState;
      const token = drawn.tokens[b] as number;
      if (!grammar.done(s)) {
        states[b] = grammar.advance(s, token);
        (tokens[b] as number[]).push(token);
        (lps[b] as number[]).push(drawn.logProbs[b] as number);
        feed[b] = token;
      } else feed[b] = world.vocabulary.confessionEnd;
    }
    const out = session.step(feed, h);
    h = out.h;
    logits = out.logits;
  }
  return {
    prompts: [...prompts],
    completions: tokens.map((t) => Int32Array.from(t)),
    logProbs: lps.map((l) => Float64Array.from(l)),
  };
}

/** A teacher-forcing batch of episodes and where each completion sits in it. */
export interface EpisodeBatch {
  batch: SequenceBatch;
  /** Position of the first completion token in every row (the prompt's target tokens come first). */
  offset: number;
  /** Completion length of each row. */
  lengths: number[];
}

/**
 * Lays episodes out for `GruPolicy.forward`: `start` is `<bos>`, each row is the prompt's target tokens,
 * the completion, then padding (`<confession-end>`); the mask is the grammar's on completion positions and
 * allows everything elsewhere (those positions carry zero loss weight).
 *
 * @example
 * const { batch, offset } = episodeBatch(world, episodes);
 */
export function episodeBatch(world: LabWorld, episodes: SampledEpisodes): EpisodeBatch {
  const { grammar, vocabulary: v } = world;
  const V = v.size;
  const B = episodes.completions.length;
  const masks = masksOf(world);
  const offset = world.config.sentences;
  const lengths = episodes.completions.map((c) => c.length);
  const T = offset + Math.max(1, ...lengths);
  const tokens = new Int32Array(B * T).fill(v.confessionEnd);
  const mask = new Float64Array(B * T * V);
  for (let b = 0; b < B; b++) {
    const prompt = episodes.prompts[b] as LabPrompt;
    const promptTokens = grammar.promptTokens(prompt);
    for (let i = 1; i < promptTokens.length; i++) tokens[b * T + i - 1] = promptTokens[i] as number;
    const completion = episodes.completions[b] as Int32Array;
    let state = grammar.initialState(prompt);
    for (let i = 0; i < completion.length; i++) {
      const row = b * T + offset + i;
      tokens[row] = completion[i] as number;
      mask.set(masks(state), row * V);
      state = grammar.advance(state, completion[i] as number);
    }
  }
  return { batch: { batch: B, length: T, start: v.bos, tokens, mask }, offset, lengths };
}
