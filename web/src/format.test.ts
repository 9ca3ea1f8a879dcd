import { describe, expect, it } from "vitest";
import { count, decimal, delta, deltaInterval, interval, list, ms, pct, when } from "./format.ts";

describe("format", () => {
  it("shows rates as percentages with one decimal, as the CLI's JSON × 100", () => {
    expect(pct(0.21875)).toBe("21.9%");
    expect(pct(0)).toBe("0.0%");
    expect(pct(1)).toBe("100.0%");
    expect(pct(0.0436)).toBe("4.4%");
  });

  it("shows a missing rate as a dash, never as 0", () => {
    expect(pct(null)).toBe("—");
    expect(pct(undefined)).toBe("—");
    expect(pct(Number.NaN)).toBe("—");
  });

  it("shows intervals as [a, b]", () => {
    expect(interval([0.18, 0.259])).toBe("[18.0%, 25.9%]");
    expect(interval(null)).toBe("—");
  });

  it("signs deltas in percentage points", () => {
    expect(delta(0.05)).toBe("+5.0 pp");
    expect(delta(-0.312)).toBe("-31.2 pp");
    expect(delta(0)).toBe("±0.0 pp");
    expect(deltaInterval([-0.02, 0.1])).toBe("[-2.0, +10.0] pp");
  });

  it("formats counts, decimals, durations, times and lists", () => {
    expect(count(100000)).toBe("100,000");
    expect(decimal(0.81234)).toBe("0.812");
    expect(ms(850)).toBe("850 ms");
    expect(ms(1530)).toBe("1.53 s");
    expect(when("2026-01-02T03:04:05.678Z")).toBe("2026-01-02 03:04:05");
    expect(list(["a", "b"])).toBe("a, b");
    expect(list([])).toBe("—");
  });
});
