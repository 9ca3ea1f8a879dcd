// The GRU cell as one fused op: four tape nodes per timestep (gather, matmul, bias, cell) instead of the
// fifteen or so the same maths takes in primitive ops; its gradient is checked against both finite
// differences and the primitive-op composition in the tests.
import { gruCellForward } from "./kernels.ts";
import type { Tape, Tensor } from "./tape.ts";

/**
 * One GRU step for a batch: `gx`, `gh` [B, 3H] are the input and hidden projections with biases, in gate
 * blocks r | z | n, and `h` [B, H] the previous state → the new state [B, H] (PyTorch's `nn.GRU` maths):
 *   r = σ(gx_r + gh_r), z = σ(gx_z + gh_z), n = tanh(gx_n + r ⊙ gh_n), h' = (1 − z) ⊙ n + z ⊙ h.
 *
 * @example
 * const hNext = gruCell(t, gatherRows(t, inputProj, tokens), add(t, matmul(t, h, wh), bh), h);
 */
export function gruCell(t: Tape, gx: Tensor, gh: Tensor, h: Tensor): Tensor {
  const B = h.rows;
  const H = h.cols;
  if (gx.rows !== B || gh.rows !== B || gx.cols !== 3 * H || gh.cols !== 3 * H) {
    throw new RangeError(`gruCell: gx ${gx.rows}×${gx.cols}, gh ${gh.rows}×${gh.cols}, h ${B}×${H}`);
  }
  const needsGrad = gx.grad !== null || gh.grad !== null || h.grad !== null;
  const gates = needsGrad ? t.alloc(B * 3 * H) : null;
  const value = t.alloc(B * H);
  gruCellForward(gx.value, gh.value, h.value, value, gates, B, H);
  const out = t.node(B, H, value, needsGrad);
  if (out.grad !== null && gates !== null) {
    const dOut = out.grad;
    t.record(() => {
      const dgx = gx.grad;
      const dgh = gh.grad;
      const dh = h.grad;
      const hv = h.value;
      const ghv = gh.value;
      for (let b = 0; b < B; b++) {
        const g = b * 3 * H;
        const s = b * H;
        for (let j = 0; j < H; j++) {
          const r = gates[g + j] as number;
          const z = gates[g + H + j] as number;
          const n = gates[g + 2 * H + j] as number;
          const d = dOut[s + j] as number;
          const hPrev = hv[s + j] as number;
          if (dh !== null) dh[s + j] = (dh[s + j] as number) + d * z;
          const dan = d * (1 - z) * (1 - n * n);
          const daz = d * (hPrev - n) * z * (1 - z);
          const dar = dan * (ghv[g + 2 * H + j] as number) * r * (1 - r);
          if (dgx !== null) {
            dgx[g + j] = (dgx[g + j] as number) + dar;
            dgx[g + H + j] = (dgx[g + H + j] as number) + daz;
            dgx[g + 2 * H + j] = (dgx[g + 2 * H + j] as number) + dan;
          }
          if (dgh !== null) {
            dgh[g + j] = (dgh[g + j] as number) + dar;
            dgh[g + H + j] = (dgh[g + H + j] as number) + daz;
            dgh[g + 2 * H + j] = (dgh[g + 2 * H + j] as number) + dan * r;
          }
        }
      }
    });
  }
  return out;
}
