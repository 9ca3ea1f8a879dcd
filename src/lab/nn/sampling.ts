// Temperature sampling of one token per row from logits, under the grammar mask, with a seeded RNG.
import { logSoftmaxInto } from "./kernels.ts";
import { assertShape } from "./tape.ts";

/** Options of {@link sampleTokens}. */
export interface SampleOptions {
  /** Divides the logits; 0 means greedy (argmax). Default 1. */
  temperature?: number;
  /** Additive mask [B, V]: 0 allowed, −∞ forbidden. */
  mask?: Float64Array | null;
}

/** Sampled tokens [B] and their log-probs [B]. */
export interface SampledTokens {
  tokens: Int32Array;
  /**
   * log-prob of each token under the distribution it was drawn from (masked, tempered): what
   * `GruPolicy.forward(…, { temperature })` gives for it, so it is the "old" log-prob of a PPO ratio.
   * Greedy draws report the temperature-1 log-prob.
   */
  logProbs: Float64Array;
}

/**
 * Draws one token per row of `logits` [B, V]. Deterministic for the `random` stream (one draw per row,
 * none when greedy).
 *
 * @example
 * const random = mulberry32(3);
 * const { tokens, logProbs } = sampleTokens(step.logits, 48, random, { temperature: 1, mask });
 */
export function sampleTokens(
  logits: Float64Array,
  vocabSize: number,
  random: () => number,
  options: SampleOptions = {},
): SampledTokens {
  const V = vocabSize;
  const B = logits.length / V;
  assertShape(logits, B, V, "sampleTokens logits");
  const mask = options.mask ?? null;
  if (mask !== null) assertShape(mask, B, V, "sampleTokens mask");
  const temperature = options.temperature ?? 1;
  if (!(temperature >= 0)) throw new RangeError(`sampleTokens: temperature must be ≥ 0, got ${temperature}`);
  const greedy = temperature === 0;
  const inv = greedy ? 1 : 1 / temperature;
  const row = new Float64Array(V);
  const lp = new Float64Array(V);
  const tokens = new Int32Array(B);
  const logProbs = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    // multiply by 1/T as the taped `scale` does, so the log-probs match it exactly
    for (let v = 0; v < V; v++)
      row[v] =
        temperature === 1 || greedy ? (logits[b * V + v] as number) : inv * (logits[b * V + v] as number);
    logSoftmaxInto(row, mask === null ? null : mask.subarray(b * V, (b + 1) * V), lp, 1, V);
    let chosen = -1;
    if (greedy) {
      let best = Number.NEGATIVE_INFINITY;
      for (let v = 0; v < V; v++) {
        if ((lp[v] as number) > best) {
          best = lp[v] as number;
          chosen = v;
        }
      }
    } else {
      const u = random();
      let cumulative = 0;
      for (let v = 0; v < V; v++) {
        const l = lp[v] as number;
        if (l === Number.NEGATIVE_INFINITY) continue;
        chosen = v; // the last allowed token absorbs rounding when the cumulative sum stays below u
        cumulative += Math.exp(l);
        if (u < cumulative) break;
      }
    }
    tokens[b] = chosen;
    logProbs[b] = lp[chosen] as number;
  }
  return { tokens, logProbs };
}
