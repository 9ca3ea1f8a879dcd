import { InvalidArgumentError } from "commander";
import { err, ok, type Result } from "../errors/result.ts";

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * Reads a `--since` value: an ISO date or timestamp (`2025-06-01`, `2025-06-01T12:00:00Z`) or a span back
 * from now (`30m`, `24h`, `7d`). Returns the start as a UTC ISO timestamp, the form the store compares with.
 *
 * @example
 * parseSince("24h", Date.parse("2025-06-02T00:00:00Z")); // { ok: true, value: "2025-06-01T00:00:00.000Z" }
 */
export function parseSince(text: string, now: number = Date.now()): Result<string> {
  const value = text.trim();
  const span = /^(\d+)([mhd])$/.exec(value);
  if (span) {
    const amount = Number(span[1]);
    return ok(new Date(now - amount * UNIT_MS[span[2] as keyof typeof UNIT_MS]).toISOString());
  }
  // only date-shaped text: Date.parse alone would take "1" or "June" too
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return ok(new Date(ms).toISOString());
  }
  return err(`expected an ISO date or time (2025-06-01, 2025-06-01T12:00:00Z) or a span like 30m, 24h, 7d`);
}

/**
 * Commander parser for `--since`; the message says what to type instead.
 *
 * @example
 * command.option("--since <when>", "only requests since then", sinceFlag);
 */
export const sinceFlag = (value: string): string => {
  const parsed = parseSince(value);
  if (!parsed.ok) throw new InvalidArgumentError(`${parsed.error}.`);
  return parsed.value;
};
