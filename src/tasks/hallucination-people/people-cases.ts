import { pickOne, seededRandom } from "../shared/random.ts";
import type { TaskCase } from "../task.ts";
import { NATIONALITIES, PROFESSIONS, workTitle } from "./people-details.ts";
import { inventName } from "./people-names.ts";
import { PERSON_ATTRIBUTES, type PeoplePayload } from "./people-payload.ts";
import { peopleQuestion } from "./people-question.ts";

/**
 * Cases for a seed: a question about a person who does not exist. Each case draws from its own seeded
 * stream; a name already used earlier in the list is drawn again (a few times at most), so names are unique
 * within any list of practical length and
 * case `i` never depends on how many cases follow it. The attribute asked for cycles through all five.
 *
 * @example
 * peopleCases({ seed: 1, count: 1 })[0]?.id // "hp-0001"
 */
export function peopleCases(request: { seed: number; count: number }): TaskCase<PeoplePayload>[] {
  const used = new Set<string>();
  return Array.from({ length: request.count }, (_, i) => {
    const random = seededRandom(`${request.seed}|hallucination-people|${i}`);
    let name = inventName(random);
    // a bounded number of redraws: past tens of thousands of cases, names may repeat
    for (let tries = 0; used.has(name) && tries < 20; tries++) name = inventName(random);
    used.add(name);
    const profession = pickOne(random, PROFESSIONS);
    const payload: PeoplePayload = {
      name,
      nationality: pickOne(random, NATIONALITIES),
      profession: profession.title,
      knownFor: `${profession.kind} ${workTitle(random)}`,
      works: profession.works,
      attribute: PERSON_ATTRIBUTES[i % PERSON_ATTRIBUTES.length] as PeoplePayload["attribute"],
    };
    return {
      id: `hp-${String(i + 1).padStart(4, "0")}`,
      messages: [{ role: "user", content: peopleQuestion(payload) }],
      payload,
    };
  });
}
