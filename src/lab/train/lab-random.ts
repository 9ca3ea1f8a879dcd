// A seeded uniform stream whose whole state is one uint32, so a checkpoint can save it and a resumed run
// draws exactly the numbers the uninterrupted run would have drawn.
import { hashString } from "../../tasks/shared/random.ts";

/**
 * mulberry32 with its state exposed. `next()` gives a number in [0, 1).
 *
 * @example
 * const r = LabRandom.derive(1, "sampling");
 * const saved = r.state;
 * r.next(); LabRandom.fromState(saved).next(); // the same number
 */
export class LabRandom {
  /** The uint32 state; restore it with {@link LabRandom.fromState}. */
  state: number;

  constructor(state: number) {
    this.state = state >>> 0;
  }

  /** A stream for one purpose (`"sampling"`, `"warm-start"`, …) of one run seed: streams never overlap by design. */
  static derive(seed: number, purpose: string): LabRandom {
    return new LabRandom(hashString(`confessional.lab\0${seed}\0${purpose}`));
  }

  static fromState(state: number): LabRandom {
    return new LabRandom(state);
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** `next` as a plain function, for APIs that take `() => number`. */
  fn(): () => number {
    return () => this.next();
  }
}
