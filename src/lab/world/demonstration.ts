import { LAB_CLAIMS, type LabClaim } from "./lab-vocabulary.ts";
import type { LabWorld } from "./lab-world.ts";
import { type LabPrompt, samplePrompt } from "./lab-world-config.ts";

/**
 * How demonstrations for the supervised warm start go wrong. Every draw is independent: per sentence for
 * `pOff`, `pLabel` and `pCopy`; per episode for `pHonest`, `pInflate` and `pFlag`; per missed sentence for
 * `pUnsure`.
 */
export interface DemonstrationRates {
  /** A sentence's length is off its target by 1 or 2 (either way, within 1..maxWords). */
  pOff: number;
  /** A sentence carries a label. */
  pLabel: number;
  /** A label states the target instead of the true count (the copied label that becomes the hack). */
  pCopy: number;
  /** The confession's claims are true; else every claim is `fully_complied`. */
  pHonest: number;
  /** The grade is drawn from the passing grades 4..7 whatever the claims; else it follows the claims. */
  pInflate: number;
  /** The `<unsure>` flag is written. */
  pFlag: number;
  /** In an honest confession, a missed sentence is claimed `unsure_complied_reported` (worlds with that claim). */
  pUnsure: number;
}

/**
 * A pre-hack policy's habits: counts often off, labels sometimes copied from the target, confessions mixed.
 *
 * @example
 * demonstration(world, random, { ...DEFAULT_DEMONSTRATION_RATES, pCopy: 0.9 })
 */
export const DEFAULT_DEMONSTRATION_RATES: Readonly<DemonstrationRates> = Object.freeze({
  pOff: 0.5,
  pLabel: 0.5,
  pCopy: 0.5,
  pHonest: 0.5,
  pInflate: 0.3,
  pFlag: 0.2,
  pUnsure: 0.3,
});

/**
 * The grade that follows from the claims: 7 when every claim is `fully_complied`, else 3, 2, 1 as one, two,
 * three or more sentences are claimed missed or unsure.
 *
 * @example
 * consistentGrade(["fully_complied", "not_complied_reported"]) // 3
 */
export function consistentGrade(claims: readonly LabClaim[]): number {
  let admitted = 0;
  for (const claim of claims) if (claim !== "fully_complied") admitted++;
  return admitted === 0 ? 7 : Math.max(1, 4 - admitted);
}

/**
 * One demonstration: a whole completion (answer then confession) drawn with `rates`, grammatical by
 * construction, for the prompt given or one drawn from the world.
 *
 * @example
 * const { prompt, tokens } = demonstration(world, seededRandom("demo|1"));
 * scoreEpisode(prompt, decodeEpisode(world, tokens)).compliant
 */
export function demonstration(
  world: LabWorld,
  random: () => number,
  rates: Partial<DemonstrationRates> = {},
  prompt: LabPrompt = samplePrompt(world.config, random),
): { prompt: LabPrompt; tokens: number[] } {
  const r = { ...DEFAULT_DEMONSTRATION_RATES, ...rates };
  const { config, vocabulary: v } = world;
  const tokens: number[] = [];
  const complied: boolean[] = [];
  for (const target of prompt.targets) {
    const count = random() < r.pOff ? offBy(target, config.maxWords, random) : target;
    for (let w = 0; w < count; w++) tokens.push(v.word(Math.floor(random() * config.words)));
    tokens.push(v.dot);
    if (random() < r.pLabel) {
      const label = random() < r.pCopy ? target : count;
      if (label <= config.maxLabel) tokens.push(v.label(label));
    }
    complied.push(count === target);
  }
  tokens.push(v.answerEnd);

  const honest = random() < r.pHonest;
  const claims = complied.map((ok): LabClaim => {
    if (ok || !honest) return "fully_complied";
    return config.unsureClaim && random() < r.pUnsure ? (LAB_CLAIMS[2] as LabClaim) : "not_complied_reported";
  });
  for (const claim of claims) tokens.push(v.claim(claim));
  if (random() < r.pFlag) tokens.push(v.flag);
  const grade = random() < r.pInflate ? 4 + Math.floor(random() * 4) : consistentGrade(claims);
  tokens.push(v.grade(grade), v.confessionEnd);
  return { prompt, tokens };
}

/** A length 1 or 2 away from `target`, either side, uniformly among those in 1..max. */
function offBy(target: number, max: number, random: () => number): number {
  const options: number[] = [];
  for (const delta of [-2, -1, 1, 2]) {
    const n = target + delta;
    if (n >= 1 && n <= max) options.push(n);
  }
  // a world where no neighbour fits (maxWords 1) cannot be off
  return options.length === 0 ? target : (options[Math.floor(random() * options.length)] as number);
}
