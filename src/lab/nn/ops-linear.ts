// Linear ops: matmul, add (with a row-broadcast bias), sub, elementwise mul, scale, add a scalar.
import { addRowInPlace, matmulAccumulate, matmulInto, transposeInto } from "./kernels.ts";
import { assertSameShape, type Tape, type Tensor } from "./tape.ts";

/**
 * Matrix product `a` [m, k] · `b` [k, n] → [m, n].
 *
 * @example
 * const y = matmul(t, x, w); // x [B, H], w [H, V] → y [B, V]
 */
export function matmul(t: Tape, a: Tensor, b: Tensor): Tensor {
  if (a.cols !== b.rows) throw new RangeError(`matmul: ${a.rows}×${a.cols} · ${b.rows}×${b.cols}`);
  const m = a.rows;
  const k = a.cols;
  const n = b.cols;
  const out = t.node(m, n, t.alloc(m * n), a.grad !== null || b.grad !== null);
  matmulInto(a.value, b.value, out.value, m, k, n);
  if (out.grad !== null) {
    const dc = out.grad;
    t.record(() => {
      // both products go through the unrolled kernel via a transposed copy (O(mk) or O(kn) extra)
      if (a.grad !== null) {
        const bt = t.alloc(k * n);
        transposeInto(b.value, bt, k, n);
        matmulAccumulate(dc, bt, a.grad, m, n, k); // dA += dC · Bᵀ
      }
      if (b.grad !== null) {
        const at = t.alloc(m * k);
        transposeInto(a.value, at, m, k);
        matmulAccumulate(at, dc, b.grad, k, m, n); // dB += Aᵀ · dC
      }
    });
  }
  return out;
}

/**
 * `a + b` elementwise; `b` may also be a single row [1, n] added to every row of `a` [m, n] (a bias).
 *
 * @example
 * const y = add(t, matmul(t, x, w), bias); // bias [1, V]
 */
export function add(t: Tape, a: Tensor, b: Tensor): Tensor {
  const broadcast = b.rows === 1 && a.rows > 1;
  if (broadcast) {
    if (a.cols !== b.cols) throw new RangeError(`add: ${a.rows}×${a.cols} + ${b.rows}×${b.cols}`);
  } else assertSameShape(a, b, "add");
  const m = a.rows;
  const n = a.cols;
  const value = t.alloc(m * n);
  value.set(a.value);
  if (broadcast) addRowInPlace(value, b.value, m, n);
  else for (let i = 0; i < m * n; i++) value[i] = (value[i] as number) + (b.value[i] as number);
  const out = t.node(m, n, value, a.grad !== null || b.grad !== null);
  if (out.grad !== null) {
    const dc = out.grad;
    t.record(() => {
      const da = a.grad;
      const db = b.grad;
      if (da !== null) for (let i = 0; i < m * n; i++) da[i] = (da[i] as number) + (dc[i] as number);
      if (db === null) return;
      if (broadcast) {
        for (let i = 0; i < m; i++) {
          const o = i * n;
          for (let j = 0; j < n; j++) db[j] = (db[j] as number) + (dc[o + j] as number);
        }
      } else for (let i = 0; i < m * n; i++) db[i] = (db[i] as number) + (dc[i] as number);
    });
  }
  return out;
}

/**
 * `a − b` elementwise (same shapes).
 *
 * @example
 * const diff = sub(t, logp, oldLogp);
 */
export function sub(t: Tape, a: Tensor, b: Tensor): Tensor {
  assertSameShape(a, b, "sub");
  const len = a.rows * a.cols;
  const value = t.alloc(len);
  for (let i = 0; i < len; i++) value[i] = (a.value[i] as number) - (b.value[i] as number);
  const out = t.node(a.rows, a.cols, value, a.grad !== null || b.grad !== null);
  if (out.grad !== null) {
    const dc = out.grad;
    t.record(() => {
      const da = a.grad;
      const db = b.grad;
      if (da !== null) for (let i = 0; i < len; i++) da[i] = (da[i] as number) + (dc[i] as number);
      if (db !== null) for (let i = 0; i < len; i++) db[i] = (db[i] as number) - (dc[i] as number);
    });
  }
  return out;
}

/**
 * `a ⊙ b` elementwise (same shapes).
 *
 * @example
 * const weighted = mul(t, ratio, advantages);
 */
export function mul(t: Tape, a: Tensor, b: Tensor): Tensor {
  assertSameShape(a, b, "mul");
  const len = a.rows * a.cols;
  const value = t.alloc(len);
  for (let i = 0; i < len; i++) value[i] = (a.value[i] as number) * (b.value[i] as number);
  const out = t.node(a.rows, a.cols, value, a.grad !== null || b.grad !== null);
  if (out.grad !== null) {
    const dc = out.grad;
    t.record(() => {
      const da = a.grad;
      const db = b.grad;
      if (da !== null) {
        for (let i = 0; i < len; i++) da[i] = (da[i] as number) + (dc[i] as number) * (b.value[i] as number);
      }
      if (db !== null) {
        for (let i = 0; i < len; i++) db[i] = (db[i] as number) + (dc[i] as number) * (a.value[i] as number);
      }
    });
  }
  return out;
}

/**
 * `s · a` for a number `s`.
 *
 * @example
 * const negated = scale(t, logp, -1);
 */
export function scale(t: Tape, a: Tensor, s: number): Tensor {
  const len = a.rows * a.cols;
  const value = t.alloc(len);
  for (let i = 0; i < len; i++) value[i] = s * (a.value[i] as number);
  const out = t.node(a.rows, a.cols, value, a.grad !== null);
  if (out.grad !== null) {
    const dc = out.grad;
    const da = a.grad as Float64Array;
    t.record(() => {
      for (let i = 0; i < len; i++) da[i] = (da[i] as number) + s * (dc[i] as number);
    });
  }
  return out;
}

/**
 * `a + s` for a number `s`.
 *
 * @example
 * const k3 = addScalar(t, sub(t, ratio, logRatio), -1); // KL k3 = ρ − log ρ − 1
 */
export function addScalar(t: Tape, a: Tensor, s: number): Tensor {
  const len = a.rows * a.cols;
  const value = t.alloc(len);
  for (let i = 0; i < len; i++) value[i] = (a.value[i] as number) + s;
  const out = t.node(a.rows, a.cols, value, a.grad !== null);
  if (out.grad !== null) {
    const dc = out.grad;
    const da = a.grad as Float64Array;
    t.record(() => {
      for (let i = 0; i < len; i++) da[i] = (da[i] as number) + (dc[i] as number);
    });
  }
  return out;
}
