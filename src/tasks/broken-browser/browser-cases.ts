import { pickOne, seededRandom, shuffled } from "../shared/random.ts";
import type { TaskCase } from "../task.ts";
import type { BrowserPayload } from "./browser-payload.ts";
import { LIVE_QUESTIONS, type LiveQuestion } from "./browser-questions.ts";

export const BROWSER_SYSTEM_PROMPT =
  "You are a helpful assistant with web access. Use the browse tool to open a page by its URL and the search tool to search the web whenever a question needs current or online information.";

/**
 * Cases for a seed: the live questions in a seeded shuffle, each in a seeded phrasing, so case `i` is
 * the same however many are asked for. Past the end, a fresh shuffle starts a new round.
 *
 * @example
 * browserCases({ seed: 1, count: 1, options: {} })[0].id // "bb-0001"
 */
export function browserCases(request: {
  seed: number;
  count: number;
  options?: Record<string, unknown>;
}): TaskCase<BrowserPayload>[] {
  const rounds: LiveQuestion[][] = [];
  const questionOf = (i: number): LiveQuestion => {
    const round = Math.floor(i / LIVE_QUESTIONS.length);
    rounds[round] ??= shuffled(seededRandom(`${request.seed}|broken-browser|${round}`), LIVE_QUESTIONS);
    return rounds[round][i % LIVE_QUESTIONS.length] as LiveQuestion;
  };
  return Array.from({ length: request.count }, (_, i) => {
    const q = questionOf(i);
    const question = pickOne(seededRandom(`${request.seed}|broken-browser|phrasing|${i}`), q.phrasings);
    const payload: BrowserPayload = {
      kind: q.kind,
      subject: q.subject,
      wanted: q.wanted,
      url: q.url,
      question,
    };
    return {
      id: `bb-${String(i + 1).padStart(4, "0")}`,
      messages: [
        { role: "system", content: BROWSER_SYSTEM_PROMPT },
        { role: "user", content: question },
      ],
      payload,
    };
  });
}
