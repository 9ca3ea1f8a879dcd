// bench/lab-nn: what the lab's GRU policy costs on this CPU, to size the trainer to its 10-minute budget.
// Measures, at B = 64 sequences × T = 64 positions, V = 48, E = 24, H = 64 (override: B T V E H):
//   sampling   tape-free session.step + masked temperature sampling, position by position;
//   forward    the taped teacher-forced forward alone;
//   train      forward + loss (PPO-style surrogate + entropy) + backward + Adam step.
// The baseline, measured in the same run, is the bare matmul kernel doing the same multiply-adds as each
// path, so the ratios say what the autograd, the GRU cell, the softmax and the sampling add on top.
// Run: node_modules/.bin/node bench/lab-nn.ts [B T V E H]

import {
  Adam,
  exp,
  GruPolicy,
  matmul,
  mean,
  rowEntropy,
  type SequenceBatch,
  sampleTokens,
  sub,
  Tape,
  weightedSum,
  zeroGrad,
} from "../src/lab/nn/index.ts";
import { matmulInto } from "../src/lab/nn/kernels.ts";
import { mulberry32 } from "../src/metrics/bootstrap.ts";

const [B, T, V, E, H] = [64, 64, 48, 24, 64].map((d, i) => Number(process.argv[2 + i] ?? d)) as [
  number,
  number,
  number,
  number,
  number,
];
const tokensPerBatch = B * T;

/** Median seconds per call over `reps` calls after `warm` unmeasured ones. */
function time(fn: () => void, reps: number, warm = 2): number {
  for (let i = 0; i < warm; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const started = performance.now();
    fn();
    samples.push((performance.now() - started) / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] as number;
}

const policy = GruPolicy.init({ vocabSize: V, embedDim: E, hiddenDim: H }, 1);
const random = mulberry32(2);
// a grammar-like mask: each position allows a random half of the vocabulary
function randomMask(rows: number): Float64Array {
  const mask = new Float64Array(rows * V);
  for (let i = 0; i < mask.length; i++) if (random() < 0.5) mask[i] = Number.NEGATIVE_INFINITY;
  for (let r = 0; r < rows; r++) mask[r * V] = 0; // never an empty row
  return mask;
}
const stepMasks = Array.from({ length: T }, () => randomMask(B));

// sampling: one batch of rollouts
let sampled: SequenceBatch | null = null;
let oldLogProbs = new Float64Array(0);
const sampling = time(() => {
  const session = policy.session();
  const tokens = new Int32Array(B * T);
  const mask = new Float64Array(B * T * V);
  oldLogProbs = new Float64Array(B * T);
  let h = session.initialState(B);
  let inputs: Int32Array = new Int32Array(B);
  for (let s = 0; s < T; s++) {
    const step = session.step(inputs, h);
    const stepMask = stepMasks[s] as Float64Array;
    const draw = sampleTokens(step.logits, V, random, { temperature: 1, mask: stepMask });
    for (let b = 0; b < B; b++) {
      tokens[b * T + s] = draw.tokens[b] as number;
      oldLogProbs[b * T + s] = draw.logProbs[b] as number;
      mask.set(stepMask.subarray(b * V, (b + 1) * V), (b * T + s) * V);
    }
    h = step.h;
    inputs = draw.tokens;
  }
  sampled = { batch: B, length: T, tokens, start: 0, mask };
}, 7);
const batch = sampled as unknown as SequenceBatch;

const tape = new Tape();
const forward = time(() => {
  policy.forward(tape, batch);
  tape.reset();
}, 7);

const adam = new Adam(policy.params, { lr: 1e-4, maxGradNorm: 1 });
const advantages = new Float64Array(B * T).map(() => random() - 0.5);
const train = time(() => {
  zeroGrad(policy.params);
  const { logProbs, tokenLogProbs } = policy.forward(tape, batch);
  const ratio = exp(tape, sub(tape, tokenLogProbs, tape.constant(oldLogProbs, B * T, 1)));
  const loss = sub(tape, weightedSum(tape, ratio, advantages), mean(tape, rowEntropy(tape, logProbs)));
  tape.backward(loss);
  tape.reset();
  adam.step();
}, 7);

// multiply-adds per batch of each path (matmuls only)
const projection = V * E * 3 * H;
const recurrent = T * B * H * 3 * H;
const readout = B * T * H * V;
const samplingMacs = projection + recurrent + readout;
const forwardMacs = samplingMacs;
const trainMacs = 3 * forwardMacs; // backward: one product each for the input and the weight gradients

// baseline: the bare kernel on [B, H] · [H, 3H], repeated to a given number of multiply-adds
const a = new Float64Array(B * H).map(() => random());
const w = new Float64Array(H * 3 * H).map(() => random());
const c = new Float64Array(B * 3 * H);
const unit = B * H * 3 * H;
const kernelTime = (macs: number) =>
  time(() => {
    for (let done = 0; done < macs; done += unit) matmulInto(a, w, c, B, H, 3 * H);
  }, 7);
const baseSampling = kernelTime(samplingMacs);
const baseTrain = kernelTime(trainMacs);
// and the same product through the tape (forward + backward), to isolate tape overhead on matmul alone
const tapeKernel = time(() => {
  const p = { name: "w", rows: H, cols: 3 * H, value: w, grad: new Float64Array(H * 3 * H) };
  const x = tape.constant(a, B, H);
  let total = 0;
  for (let done = 0; done < trainMacs; done += 3 * unit) {
    const y = matmul(tape, x, p);
    total += y.value[0] as number;
  }
  void total;
  tape.reset();
}, 7);

const fmt = (x: number) => x.toFixed(0).padStart(9);
const gflops = (macs: number, s: number) => ((2 * macs) / s / 1e9).toFixed(2);
console.log(
  `lab-nn bench  B=${B} T=${T} V=${V} E=${E} H=${H}  (${tokensPerBatch} tokens per batch), node ${process.version}`,
);
console.log("path                     ms/batch   tokens/s  GFLOP/s  baseline ms  ×baseline");
const line = (name: string, s: number, macs: number, base: number) =>
  console.log(
    `${name.padEnd(22)} ${(s * 1000).toFixed(1).padStart(9)} ${fmt(tokensPerBatch / s)} ${gflops(macs, s).padStart(8)} ${(base * 1000).toFixed(1).padStart(12)} ${(s / base).toFixed(2).padStart(10)}`,
  );
line("sampling (no tape)", sampling, samplingMacs, baseSampling);
line("forward (tape)", forward, forwardMacs, baseSampling);
line("forward+backward+Adam", train, trainMacs, baseTrain);
console.log(
  `baseline kernel: ${gflops(trainMacs, baseTrain)} GFLOP/s; taped matmul forward alone: ${gflops(trainMacs / 3, tapeKernel)} GFLOP/s`,
);
const perIteration = sampling + train;
console.log(
  `one sample+train iteration on ${tokensPerBatch} tokens: ${(perIteration * 1000).toFixed(0)} ms → about ${Math.floor(600 / perIteration)} iterations in 10 minutes`,
);
