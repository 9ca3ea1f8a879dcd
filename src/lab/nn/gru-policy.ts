// The lab's policy: token embedding → one GRU layer → linear readout over the vocabulary. The training
// forward runs on a tape with the batch advancing one timestep at a time ([B, H] per step, four nodes per
// step); the tape-free sampling path lives in policy-session.ts and computes bit-identical numbers.
import { mulberry32 } from "../../metrics/bootstrap.ts";
import { gruCell } from "./gru-cell.ts";
import { gatherRows, pickColumns, stackTime } from "./ops-gather.ts";
import { add, matmul, scale } from "./ops-linear.ts";
import { logSoftmax } from "./ops-softmax.ts";
import { PolicySession, type PolicyStep } from "./policy-session.ts";
import { inputsAt, type SequenceBatch, validateBatch } from "./sequence-batch.ts";
import { createParam, type Param, type Tape, type Tensor } from "./tape.ts";

/** Sizes of a {@link GruPolicy}. */
export interface GruPolicyConfig {
  /** V: vocabulary size. */
  vocabSize: number;
  /** E: embedding width. */
  embedDim: number;
  /** H: GRU state width. */
  hiddenDim: number;
}

/** Parameter names, in the fixed order of {@link GruPolicy.params} and of checkpoints. */
export const GRU_PARAM_NAMES = [
  "embedding",
  "inputWeight",
  "inputBias",
  "hiddenWeight",
  "hiddenBias",
  "outputWeight",
  "outputBias",
] as const;
export type GruParamName = (typeof GRU_PARAM_NAMES)[number];

/** What the training forward returns (all nodes of the tape it ran on). */
export interface PolicyForward {
  /** Logits [B·T, V] (before temperature), batch-major rows b·T + t. */
  logits: Tensor;
  /** Masked log-softmax [B·T, V] (after temperature); −∞ at forbidden tokens. For entropy and KL. */
  logProbs: Tensor;
  /** Log-prob of each taken token [B·T, 1]. */
  tokenLogProbs: Tensor;
  /** Hidden state after the last position [B, H]. */
  finalState: Tensor;
}

/**
 * A small GRU language policy over V tokens, with parameters (PyTorch `nn.GRU` layout, gate blocks
 * r | z | n): embedding [V, E], inputWeight [E, 3H], inputBias [1, 3H], hiddenWeight [H, 3H],
 * hiddenBias [1, 3H], outputWeight [H, V], outputBias [1, V].
 *
 * @example
 * const policy = GruPolicy.init({ vocabSize: 48, embedDim: 24, hiddenDim: 64 }, 7);
 * const t = new Tape();
 * const { tokenLogProbs } = policy.forward(t, batch);
 * t.backward(weightedSum(t, tokenLogProbs, weights));
 */
export class GruPolicy {
  readonly config: Readonly<GruPolicyConfig>;
  readonly embedding: Param;
  readonly inputWeight: Param;
  readonly inputBias: Param;
  readonly hiddenWeight: Param;
  readonly hiddenBias: Param;
  readonly outputWeight: Param;
  readonly outputBias: Param;

  /** A policy with the given parameter values (copied), or zeros where absent; see {@link GruPolicy.init}. */
  constructor(config: GruPolicyConfig, values: Partial<Record<GruParamName, Float64Array>> = {}) {
    const { vocabSize: V, embedDim: E, hiddenDim: H } = config;
    for (const [k, v] of Object.entries(config)) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`GruPolicy: ${k} must be a positive integer`);
    }
    this.config = { vocabSize: V, embedDim: E, hiddenDim: H };
    const make = (name: GruParamName, rows: number, cols: number): Param => {
      const given = values[name];
      return createParam(
        given === undefined ? new Float64Array(rows * cols) : given.slice(),
        rows,
        cols,
        name,
      );
    };
    this.embedding = make("embedding", V, E);
    this.inputWeight = make("inputWeight", E, 3 * H);
    this.inputBias = make("inputBias", 1, 3 * H);
    this.hiddenWeight = make("hiddenWeight", H, 3 * H);
    this.hiddenBias = make("hiddenBias", 1, 3 * H);
    this.outputWeight = make("outputWeight", H, V);
    this.outputBias = make("outputBias", 1, V);
  }

  /**
   * A freshly initialised policy, deterministic for `seed`: embedding N(0, 1) as `nn.Embedding`, GRU
   * weights and biases U(±1/√H) as `nn.GRU`, readout weights U(±1/√H) and a zero readout bias so the
   * untrained policy starts close to uniform.
   *
   * @example
   * const a = GruPolicy.init({ vocabSize: 8, embedDim: 4, hiddenDim: 8 }, 1);
   */
  static init(config: GruPolicyConfig, seed: number): GruPolicy {
    const policy = new GruPolicy(config);
    const random = mulberry32(seed);
    const k = 1 / Math.sqrt(config.hiddenDim);
    const uniform = (p: Param) => {
      for (let i = 0; i < p.value.length; i++) p.value[i] = (2 * random() - 1) * k;
    };
    // Box–Muller; 1 − u keeps the log's argument in (0, 1]
    for (let i = 0; i < policy.embedding.value.length; i++) {
      const u = 1 - random();
      const v = random();
      policy.embedding.value[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
    uniform(policy.inputWeight);
    uniform(policy.inputBias);
    uniform(policy.hiddenWeight);
    uniform(policy.hiddenBias);
    uniform(policy.outputWeight);
    return policy;
  }

  /** Every parameter, in {@link GRU_PARAM_NAMES} order (what an optimizer updates). */
  get params(): Param[] {
    return [
      this.embedding,
      this.inputWeight,
      this.inputBias,
      this.hiddenWeight,
      this.hiddenBias,
      this.outputWeight,
      this.outputBias,
    ];
  }

  /** A deep copy (parameter values; gradients start at zero): a frozen reference or an "old" policy. */
  clone(): GruPolicy {
    const values: Partial<Record<GruParamName, Float64Array>> = {};
    for (const p of this.params) values[p.name as GruParamName] = p.value;
    return new GruPolicy(this.config, values);
  }

  /** Overwrites this policy's parameter values with `other`'s (same config). */
  copyFrom(other: GruPolicy): void {
    const mine = this.params;
    other.params.forEach((p, i) => {
      const target = mine[i] as Param;
      if (target.value.length !== p.value.length) throw new RangeError("copyFrom: configs differ");
      target.value.set(p.value);
    });
  }

  /**
   * A frozen, tape-free snapshot for sampling and scoring (see {@link PolicySession}); make one per
   * rollout phase, after the optimizer step.
   *
   * @example
   * const session = policy.session();
   */
  session(): PolicySession {
    return new PolicySession(this);
  }

  /**
   * One tape-free step from the current parameters: `tokens` [B] fed with state `h` [B, H] → next-token
   * logits [B, V] and the new state. Snapshots the parameters on every call; loops should hold a
   * {@link PolicySession} instead.
   *
   * @example
   * const { logits, h } = policy.step([bos, bos], new Float64Array(2 * 64));
   */
  step(tokens: ArrayLike<number>, h: Float64Array): PolicyStep {
    return this.session().step(tokens, h);
  }

  /**
   * The differentiable teacher-forced forward: per-position log-softmax (masked by the grammar) and the
   * log-prob of each taken token. `temperature` divides the logits, as the sampler does.
   *
   * @example
   * const t = new Tape();
   * const out = policy.forward(t, { batch: 64, length: 64, start: 0, tokens, mask });
   * out.tokenLogProbs.value; // [B·T] log π(token | prefix)
   */
  forward(t: Tape, batch: SequenceBatch, options: { temperature?: number } = {}): PolicyForward {
    const { vocabSize: V, hiddenDim: H } = this.config;
    validateBatch(batch, V, H);
    const temperature = options.temperature ?? 1;
    if (!(temperature > 0)) throw new RangeError(`forward: temperature must be > 0, got ${temperature}`);
    const B = batch.batch;
    // x·W_x + b_x depends only on the token: project the whole table once ([V, 3H]) and gather per step
    const inputProjection = add(t, matmul(t, this.embedding, this.inputWeight), this.inputBias);
    let h: Tensor = batch.h0 == null ? t.zeros(B, H) : t.constant(batch.h0, B, H);
    const states: Tensor[] = [];
    for (let s = 0; s < batch.length; s++) {
      const gx = gatherRows(t, inputProjection, inputsAt(batch, s));
      const gh = add(t, matmul(t, h, this.hiddenWeight), this.hiddenBias);
      h = gruCell(t, gx, gh, h);
      states.push(h);
    }
    const logits = add(t, matmul(t, stackTime(t, states), this.outputWeight), this.outputBias);
    const scaled = temperature === 1 ? logits : scale(t, logits, 1 / temperature);
    const logProbs = logSoftmax(t, scaled, batch.mask ?? null);
    const tokenLogProbs = pickColumns(t, logProbs, batch.tokens);
    return { logits, logProbs, tokenLogProbs, finalState: h };
  }
}
