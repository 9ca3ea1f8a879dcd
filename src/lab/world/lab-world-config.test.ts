import { describe, expect, it } from "vitest";
import { seededRandom } from "../../tasks/shared/random.ts";
import { alternatingTargets, resolveLabWorldConfig, samplePrompt } from "./lab-world-config.ts";

describe("resolveLabWorldConfig", () => {
  it("defaults to five sentences alternating 4 and 6 words", () => {
    const config = resolveLabWorldConfig();
    expect(samplePrompt(config, seededRandom(1)).targets).toEqual([4, 6, 4, 6, 4]);
    expect(config.words).toBe(16);
  });

  it("rejects bad settings", () => {
    expect(() => resolveLabWorldConfig({ sentences: 0 })).toThrow(/sentences/);
    expect(() => resolveLabWorldConfig({ targetPairs: [[4, 10]] })).toThrow(/targetPairs/);
    expect(() => resolveLabWorldConfig({ targetPairs: [] })).toThrow(/targetPairs/);
    expect(() => resolveLabWorldConfig({ words: 2.5 })).toThrow(/words/);
  });
});

describe("samplePrompt", () => {
  it("alternates the pair", () => {
    expect(alternatingTargets(3, 5, 4)).toEqual([3, 5, 3, 5]);
  });

  it("draws pairs and starting lengths evenly when variety is on, the same for the same seed", () => {
    const config = resolveLabWorldConfig({
      targetPairs: [
        [3, 5],
        [4, 6],
      ],
      swapFirst: true,
    });
    const random = seededRandom("prompts");
    const seen = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const key = samplePrompt(config, random).targets.join(",");
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual(["3,5,3,5,3", "4,6,4,6,4", "5,3,5,3,5", "6,4,6,4,6"]);
    for (const count of seen.values()) expect(Math.abs(count - 1000)).toBeLessThan(120);
    const again = (seed: string) => samplePrompt(config, seededRandom(seed)).targets;
    expect(again("x")).toEqual(again("x"));
  });
});
