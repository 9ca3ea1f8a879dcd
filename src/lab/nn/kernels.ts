// Plain loops shared by the taped ops and the tape-free sampling path, so that both compute bit-identical
// values (the log-probs stored at sampling time equal the training forward's at the same parameters).

/**
 * `c = a · b` for row-major `a` [m, k] and `b` [k, n]; `c` [m, n] is overwritten.
 *
 * @example
 * const c = new Float64Array(1);
 * matmulInto(new Float64Array([1, 2]), new Float64Array([3, 4]), c, 1, 2, 1); // c[0] === 11
 */
export function matmulInto(
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  m: number,
  k: number,
  n: number,
): void {
  c.fill(0, 0, m * n);
  matmulAccumulate(a, b, c, m, k, n);
}

/**
 * `c += a · b` for row-major `a` [m, k], `b` [k, n], `c` [m, n]. The i-p-j order streams rows of `b` and
 * `c`; p is unrolled by 8 so that each pass over a row of `c` does eight multiply-adds per load and store
 * (about 2.5× the plain loop under V8). JavaScript's left-to-right `+` keeps the rounding the same as the
 * plain loop's, so the result does not depend on the unrolling.
 *
 * @example
 * const c = new Float64Array([1]);
 * matmulAccumulate(new Float64Array([1, 2]), new Float64Array([3, 4]), c, 1, 2, 1); // c[0] === 12
 */
export function matmulAccumulate(
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  m: number,
  k: number,
  n: number,
): void {
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    const ai = i * k;
    let p = 0;
    for (; p + 7 < k; p += 8) {
      const a0 = a[ai + p] as number;
      const a1 = a[ai + p + 1] as number;
      const a2 = a[ai + p + 2] as number;
      const a3 = a[ai + p + 3] as number;
      const a4 = a[ai + p + 4] as number;
      const a5 = a[ai + p + 5] as number;
      const a6 = a[ai + p + 6] as number;
      const a7 = a[ai + p + 7] as number;
      const b0 = p * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      const b4 = b3 + n;
      const b5 = b4 + n;
      const b6 = b5 + n;
      const b7 = b6 + n;
      for (let j = 0; j < n; j++) {
        c[ci + j] =
          (c[ci + j] as number) +
          a0 * (b[b0 + j] as number) +
          a1 * (b[b1 + j] as number) +
          a2 * (b[b2 + j] as number) +
          a3 * (b[b3 + j] as number) +
          a4 * (b[b4 + j] as number) +
          a5 * (b[b5 + j] as number) +
          a6 * (b[b6 + j] as number) +
          a7 * (b[b7 + j] as number);
      }
    }
    for (; p < k; p++) {
      const av = a[ai + p] as number;
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] = (c[ci + j] as number) + av * (b[bp + j] as number);
    }
  }
}

/**
 * The transpose of row-major `a` [m, n] into `out` [n, m].
 *
 * @example
 * const out = new Float64Array(6);
 * transposeInto(new Float64Array([1, 2, 3, 4, 5, 6]), out, 2, 3); // out = [1, 4, 2, 5, 3, 6]
 */
export function transposeInto(a: Float64Array, out: Float64Array, m: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const ai = i * n;
    for (let j = 0; j < n; j++) out[j * m + i] = a[ai + j] as number;
  }
}

/**
 * Adds the row vector `bias` [1, n] to every row of `a` [m, n] in place.
 *
 * @example
 * const a = new Float64Array([1, 2, 3, 4]);
 * addRowInPlace(a, new Float64Array([10, 20]), 2, 2); // a = [11, 22, 13, 24]
 */
export function addRowInPlace(a: Float64Array, bias: Float64Array, m: number, n: number): void {
  for (let i = 0; i < m; i++) {
    const ai = i * n;
    for (let j = 0; j < n; j++) a[ai + j] = (a[ai + j] as number) + (bias[j] as number);
  }
}

/** Logistic function, written to stay finite for large |x|. */
export function sigmoidOf(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * One GRU cell for a batch: `gx`, `gh` [B, 3H] are the input and hidden projections (bias included) in
 * gate blocks r | z | n; `h` [B, H] the previous state. Writes the new state to `out` and, when given,
 * the gates r, z, n to `gates` [B, 3H] for backward:
 *   r = σ(gx_r + gh_r), z = σ(gx_z + gh_z), n = tanh(gx_n + r ⊙ gh_n), h' = (1 − z) ⊙ n + z ⊙ h.
 *
 * @example
 * const out = new Float64Array(1);
 * gruCellForward(new Float64Array(3), new Float64Array(3), new Float64Array([1]), out, null, 1, 1);
 * out[0]; // 0.5 (z = 0.5, n = 0)
 */
export function gruCellForward(
  gx: Float64Array,
  gh: Float64Array,
  h: Float64Array,
  out: Float64Array,
  gates: Float64Array | null,
  batch: number,
  hidden: number,
): void {
  const w = 3 * hidden;
  for (let b = 0; b < batch; b++) {
    const g = b * w;
    const s = b * hidden;
    for (let j = 0; j < hidden; j++) {
      const r = sigmoidOf((gx[g + j] as number) + (gh[g + j] as number));
      const z = sigmoidOf((gx[g + hidden + j] as number) + (gh[g + hidden + j] as number));
      const n = Math.tanh((gx[g + 2 * hidden + j] as number) + r * (gh[g + 2 * hidden + j] as number));
      out[s + j] = (1 - z) * n + z * (h[s + j] as number);
      if (gates !== null) {
        gates[g + j] = r;
        gates[g + hidden + j] = z;
        gates[g + 2 * hidden + j] = n;
      }
    }
  }
}

/**
 * Row-wise log-softmax of `x` [m, n] into `out`, with an optional additive `mask` of the same shape
 * (0 where allowed, −∞ where not). Throws when a row allows nothing.
 *
 * @example
 * const out = new Float64Array(2);
 * logSoftmaxInto(new Float64Array([0, 0]), null, out, 1, 2); // out ≈ [-0.693, -0.693]
 */
export function logSoftmaxInto(
  x: Float64Array,
  mask: Float64Array | null,
  out: Float64Array,
  m: number,
  n: number,
): void {
  for (let i = 0; i < m; i++) {
    const o = i * n;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < n; j++) {
      const v = (x[o + j] as number) + (mask === null ? 0 : (mask[o + j] as number));
      out[o + j] = v;
      if (v > max) max = v;
    }
    if (max === Number.NEGATIVE_INFINITY) throw new RangeError(`logSoftmax: row ${i} allows no token`);
    let total = 0;
    for (let j = 0; j < n; j++) total += Math.exp((out[o + j] as number) - max);
    const lse = max + Math.log(total);
    for (let j = 0; j < n; j++) out[o + j] = (out[o + j] as number) - lse;
  }
}
