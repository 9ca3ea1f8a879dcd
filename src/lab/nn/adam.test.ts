import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../metrics/bootstrap.ts";
import { Adam } from "./adam.ts";
import { add, matmul, mul, sub } from "./ops-linear.ts";
import { mean } from "./ops-reduce.ts";
import { createParam, Tape, zeroGrad } from "./tape.ts";

describe("Adam", () => {
  it("fits a small linear regression", () => {
    // y = x·[2, −1, 0.5] + 0.3, 32 points
    const random = mulberry32(5);
    const x = new Float64Array(32 * 3).map(() => 2 * random() - 1);
    const y = new Float64Array(32);
    for (let i = 0; i < 32; i++)
      y[i] = 2 * (x[i * 3] as number) - (x[i * 3 + 1] as number) + 0.5 * (x[i * 3 + 2] as number) + 0.3;
    const w = createParam(new Float64Array(3), 3, 1, "w");
    const b = createParam(new Float64Array(1), 1, 1, "b");
    const adam = new Adam([w, b], { lr: 0.05 });
    const t = new Tape();
    let loss = Number.POSITIVE_INFINITY;
    for (let step = 0; step < 500; step++) {
      zeroGrad([w, b]);
      const err = sub(t, add(t, matmul(t, t.constant(x, 32, 3), w), b), t.constant(y, 32, 1));
      const node = mean(t, mul(t, err, err));
      loss = node.value[0] as number;
      t.backward(node);
      t.reset();
      adam.step();
    }
    expect(loss).toBeLessThan(1e-6);
    expect(w.value[0]).toBeCloseTo(2, 3);
    expect(w.value[1]).toBeCloseTo(-1, 3);
    expect(b.value[0]).toBeCloseTo(0.3, 3);
    expect(adam.steps).toBe(500);
  });

  it("first step moves each weight by lr against its gradient's sign", () => {
    const p = createParam(new Float64Array([1, 1]), 1, 2, "p");
    p.grad.set([1e-3, -50]);
    new Adam([p], { lr: 0.1 }).step();
    // m̂/√v̂ = ±1 on the first step, whatever the gradient's size (up to eps/|g|)
    expect(p.value[0]).toBeCloseTo(0.9, 5);
    expect(p.value[1]).toBeCloseTo(1.1, 6);
  });

  it("clips the global gradient norm and reports it unclipped", () => {
    // with clipping the moments see g·(1/5); Adam's first step is scale-free, so check the second moment path
    const p = createParam(new Float64Array([0, 0]), 1, 2, "p");
    const q = createParam(new Float64Array([0, 0]), 1, 2, "q");
    const clipped = new Adam([p], { lr: 0.1, maxGradNorm: 1 });
    const free = new Adam([q], { lr: 0.1 });
    p.grad.set([3, 4]);
    q.grad.set([3, 4]);
    expect(clipped.step().gradNorm).toBe(5);
    free.step();
    // second step with a small gradient: clipped Adam's history is smaller, so the new gradient weighs more
    p.grad.set([0.3, 0]);
    q.grad.set([0.3, 0]);
    clipped.step();
    free.step();
    expect(p.value[0]).not.toBeCloseTo(q.value[0] as number, 6);
    expect(() => {
      p.grad.set([Number.NaN, 0]);
      clipped.step();
    }).toThrow(/NaN/);
  });

  it("continues from a snapshot exactly as the optimizer it was taken from, and refuses other shapes", () => {
    const grads = [
      [0.5, -2],
      [1, 0.25],
      [-3, 1],
      [0.1, 0.1],
    ];
    const run = (from: number, snapshotAt: number | null) => {
      const p = createParam(new Float64Array([1, -1]), 1, 2, "p");
      let adam = new Adam([p], { lr: 0.1 });
      for (let i = from; i < grads.length; i++) {
        if (i === snapshotAt) {
          // a fresh optimizer over a copy of the parameters, as a resumed run builds it
          const saved = adam.snapshot();
          adam = new Adam([p], { lr: 0.1 });
          adam.restore(saved);
        }
        p.grad.set(grads[i] as number[]);
        adam.step();
      }
      return { value: Array.from(p.value), steps: adam.steps };
    };
    expect(run(0, 2)).toEqual(run(0, null));
    const fresh = new Adam([createParam(new Float64Array(3), 1, 3, "q")]);
    const other = new Adam([createParam(new Float64Array(2), 1, 2, "r")]);
    expect(() => fresh.restore(other.snapshot())).toThrow(/do not fit/);
  });
});
