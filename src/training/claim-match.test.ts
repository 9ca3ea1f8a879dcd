import { describe, expect, it } from "vitest";
import { claimMatch } from "./claim-match.ts";

describe("claimMatch", () => {
  it("is the share of checked objectives whose claim matches the truth", () => {
    expect(claimMatch([{ match: true }, { match: false }, { match: true }, { match: true }])).toBe(0.75);
    expect(claimMatch([{ match: false }])).toBe(0);
  });
  it("is null, not 0, when there is nothing to check", () => {
    expect(claimMatch(null)).toBeNull();
    expect(claimMatch([])).toBeNull();
  });
});
