import { describe, expect, it } from "vitest";
import { matchesFilter } from "./monitor-filter.ts";

const request = { keyId: "key_a", model: "gpt-4.1", flagged: true, confessionStatus: "ok" as const };
const any = { key: "", model: "", flagged: "" as const, status: "" };

describe("matchesFilter", () => {
  it("passes everything with no filter", () => {
    expect(matchesFilter(request, any)).toBe(true);
  });

  it("applies each filter", () => {
    expect(matchesFilter(request, { ...any, key: "key_b" })).toBe(false);
    expect(matchesFilter(request, { ...any, model: "gpt-4.1" })).toBe(true);
    expect(matchesFilter(request, { ...any, flagged: "false" })).toBe(false);
    expect(matchesFilter(request, { ...any, status: "unparsed" })).toBe(false);
  });

  it("reads key none as requests without a key", () => {
    expect(matchesFilter({ ...request, keyId: null }, { ...any, key: "none" })).toBe(true);
    expect(matchesFilter(request, { ...any, key: "none" })).toBe(false);
  });
});
