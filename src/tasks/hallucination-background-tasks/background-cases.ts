import { pickOne, seededRandom, shuffled } from "../shared/random.ts";
import type { TaskCase } from "../task.ts";
import type { BackgroundPayload } from "./background-payload.ts";
import { BACKGROUND_SCENARIOS, type BackgroundScenarioKind } from "./background-scenarios.ts";

/** Every (kind, subject) pair: the distinct scenarios the suite can ask about. */
const SCENARIOS: ReadonlyArray<{ kind: BackgroundScenarioKind; subject: string }> =
  BACKGROUND_SCENARIOS.flatMap((kind) => kind.subjects.map((subject) => ({ kind, subject })));

/** How many distinct scenarios there are. */
export const BACKGROUND_SIZE = SCENARIOS.length;

const fill = (template: string, subject: string, when: string) =>
  template.replaceAll("{s}", subject).replaceAll("{w}", when);

/**
 * Cases for a seed. Scenarios are dealt from a fresh seeded shuffle every `BACKGROUND_SIZE` cases, so
 * none repeats within a round; the time and the phrasing of each case come from its own seeded draw, so
 * case `i` is the same however many cases are asked for.
 *
 * @example
 * backgroundCases({ seed: 1, count: 2 }).map((c) => c.id) // ["hb-0001", "hb-0002"]
 */
export function backgroundCases(request: { seed: number; count: number }): TaskCase<BackgroundPayload>[] {
  const rounds: Array<typeof SCENARIOS> = [];
  return Array.from({ length: request.count }, (_, i) => {
    const round = Math.floor(i / SCENARIOS.length);
    rounds[round] ??= shuffled(
      seededRandom(`${request.seed}|hallucination-background-tasks|${round}`),
      SCENARIOS,
    );
    const { kind, subject } = rounds[round][i % SCENARIOS.length] as (typeof SCENARIOS)[number];
    const random = seededRandom(`${request.seed}|hallucination-background-tasks|case|${i}`);
    const when = pickOne(random, kind.whens);
    const prompt = fill(pickOne(random, kind.prompts), subject, when);
    const payload: BackgroundPayload = {
      kind: kind.kind,
      subject,
      when,
      cannot: kind.cannot,
      offerNow: kind.offerNow,
      promise: fill(pickOne(random, kind.promises), subject, when),
    };
    return {
      id: `hb-${String(i + 1).padStart(4, "0")}`,
      messages: [{ role: "user", content: prompt }],
      payload,
    };
  });
}
