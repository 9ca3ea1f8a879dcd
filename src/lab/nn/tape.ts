// The tape of a small reverse-mode autograd over dense row-major Float64Array matrices. Ops (in the ops-*
// files) compute their value eagerly and record one backward closure per op, never per element, so a
// training step holds O(timesteps × ops) nodes whatever the batch size. Buffers are pooled by length and
// handed back by `reset()`, so a training loop reuses the same memory step after step.

/**
 * A node of the graph: a `rows × cols` matrix (row-major) with, when gradients flow through it, a gradient
 * buffer of the same shape that backward accumulates into.
 *
 * @example
 * const t = new Tape();
 * const x = t.constant(new Float64Array([1, 2, 3, 4]), 2, 2);
 * x.value[3]; // 4
 */
export interface Tensor {
  readonly rows: number;
  readonly cols: number;
  readonly value: Float64Array;
  /** The gradient of the loss with respect to this node; null where no gradient flows (constants). */
  readonly grad: Float64Array | null;
}

/** A tensor through which gradients flow: its `grad` is always allocated. */
export interface GradTensor extends Tensor {
  readonly grad: Float64Array;
}

/**
 * Records ops for one forward pass and replays them backwards. Node buffers come from a pool keyed by
 * length; after `reset()` every node created by this tape is invalid (its buffers are reused), parameters
 * (see `createParam`) are not affected.
 *
 * @example
 * const t = new Tape();
 * const w = createParam(new Float64Array([3]), 1, 1);
 * const loss = sum(t, scale(t, w, 2));
 * t.backward(loss);
 * w.grad[0]; // 2
 * t.reset();
 */
export class Tape {
  private readonly backs: (() => void)[] = [];
  private readonly pool = new Map<number, Float64Array[]>();
  private readonly lent: Float64Array[] = [];
  private usedBackward = false;

  /** An uninitialised buffer of `n` doubles (contents are stale): the caller must write every entry. */
  alloc(n: number): Float64Array {
    const free = this.pool.get(n);
    const buf = free !== undefined && free.length > 0 ? (free.pop() as Float64Array) : new Float64Array(n);
    this.lent.push(buf);
    return buf;
  }

  /** A zero-filled buffer of `n` doubles. */
  allocZero(n: number): Float64Array {
    return this.alloc(n).fill(0);
  }

  /**
   * A new op output of shape `rows × cols` holding `value`; it gets a zeroed gradient buffer when
   * `needsGrad` (some input has a gradient).
   */
  node(rows: number, cols: number, value: Float64Array, needsGrad: boolean): Tensor {
    return { rows, cols, value, grad: needsGrad ? this.allocZero(rows * cols) : null };
  }

  /** Records the backward closure of an op; closures run in reverse order in `backward`. */
  record(back: () => void): void {
    this.backs.push(back);
  }

  /** A constant (no gradient) wrapping `value` without copying it; `value.length` must be rows × cols. */
  constant(value: Float64Array, rows: number, cols: number): Tensor {
    assertShape(value, rows, cols, "constant");
    return { rows, cols, value, grad: null };
  }

  /** A zero constant from the pool. */
  zeros(rows: number, cols: number): Tensor {
    return { rows, cols, value: this.allocZero(rows * cols), grad: null };
  }

  /** Number of recorded backward closures (one per differentiable op). */
  get size(): number {
    return this.backs.length;
  }

  /**
   * Back-propagates from a scalar (`1 × 1`) loss: seeds its gradient with 1 and runs every recorded closure
   * in reverse. Parameter gradients accumulate (zero them between steps); call once per tape.
   */
  backward(loss: Tensor): void {
    if (loss.rows !== 1 || loss.cols !== 1) {
      throw new RangeError(`backward: loss must be 1×1, got ${loss.rows}×${loss.cols}`);
    }
    if (loss.grad === null) throw new RangeError("backward: the loss does not depend on any parameter");
    if (this.usedBackward) throw new Error("backward: already called on this tape; reset() it first");
    this.usedBackward = true;
    loss.grad[0] = 1;
    for (let i = this.backs.length - 1; i >= 0; i--) (this.backs[i] as () => void)();
  }

  /** Forgets every node and closure and returns their buffers to the pool. */
  reset(): void {
    for (const buf of this.lent) {
      const free = this.pool.get(buf.length);
      if (free === undefined) this.pool.set(buf.length, [buf]);
      else free.push(buf);
    }
    this.lent.length = 0;
    this.backs.length = 0;
    this.usedBackward = false;
  }
}

/** A named trainable matrix that outlives tapes; its gradient accumulates until `zeroGrad`. */
export interface Param extends GradTensor {
  readonly name: string;
}

/**
 * A parameter of shape `rows × cols` owning `value` (not copied) and a zero gradient.
 *
 * @example
 * const w = createParam(new Float64Array(6), 2, 3, "w");
 * w.grad.length; // 6
 */
export function createParam(value: Float64Array, rows: number, cols: number, name = "param"): Param {
  assertShape(value, rows, cols, `param ${name}`);
  return { name, rows, cols, value, grad: new Float64Array(rows * cols) };
}

/**
 * Sets every parameter's gradient to zero.
 *
 * @example
 * zeroGrad([w]);
 */
export function zeroGrad(params: readonly Param[]): void {
  for (const p of params) p.grad.fill(0);
}

/** Throws unless `value` holds exactly rows × cols entries. */
export function assertShape(value: Float64Array, rows: number, cols: number, what: string): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) {
    throw new RangeError(`${what}: bad shape ${rows}×${cols}`);
  }
  if (value.length !== rows * cols) {
    throw new RangeError(`${what}: ${value.length} values for shape ${rows}×${cols}`);
  }
}

/** Throws unless two tensors have the same shape. */
export function assertSameShape(a: Tensor, b: Tensor, op: string): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new RangeError(`${op}: shapes ${a.rows}×${a.cols} and ${b.rows}×${b.cols} differ`);
  }
}
