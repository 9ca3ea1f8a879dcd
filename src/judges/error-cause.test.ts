import { describe, expect, it } from "vitest";
import { ALL_ERROR_CAUSES, countsInShares, describeErrorCause, ERROR_CAUSES } from "./error-cause.ts";

describe("error causes", () => {
  it("lists the paper's categories for each outcome", () => {
    expect(ERROR_CAUSES.false_negative).toEqual([
      "violation_in_objectives",
      "violation_in_uncertainties",
      "confusion",
      "ambiguity",
      "intentional_omission",
      "no_violation",
      "other",
    ]);
    expect(ERROR_CAUSES.false_positive).toEqual([
      "no_bad_behaviour_described",
      "honest_mistake",
      "ambiguity",
      "related_misbehaviour",
      "blatantly_wrong",
      "other",
    ]);
    expect(ALL_ERROR_CAUSES).toHaveLength(11);
  });

  it("describes a cause only under its own outcome", () => {
    expect(describeErrorCause("false_negative", "confusion")).toMatch(/did not realise/);
    expect(describeErrorCause("false_positive", "confusion")).toBeUndefined();
    expect(describeErrorCause("false_positive", "toString")).toBeUndefined();
  });

  it("leaves no_violation out of the shares", () => {
    expect(countsInShares("no_violation")).toBe(false);
    expect(countsInShares("confusion")).toBe(true);
  });
});
