import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { inSample, samplingPoint } from "./sampling.ts";

const ids = Array.from({ length: 10_000 }, (_, i) => `req_${i.toString(36)}_${(i * 7919) % 10_007}`);

/** The documented derivation, computed a second way (hex and BigInt) to check the arithmetic. */
function expectedPoint(id: string): number {
  const hex = createHash("sha256").update(`confessional:monitor-sampling:v1\0${id}`, "utf8").digest("hex");
  const bucket = BigInt(`0x${hex.slice(0, 14)}`) >> 3n; // 56 bits, keep the top 53
  return Number(bucket) / 2 ** 53;
}

describe("inSample", () => {
  it("places ids where the documented domain-separated SHA-256 puts them", () => {
    for (const id of ["", "a", "req_123", "chatcmpl-ünïcode", ...ids.slice(0, 200)]) {
      expect(samplingPoint(id)).toBe(expectedPoint(id));
    }
    // not the undomained hash of the id
    const plain = Number(
      BigInt(`0x${createHash("sha256").update("req_123").digest("hex").slice(0, 14)}`) >> 3n,
    );
    expect(samplingPoint("req_123")).not.toBe(plain / 2 ** 53);
  });

  it("gives the same answer every time for the same id", () => {
    const first = ids.map((id) => inSample(id, 0.3));
    const second = ids.map((id) => inSample(id, 0.3));
    expect(second).toEqual(first);
  });

  for (const rate of [0.01, 0.1, 0.5, 0.9]) {
    it(`takes close to ${rate} of 10,000 ids`, () => {
      const share = ids.filter((id) => inSample(id, rate)).length / ids.length;
      // five standard deviations of a binomial share; the ids are fixed, so this never flakes
      const tolerance = 5 * Math.sqrt((rate * (1 - rate)) / ids.length);
      expect(Math.abs(share - rate)).toBeLessThan(tolerance);
    });
  }

  it("only adds ids as the rate goes up", () => {
    for (const id of ids) if (inSample(id, 0.1)) expect(inSample(id, 0.2)).toBe(true);
  });

  it("takes every id at rate 1 (or more) and none at 0, below 0 or NaN", () => {
    expect(ids.every((id) => inSample(id, 1))).toBe(true);
    expect(ids.every((id) => inSample(id, 1.5))).toBe(true);
    expect(ids.some((id) => inSample(id, 0))).toBe(false);
    expect(ids.some((id) => inSample(id, -0.1))).toBe(false);
    expect(ids.some((id) => inSample(id, Number.NaN))).toBe(false);
  });

  it("points lie in [0, 1)", () => {
    for (const id of ids) {
      const p = samplingPoint(id);
      expect(p >= 0 && p < 1).toBe(true);
    }
  });
});
