import { describe, expect, it } from "vitest";
import { mul, scale } from "./ops-linear.ts";
import { sum } from "./ops-reduce.ts";
import { createParam, Tape, zeroGrad } from "./tape.ts";

describe("Tape", () => {
  it("accumulates gradients into parameters across uses and zeroGrad clears them", () => {
    const t = new Tape();
    const w = createParam(new Float64Array([3]), 1, 1, "w");
    // L = (w·w)² = w⁴, with w used four times → dL/dw = 4w³ = 108
    const square = mul(t, w, w);
    t.backward(sum(t, mul(t, square, square)));
    expect(w.grad[0]).toBeCloseTo(108, 12);
    t.reset();
    t.backward(sum(t, scale(t, w, 2)));
    expect(w.grad[0]).toBeCloseTo(110, 12); // accumulated, not overwritten
    t.reset();
    zeroGrad([w]);
    expect(w.grad[0]).toBe(0);
  });

  it("refuses a non-scalar loss, a constant loss and a second backward", () => {
    const t = new Tape();
    const w = createParam(new Float64Array([1, 2]), 1, 2, "w");
    expect(() => t.backward(scale(t, w, 1))).toThrow(/1×1/);
    expect(() => t.backward(sum(t, t.zeros(1, 2)))).toThrow(/does not depend/);
    const loss = sum(t, w);
    t.backward(loss);
    expect(() => t.backward(loss)).toThrow(/already/);
    t.reset();
    t.backward(sum(t, w)); // fine again after reset
    expect([...w.grad]).toEqual([2, 2]);
  });

  it("reuses pooled buffers after reset", () => {
    const t = new Tape();
    const w = createParam(new Float64Array(16).fill(1), 4, 4, "w");
    const first = scale(t, w, 2);
    t.reset();
    const second = scale(t, w, 3);
    // the same two buffers (value and gradient) come back, in either role, with new contents
    expect(new Set([second.value, second.grad])).toEqual(new Set([first.value, first.grad]));
    expect(second.grad?.every((g) => g === 0)).toBe(true);
    expect(second.value[0]).toBe(3);
  });

  it("rejects parameters whose values do not fit the shape", () => {
    expect(() => createParam(new Float64Array(5), 2, 3)).toThrow(RangeError);
  });
});
