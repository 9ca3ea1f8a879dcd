import { describe, expect, it } from "vitest";
import { parseSince } from "./since-flag.ts";

const NOW = Date.parse("2025-06-10T12:00:00.000Z");

describe("parseSince", () => {
  it("reads spans back from now", () => {
    expect(parseSince("30m", NOW)).toEqual({ ok: true, value: "2025-06-10T11:30:00.000Z" });
    expect(parseSince("24h", NOW)).toEqual({ ok: true, value: "2025-06-09T12:00:00.000Z" });
    expect(parseSince(" 7d ", NOW)).toEqual({ ok: true, value: "2025-06-03T12:00:00.000Z" });
  });

  it("normalises ISO dates and times to UTC timestamps", () => {
    expect(parseSince("2025-06-01", NOW)).toEqual({ ok: true, value: "2025-06-01T00:00:00.000Z" });
    expect(parseSince("2025-06-01T08:30:00+02:00", NOW)).toEqual({
      ok: true,
      value: "2025-06-01T06:30:00.000Z",
    });
  });

  it("refuses anything else with a hint", () => {
    for (const text of ["", "yesterday", "1", "June 1", "7w", "2025-13-45"]) {
      const parsed = parseSince(text, NOW);
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/24h/);
    }
  });
});
