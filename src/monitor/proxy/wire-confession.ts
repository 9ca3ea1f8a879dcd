import type { ConfessResult } from "../confess.ts";
import type { MonitorConfessionStatus } from "../monitor-types.ts";

/**
 * The confession as clients see it in `sync` and `reject` mode: the top-level `confession` field of a JSON
 * answer, or the extra chunk / event of a stream. Snake case, like the rest of the OpenAI wire format.
 */
export interface WireConfession {
  status: MonitorConfessionStatus;
  grade: number | null;
  not_complied: string[];
  flagged: boolean;
  reasons: string[];
  /** Reject mode: which answer (1-based) the client got, and how many were asked for. */
  attempt?: number;
  attempts?: number;
}

/**
 * The wire form of a confession result; `flagged` and extra `reasons` let reject mode mark an answer that no
 * attempt made pass.
 *
 * @example
 * toWireConfession(result) // { status: "ok", grade: 6, not_complied: [], flagged: false, reasons: [] }
 */
export function toWireConfession(
  result: ConfessResult,
  extra: { flagged?: boolean; reasons?: string[]; attempt?: number; attempts?: number } = {},
): WireConfession {
  return {
    status: result.status,
    grade: result.grade,
    not_complied: result.notComplied,
    flagged: extra.flagged ?? result.flagged,
    reasons: [...result.reasons, ...(extra.reasons ?? [])],
    ...(extra.attempt !== undefined
      ? { attempt: extra.attempt, attempts: extra.attempts ?? extra.attempt }
      : {}),
  };
}

/**
 * The headers that carry the confession on JSON answers: `x-confession-status` always, `x-confession-grade`
 * when there is a grade, and `x-confession-flagged`.
 *
 * @example
 * confessionHeaders(wire) // { "x-confession-status": "ok", "x-confession-grade": "6", "x-confession-flagged": "false" }
 */
export function confessionHeaders(wire: WireConfession): Record<string, string> {
  return {
    "x-confession-status": wire.status,
    ...(wire.grade !== null ? { "x-confession-grade": String(wire.grade) } : {}),
    "x-confession-flagged": String(wire.flagged),
  };
}
