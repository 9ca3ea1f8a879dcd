import { describe, expect, it } from "vitest";
import { significance } from "./significance.ts";

describe("significance", () => {
  it("marks a delta only when its interval excludes 0", () => {
    expect(significance([0.01, 0.2])).toBe("up");
    expect(significance([-0.3, -0.01])).toBe("down");
    expect(significance([-0.1, 0.2])).toBeNull();
    expect(significance([0, 0.2])).toBeNull();
    expect(significance(null)).toBeNull();
  });
});
