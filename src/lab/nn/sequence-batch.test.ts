import { describe, expect, it } from "vitest";
import { additiveMask, inputsAt, validateBatch } from "./sequence-batch.ts";

describe("sequence batches", () => {
  const batch = { batch: 2, length: 3, start: 5, tokens: new Int32Array([1, 2, 3, 4, 0, 1]) };

  it("feeds the start token, then each sequence's previous token", () => {
    expect([...inputsAt(batch, 0)]).toEqual([5, 5]);
    expect([...inputsAt(batch, 2)]).toEqual([2, 0]);
  });

  it("validates shapes, token ranges and the mask", () => {
    expect(() => validateBatch(batch, 6, 4)).not.toThrow();
    expect(() => validateBatch(batch, 5, 4)).toThrow(/start/);
    expect(() => validateBatch({ ...batch, mask: new Float64Array(5) }, 6, 4)).toThrow(RangeError);
    expect(() => validateBatch({ ...batch, h0: new Float64Array(7) }, 6, 4)).toThrow(RangeError);
  });

  it("turns allowed flags into an additive mask", () => {
    expect([...additiveMask([1, 0, true, false])]).toEqual([
      0,
      Number.NEGATIVE_INFINITY,
      0,
      Number.NEGATIVE_INFINITY,
    ]);
  });
});
