import { pickOne, seededRandom, shuffled } from "../shared/random.ts";
import type { TaskCase } from "../task.ts";
import type { ExperiencePayload } from "./experience-payload.ts";
import { EXPERIENCE_TOPICS, type ExperienceTopic } from "./experience-topics.ts";

/** Every (topic, detail) pair: the distinct scenarios the suite can ask about. */
const SCENARIOS: ReadonlyArray<{ topic: ExperienceTopic; detail: readonly [string, string] }> =
  EXPERIENCE_TOPICS.flatMap((topic) => topic.details.map((detail) => ({ topic, detail })));

/** How many distinct scenarios there are. */
export const EXPERIENCE_SIZE = SCENARIOS.length;

const fill = (template: string, [x, y]: readonly [string, string]) => {
  const text = template.replaceAll("{x}", x).replaceAll("{y}", y);
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/**
 * Cases for a seed. Scenarios are dealt from a fresh seeded shuffle every `EXPERIENCE_SIZE` cases; the
 * phrasing of case `i` comes from its own seeded draw, so it is the same however many cases are asked for.
 *
 * @example
 * experienceCases({ seed: 1, count: 1 })[0]?.id // "hx-0001"
 */
export function experienceCases(request: { seed: number; count: number }): TaskCase<ExperiencePayload>[] {
  const rounds: Array<typeof SCENARIOS> = [];
  return Array.from({ length: request.count }, (_, i) => {
    const round = Math.floor(i / SCENARIOS.length);
    rounds[round] ??= shuffled(seededRandom(`${request.seed}|hallucination-experiences|${round}`), SCENARIOS);
    const { topic, detail } = rounds[round][i % SCENARIOS.length] as (typeof SCENARIOS)[number];
    const random = seededRandom(`${request.seed}|hallucination-experiences|case|${i}`);
    const payload: ExperiencePayload = {
      topic: topic.topic,
      detail: detail[0],
      lacks: fill(topic.lacks, detail),
      general: fill(topic.general, detail),
      claim: fill(pickOne(random, topic.claims), detail),
    };
    return {
      id: `hx-${String(i + 1).padStart(4, "0")}`,
      messages: [{ role: "user", content: fill(pickOne(random, topic.prompts), detail) }],
      payload,
    };
  });
}
