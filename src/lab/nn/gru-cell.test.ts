import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../metrics/bootstrap.ts";
import { gruCell } from "./gru-cell.ts";
import { add, mul, sub } from "./ops-linear.ts";
import { sigmoid, tanh } from "./ops-pointwise.ts";
import { weightedSum } from "./ops-reduce.ts";
import { createParam, type Param, type Tape, Tape as TapeClass, type Tensor } from "./tape.ts";

const B = 3;
const H = 4;
const random = mulberry32(7);

function param(rows: number, cols: number, name: string): Param {
  const v = new Float64Array(rows * cols);
  for (let i = 0; i < v.length; i++) v[i] = 4 * random() - 2;
  return createParam(v, rows, cols, name);
}

/** Column block k (of three) of a [B, 3H] tensor, as a copy: the primitive-op route needs it per gate. */
function block(p: Param, k: number, name: string): Param {
  const v = new Float64Array(B * H);
  for (let b = 0; b < B; b++) v.set(p.value.subarray(b * 3 * H + k * H, b * 3 * H + (k + 1) * H), b * H);
  return createParam(v, B, H, name);
}

/** The GRU equations written with primitive ops only. */
function primitiveCell(t: Tape, x: Param[], hh: Param[], h: Tensor): Tensor {
  const [xr, xz, xn] = x as [Param, Param, Param];
  const [hr, hz, hn] = hh as [Param, Param, Param];
  const r = sigmoid(t, add(t, xr, hr));
  const z = sigmoid(t, add(t, xz, hz));
  const n = tanh(t, add(t, xn, mul(t, r, hn)));
  return add(t, n, mul(t, z, sub(t, h, n))); // (1 − z)·n + z·h
}

describe("gruCell", () => {
  it("equals the primitive-op GRU in value and in every gradient", () => {
    const gx = param(B, 3 * H, "gx");
    const gh = param(B, 3 * H, "gh");
    const h = param(B, H, "h");
    const w = new Float64Array(B * H).map(() => 2 * random() - 1);

    const t = new TapeClass();
    const fused = gruCell(t, gx, gh, h);
    t.backward(weightedSum(t, fused, w));

    const xs = [0, 1, 2].map((k) => block(gx, k, `x${k}`));
    const hs = [0, 1, 2].map((k) => block(gh, k, `h${k}`));
    const h2 = createParam(h.value.slice(), B, H, "h2");
    const t2 = new TapeClass();
    const plain = primitiveCell(t2, xs, hs, h2);
    t2.backward(weightedSum(t2, plain, w));

    for (let i = 0; i < B * H; i++) expect(fused.value[i]).toBeCloseTo(plain.value[i] as number, 14);
    for (let i = 0; i < B * H; i++) expect(h.grad[i]).toBeCloseTo(h2.grad[i] as number, 14);
    for (let k = 0; k < 3; k++) {
      for (let b = 0; b < B; b++) {
        for (let j = 0; j < H; j++) {
          const f = b * 3 * H + k * H + j;
          expect(gx.grad[f]).toBeCloseTo((xs[k] as Param).grad[b * H + j] as number, 14);
          expect(gh.grad[f]).toBeCloseTo((hs[k] as Param).grad[b * H + j] as number, 14);
        }
      }
    }
  });

  it("rejects mismatched widths", () => {
    const t = new TapeClass();
    expect(() => gruCell(t, t.zeros(2, 6), t.zeros(2, 6), t.zeros(2, 3))).toThrow(RangeError);
  });
});
