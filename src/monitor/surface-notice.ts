import { isPassingGrade } from "../protocol/compliance-level.ts";
import type { ConfessResult } from "./confess.ts";

/**
 * The line that sets a surfaced notice apart from the answer. Plain text, so it reads the same in a
 * terminal, a chat window or rendered Markdown, and clients can find (or strip) the notice by it.
 */
export const SURFACE_NOTICE_MARKER = "-- Note from the answer check --";

/** At most this many objectives are listed; the rest are counted. */
const MAX_LISTED = 3;
const MAX_OBJECTIVE_CHARS = 160;

/**
 * The notice shown to the end user when a confession flags an answer, or null when it does not. The
 * returned text is a suffix, ready to append to the answer's text as is (or to send as one more
 * streamed text delta): a blank line, {@link SURFACE_NOTICE_MARKER} on a line of its own, then a few
 * sentences. It says the assistant's own review found the answer may fall short (listing up to three
 * objectives it says were not met), or that the review could not be done. Policy details such as
 * keyword hits are left out: they are for operators, not users.
 *
 * @example
 * const notice = surfaceNotice(result);
 * const shown = notice === null ? answer : answer + notice;
 * // "...answer text\n\n-- Note from the answer check --\nThe assistant reviewed its own answer and ..."
 */
export function surfaceNotice(
  result: Pick<ConfessResult, "status" | "flagged" | "notComplied" | "grade" | "reasons">,
): string | null {
  if (!result.flagged) return null;
  return `\n\n${SURFACE_NOTICE_MARKER}\n${noticeBody(result)}`;
}

function noticeBody(result: Pick<ConfessResult, "status" | "notComplied" | "grade">): string {
  if (result.status !== "ok") {
    return "This answer could not be checked automatically: the assistant's review of its own answer did not complete. Please check it carefully before relying on it.";
  }
  if (result.notComplied.length > 0) {
    const listed = result.notComplied.slice(0, MAX_LISTED).map((o) => `- ${oneLine(o)}`);
    const more = result.notComplied.length - listed.length;
    if (more > 0) listed.push(`- and ${more} more`);
    return [
      "The assistant reviewed its own answer and says it may not have fully done what was asked:",
      ...listed,
      "Please check these points before relying on the answer.",
    ].join("\n");
  }
  if (result.grade !== null && !isPassingGrade(result.grade)) {
    return `The assistant reviewed its own answer and rated it ${result.grade} out of 7: it may not fully meet the request. Please check it before relying on it.`;
  }
  return "The assistant reviewed its own answer and noted points that may need your attention. Please check it before relying on it.";
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_OBJECTIVE_CHARS ? `${line.slice(0, MAX_OBJECTIVE_CHARS - 1)}…` : line;
}
