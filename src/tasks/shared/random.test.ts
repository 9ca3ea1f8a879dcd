import { describe, expect, it } from "vitest";
import { hashString, pickOne, randomInt, seededRandom, shuffled } from "./random.ts";

const take = (random: () => number, n: number) => Array.from({ length: n }, () => random());

describe("seededRandom", () => {
  it("repeats the same sequence for the same seed", () => {
    expect(take(seededRandom(42), 20)).toEqual(take(seededRandom(42), 20));
    expect(take(seededRandom("a|b"), 5)).toEqual(take(seededRandom("a|b"), 5));
  });

  it("treats a number and its text as the same seed", () => {
    expect(take(seededRandom(7), 5)).toEqual(take(seededRandom("7"), 5));
  });

  it("gives different sequences for different seeds", () => {
    expect(take(seededRandom(1), 5)).not.toEqual(take(seededRandom(2), 5));
  });

  it("stays in [0, 1) and is roughly uniform", () => {
    const values = take(seededRandom("uniform"), 10_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it("is pinned: a change of algorithm would silently change every generated case", () => {
    expect(hashString("")).toBe(0x811c9dc5);
    expect(hashString("a")).toBe(0xe40c292c);
    expect(take(seededRandom(1), 3).map((v) => v.toFixed(6))).toMatchInlineSnapshot(`
      [
        "0.831717",
        "0.123009",
        "0.826257",
      ]
    `);
  });
});

describe("helpers", () => {
  it("randomInt covers both ends", () => {
    const random = seededRandom("ints");
    const seen = new Set(Array.from({ length: 500 }, () => randomInt(random, 1, 5)));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("pickOne refuses an empty list", () => {
    expect(() => pickOne(seededRandom(1), [])).toThrow(RangeError);
  });

  it("shuffled keeps every item and leaves the input alone", () => {
    const input = [1, 2, 3, 4, 5, 6];
    const out = shuffled(seededRandom(3), input);
    expect(out.sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(input).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
