// Index ops: gather rows of a table (embedding lookup), interleave per-timestep batches into one
// batch-major matrix, and pick one column per row (the log-prob of the token taken).
import type { Tape, Tensor } from "./tape.ts";

/**
 * Rows of `table` [V, C] by index → [n, C]; backward scatter-adds into the table's gradient.
 *
 * @example
 * const x = gatherRows(t, embedding, new Int32Array([3, 0, 3])); // [3, E]
 */
export function gatherRows(t: Tape, table: Tensor, indices: Int32Array): Tensor {
  const n = indices.length;
  const c = table.cols;
  if (n < 1) throw new RangeError("gatherRows: no indices");
  const value = t.alloc(n * c);
  for (let i = 0; i < n; i++) {
    const row = indices[i] as number;
    if (!(row >= 0 && row < table.rows)) throw new RangeError(`gatherRows: index ${row} out of range`);
    value.set(table.value.subarray(row * c, row * c + c), i * c);
  }
  const out = t.node(n, c, value, table.grad !== null);
  if (out.grad !== null) {
    const dc = out.grad;
    const dt = table.grad as Float64Array;
    t.record(() => {
      for (let i = 0; i < n; i++) {
        const o = (indices[i] as number) * c;
        const s = i * c;
        for (let j = 0; j < c; j++) dt[o + j] = (dt[o + j] as number) + (dc[s + j] as number);
      }
    });
  }
  return out;
}

/**
 * Interleaves T per-timestep tensors [B, C] into one batch-major [B·T, C]: row b·T + t is row b of
 * `steps[t]`, the layout of token sequences [B, T].
 *
 * @example
 * const all = stackTime(t, hiddenStates); // T tensors [B, H] → [B·T, H]
 */
export function stackTime(t: Tape, steps: readonly Tensor[]): Tensor {
  const first = steps[0];
  if (first === undefined) throw new RangeError("stackTime: no steps");
  const T = steps.length;
  const B = first.rows;
  const c = first.cols;
  const value = t.alloc(B * T * c);
  let needsGrad = false;
  for (let s = 0; s < T; s++) {
    const step = steps[s] as Tensor;
    if (step.rows !== B || step.cols !== c) throw new RangeError("stackTime: steps differ in shape");
    if (step.grad !== null) needsGrad = true;
    for (let b = 0; b < B; b++) value.set(step.value.subarray(b * c, b * c + c), (b * T + s) * c);
  }
  const out = t.node(B * T, c, value, needsGrad);
  if (out.grad !== null) {
    const dc = out.grad;
    t.record(() => {
      for (let s = 0; s < T; s++) {
        const g = (steps[s] as Tensor).grad;
        if (g === null) continue;
        for (let b = 0; b < B; b++) {
          const o = (b * T + s) * c;
          const d = b * c;
          for (let j = 0; j < c; j++) g[d + j] = (g[d + j] as number) + (dc[o + j] as number);
        }
      }
    });
  }
  return out;
}

/**
 * One entry per row: `a[i, columns[i]]` → [rows, 1] (the log-prob of each chosen token). Throws when a
 * picked entry is −∞ (a token the mask forbids), which would poison the gradient with NaN.
 *
 * @example
 * const chosen = pickColumns(t, logProbs, targets); // [B·T, V] → [B·T, 1]
 */
export function pickColumns(t: Tape, a: Tensor, columns: Int32Array): Tensor {
  const m = a.rows;
  const n = a.cols;
  if (columns.length !== m) throw new RangeError(`pickColumns: ${columns.length} columns for ${m} rows`);
  const value = t.alloc(m);
  for (let i = 0; i < m; i++) {
    const j = columns[i] as number;
    if (!(j >= 0 && j < n)) throw new RangeError(`pickColumns: column ${j} out of range`);
    const v = a.value[i * n + j] as number;
    if (v === Number.NEGATIVE_INFINITY)
      throw new RangeError(`pickColumns: row ${i} picks a masked token ${j}`);
    value[i] = v;
  }
  const out = t.node(m, 1, value, a.grad !== null);
  if (out.grad !== null) {
    const dc = out.grad;
    const da = a.grad as Float64Array;
    t.record(() => {
      for (let i = 0; i < m; i++) {
        const o = i * n + (columns[i] as number);
        da[o] = (da[o] as number) + (dc[i] as number);
      }
    });
  }
  return out;
}
