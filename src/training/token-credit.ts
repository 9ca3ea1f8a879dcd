import { ConfessError } from "../errors/confess-error.ts";
import type { StreamRewards } from "./group-advantages.ts";

/** A half-open range [start, end) of a sequence (characters or tokens) and the advantage its tokens get. */
export interface CreditPart {
  start: number;
  end: number;
  /** Null: undecided reward; the part is masked (0, mask 0) like everything outside the parts. */
  advantage: number | null;
}

/** Per-token advantages and the loss mask (1 = trained) of one sequence. */
export interface TokenCredit {
  advantages: Float64Array;
  mask: Uint8Array;
}

/**
 * Spreads span advantages over a sequence of `length` tokens: each token inside a part gets the part's
 * advantage and mask 1; every other token (prompt context, the confession request x_c, padding) and every
 * token of a part whose advantage is null gets 0 and mask 0. Parts must lie inside the sequence and not
 * overlap: a token belongs to at most one reward stream.
 *
 * @example
 * tokenAdvantages(6, [{ start: 0, end: 2, advantage: 0.5 }, { start: 4, end: 6, advantage: -1 }]);
 * // advantages [0.5, 0.5, 0, 0, -1, -1], mask [1, 1, 0, 0, 1, 1]
 */
export function tokenAdvantages(length: number, parts: readonly CreditPart[]): TokenCredit {
  if (!Number.isInteger(length) || length < 0) {
    throw new ConfessError(
      "CONFESS_INVALID_ARGUMENT",
      `sequence length must be a whole number ≥ 0, got ${length}`,
    );
  }
  const advantages = new Float64Array(length);
  const mask = new Uint8Array(length);
  const taken = new Uint8Array(length);
  for (const part of parts) {
    if (!Number.isInteger(part.start) || !Number.isInteger(part.end) || part.start < 0 || part.end > length) {
      throw new ConfessError(
        "CONFESS_INVALID_ARGUMENT",
        `span [${part.start}, ${part.end}) does not lie inside a sequence of ${length} tokens`,
      );
    }
    for (let t = part.start; t < part.end; t++) {
      if (taken[t]) {
        throw new ConfessError(
          "CONFESS_INVALID_ARGUMENT",
          `spans overlap at token ${t}: a token has one stream`,
        );
      }
      taken[t] = 1;
      if (part.advantage === null) continue;
      advantages[t] = part.advantage;
      mask[t] = 1;
    }
  }
  return { advantages, mask };
}

/** A named span of a completion: the answer y or the confession y_c. */
export interface NamedRange {
  name: "answer" | "confession";
  start: number;
  end: number;
}

/**
 * Per-token credit of one episode, in either design. The stream of each span is fixed by its name: answer
 * tokens take the task advantage, confession tokens the confession advantage, nothing else is trained.
 * Separate design: a task episode's completion is y (one `answer` span), a confession episode's is y_c
 * (one `confession` span). Dual-span: the completion is y + x_c + y_c with both spans and x_c between.
 *
 * @example
 * // dual-span: y is tokens 0-3, x_c 3-5, y_c 5-8
 * spanCredit(8, [{ name: "answer", start: 0, end: 3 }, { name: "confession", start: 5, end: 8 }],
 *   { task: 0.5, confession: -1 });
 * // advantages [0.5, 0.5, 0.5, 0, 0, -1, -1, -1]
 */
export function spanCredit(
  length: number,
  spans: readonly NamedRange[],
  advantages: StreamRewards,
): TokenCredit {
  return tokenAdvantages(
    length,
    spans.map((s) => ({
      start: s.start,
      end: s.end,
      advantage: s.name === "answer" ? advantages.task : advantages.confession,
    })),
  );
}
