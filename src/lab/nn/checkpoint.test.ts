import { describe, expect, it } from "vitest";
import { GRU_CHECKPOINT_VERSION, policyFromCheckpoint, policyToCheckpoint } from "./checkpoint.ts";
import { GruPolicy } from "./gru-policy.ts";

describe("GRU checkpoints", () => {
  const policy = GruPolicy.init({ vocabSize: 9, embedDim: 4, hiddenDim: 6 }, 42);

  it("round-trips through JSON to the same bits and the same outputs", () => {
    const json = JSON.stringify(policyToCheckpoint(policy, { step: 3 }));
    const parsed = JSON.parse(json);
    expect(parsed.version).toBe(GRU_CHECKPOINT_VERSION);
    expect(parsed.meta).toEqual({ step: 3 });
    const restored = policyFromCheckpoint(parsed);
    expect(restored.config).toEqual(policy.config);
    policy.params.forEach((p, i) => {
      expect(Object.is(p.value[0], restored.params[i]?.value[0])).toBe(true);
      expect([...(restored.params[i]?.value ?? [])]).toEqual([...p.value]);
    });
    const h = new Float64Array(2 * 6);
    expect([...restored.step([3, 8], h).logits]).toEqual([...policy.step([3, 8], h).logits]);
  });

  it("rejects other versions, formats and wrong lengths", () => {
    const good = policyToCheckpoint(policy);
    expect(() => policyFromCheckpoint({ ...good, version: 2 })).toThrow(/version/);
    expect(() => policyFromCheckpoint({ ...good, format: "other" })).toThrow(/not a/);
    expect(() => policyFromCheckpoint(null)).toThrow(TypeError);
    const short = { ...good, params: { ...good.params, outputBias: good.params.inputBias } };
    expect(() => policyFromCheckpoint(short)).toThrow(/outputBias/);
    const { embedding: _, ...rest } = good.params;
    expect(() => policyFromCheckpoint({ ...good, params: rest })).toThrow(/embedding missing/);
  });
});
