import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../metrics/bootstrap.ts";
import { gradCheck } from "./grad-check.ts";
import { gruCell } from "./gru-cell.ts";
import { gatherRows, pickColumns, stackTime } from "./ops-gather.ts";
import { add, addScalar, matmul, mul, scale, sub } from "./ops-linear.ts";
import { clamp, exp, log, minimum, sigmoid, tanh } from "./ops-pointwise.ts";
import { mean, sum, weightedSum } from "./ops-reduce.ts";
import { logSoftmax, rowEntropy } from "./ops-softmax.ts";
import { createParam, type Param, Tape, type Tensor } from "./tape.ts";

const random = mulberry32(20251208);

function param(rows: number, cols: number, name: string, lo = -1, hi = 1): Param {
  const v = new Float64Array(rows * cols);
  for (let i = 0; i < v.length; i++) v[i] = lo + (hi - lo) * random();
  return createParam(v, rows, cols, name);
}

/** A random projection to a scalar, so that every entry of `out` carries a distinct gradient. */
function project(t: Tape, out: Tensor): Tensor {
  const w = new Float64Array(out.rows * out.cols);
  const r = mulberry32(out.rows * 131 + out.cols);
  for (let i = 0; i < w.length; i++) w[i] = 2 * r() - 1;
  return weightedSum(t, out, w);
}

const TOL = 1e-6;

describe("op gradients match central finite differences", () => {
  const a = param(3, 4, "a");
  const b = param(4, 5, "b");
  const c = param(3, 4, "c");
  const row = param(1, 4, "row");
  const positive = param(3, 4, "positive", 0.5, 2);

  const cases: [string, (t: Tape) => Tensor, Param[]][] = [
    ["matmul", (t) => project(t, matmul(t, a, b)), [a, b]],
    ["add", (t) => project(t, add(t, a, c)), [a, c]],
    ["add with a row bias", (t) => project(t, add(t, a, row)), [a, row]],
    ["sub", (t) => project(t, sub(t, a, c)), [a, c]],
    ["mul", (t) => project(t, mul(t, a, c)), [a, c]],
    ["scale", (t) => project(t, scale(t, a, -2.5)), [a]],
    ["addScalar", (t) => project(t, mul(t, addScalar(t, a, 0.3), a)), [a]],
    ["sigmoid", (t) => project(t, sigmoid(t, scale(t, a, 3))), [a]],
    ["tanh", (t) => project(t, tanh(t, scale(t, a, 2))), [a]],
    ["exp", (t) => project(t, exp(t, a)), [a]],
    ["log", (t) => project(t, log(t, positive)), [positive]],
    [
      "gatherRows (repeated indices)",
      (t) => project(t, gatherRows(t, a, new Int32Array([2, 0, 2, 1, 2]))),
      [a],
    ],
    ["stackTime", (t) => project(t, stackTime(t, [a, mul(t, a, c), c])), [a, c]],
    ["pickColumns", (t) => project(t, pickColumns(t, mul(t, a, c), new Int32Array([3, 0, 1]))), [a, c]],
    ["sum", (t) => sum(t, mul(t, a, a)), [a]],
    ["mean", (t) => mean(t, mul(t, a, c)), [a, c]],
  ];
  for (const [name, build, params] of cases) {
    it(name, () => {
      const result = gradCheck(build, params);
      expect(result.checked).toBe(params.reduce((n, p) => n + p.value.length, 0));
      expect(result.maxRelativeError).toBeLessThan(TOL);
    });
  }

  it("clamp and minimum away from their kinks", () => {
    // entries of a lie in (-1, 1); clamp at ±0.5 leaves some inside, some clipped; keep 1e-5 steps off the edges
    for (let i = 0; i < a.value.length; i++) {
      if (Math.abs(Math.abs(a.value[i] as number) - 0.5) < 1e-3) a.value[i] = 0.1;
      if (Math.abs((a.value[i] as number) - (c.value[i] as number)) < 1e-3)
        c.value[i] = (c.value[i] as number) + 0.01;
    }
    expect(gradCheck((t) => project(t, clamp(t, a, -0.5, 0.5)), [a]).maxRelativeError).toBeLessThan(TOL);
    expect(gradCheck((t) => project(t, minimum(t, a, c)), [a, c]).maxRelativeError).toBeLessThan(TOL);
  });

  it("logSoftmax, with and without a mask", () => {
    const mask = new Float64Array(12);
    mask[1] = Number.NEGATIVE_INFINITY;
    mask[6] = Number.NEGATIVE_INFINITY;
    mask[7] = Number.NEGATIVE_INFINITY;
    expect(gradCheck((t) => project(t, logSoftmax(t, a)), [a]).maxRelativeError).toBeLessThan(TOL);
    // the projection must not touch −∞ entries: pick allowed columns
    const picks = new Int32Array([0, 5, 11].map((k) => k % 4));
    const build = (t: Tape) => project(t, pickColumns(t, logSoftmax(t, mul(t, a, c), mask), picks));
    const result = gradCheck(build, [a, c]);
    expect(result.maxRelativeError).toBeLessThan(TOL);
    // masked logits get exactly no gradient
    expect(a.grad[1]).toBe(0);
    expect(a.grad[6]).toBe(0);
  });

  it("rowEntropy through a masked logSoftmax", () => {
    const mask = new Float64Array(12);
    mask[2] = Number.NEGATIVE_INFINITY;
    const result = gradCheck((t) => project(t, rowEntropy(t, logSoftmax(t, scale(t, a, 2), mask))), [a]);
    expect(result.maxRelativeError).toBeLessThan(TOL);
  });

  it("gruCell with respect to gx, gh and h", () => {
    const gx = param(2, 9, "gx", -2, 2);
    const gh = param(2, 9, "gh", -2, 2);
    const h = param(2, 3, "h");
    const result = gradCheck((t) => project(t, gruCell(t, gx, gh, h)), [gx, gh, h]);
    expect(result.maxRelativeError).toBeLessThan(TOL);
  });
});

describe("op values", () => {
  it("matmul and a broadcast add compute the textbook product", () => {
    const t = new Tape();
    const x = t.constant(new Float64Array([1, 2, 3, 4, 5, 6]), 2, 3);
    const w = t.constant(new Float64Array([1, 0, 0, 1, 1, 1]), 3, 2);
    const y = add(t, matmul(t, x, w), t.constant(new Float64Array([10, 20]), 1, 2));
    expect([...y.value]).toEqual([14, 25, 20, 31]);
    expect(y.grad).toBeNull(); // constants only: no gradient buffers, no closures
    expect(t.size).toBe(0);
  });

  it("logSoftmax rows normalise and masked entries are −∞", () => {
    const t = new Tape();
    const x = t.constant(new Float64Array([1, 2, 3, 0, 0, 1000]), 2, 3);
    const mask = new Float64Array([0, Number.NEGATIVE_INFINITY, 0, 0, 0, 0]);
    const y = logSoftmax(t, x, mask);
    expect(y.value[1]).toBe(Number.NEGATIVE_INFINITY);
    expect(Math.exp(y.value[0] as number) + Math.exp(y.value[2] as number)).toBeCloseTo(1, 14);
    expect(y.value[5]).toBeCloseTo(0, 12); // stable for large logits
    expect(() => logSoftmax(t, x, new Float64Array(6).fill(Number.NEGATIVE_INFINITY))).toThrow(
      /allows no token/,
    );
  });

  it("rowEntropy is log n for uniform rows and 0 for a one-hot mask", () => {
    const t = new Tape();
    const lp = logSoftmax(
      t,
      t.zeros(2, 4),
      new Float64Array([0, 0, 0, 0, -Infinity, 0, -Infinity, -Infinity]),
    );
    const h = rowEntropy(t, lp);
    expect(h.value[0]).toBeCloseTo(Math.log(4), 14);
    expect(h.value[1]).toBe(0);
  });

  it("pickColumns refuses a masked token", () => {
    const t = new Tape();
    const lp = logSoftmax(t, t.zeros(1, 2), new Float64Array([0, Number.NEGATIVE_INFINITY]));
    expect(() => pickColumns(t, lp, new Int32Array([1]))).toThrow(/masked/);
  });

  it("weightedSum ignores ±∞ entries with zero weight", () => {
    const t = new Tape();
    const x = t.constant(new Float64Array([2, Number.NEGATIVE_INFINITY]), 2, 1);
    expect(weightedSum(t, x, new Float64Array([3, 0])).value[0]).toBe(6);
  });

  it("shape errors are reported", () => {
    const t = new Tape();
    expect(() => matmul(t, t.zeros(2, 3), t.zeros(2, 3))).toThrow(RangeError);
    expect(() => sub(t, t.zeros(2, 3), t.zeros(3, 2))).toThrow(RangeError);
    expect(() => gatherRows(t, t.zeros(2, 3), new Int32Array([2]))).toThrow(/out of range/);
  });
});
