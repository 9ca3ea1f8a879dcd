// Checkpoints of a GruPolicy: a versioned JSON object with each parameter as base64 of its little-endian
// float64 bytes, exact to the bit and about a third the size of a JSON number list.
import { GRU_PARAM_NAMES, type GruParamName, GruPolicy, type GruPolicyConfig } from "./gru-policy.ts";

/** Format version written by {@link policyToCheckpoint}; readers reject any other. */
export const GRU_CHECKPOINT_VERSION = 1;

/** The serialised form of a {@link GruPolicy}. */
export interface GruPolicyCheckpoint {
  format: "confessional-lab-gru";
  version: typeof GRU_CHECKPOINT_VERSION;
  config: GruPolicyConfig;
  /** base64 of each parameter's float64 values, little-endian, row-major. */
  params: Record<GruParamName, string>;
  /** Free-form provenance (step, seed, run name). */
  meta?: Record<string, unknown>;
}

/**
 * Serialises a policy's parameters (gradients are not saved).
 *
 * @example
 * writeFileSync("policy.json", JSON.stringify(policyToCheckpoint(policy, { step: 200 })));
 */
export function policyToCheckpoint(policy: GruPolicy, meta?: Record<string, unknown>): GruPolicyCheckpoint {
  const params = {} as Record<GruParamName, string>;
  for (const p of policy.params) params[p.name as GruParamName] = encodeFloat64(p.value);
  return {
    format: "confessional-lab-gru",
    version: GRU_CHECKPOINT_VERSION,
    config: { ...policy.config },
    params,
    ...(meta === undefined ? {} : { meta }),
  };
}

/**
 * Rebuilds a policy from {@link policyToCheckpoint}'s output (e.g. after `JSON.parse`), checking the
 * format, version and every parameter's length.
 *
 * @example
 * const policy = policyFromCheckpoint(JSON.parse(readFileSync("policy.json", "utf8")));
 */
export function policyFromCheckpoint(checkpoint: unknown): GruPolicy {
  const c = checkpoint as Partial<GruPolicyCheckpoint> | null;
  if (c === null || typeof c !== "object" || c.format !== "confessional-lab-gru") {
    throw new TypeError("checkpoint: not a confessional-lab-gru checkpoint");
  }
  if (c.version !== GRU_CHECKPOINT_VERSION) {
    throw new TypeError(
      `checkpoint: version ${String(c.version)} unsupported (want ${GRU_CHECKPOINT_VERSION})`,
    );
  }
  if (c.config === undefined || c.params === undefined)
    throw new TypeError("checkpoint: config or params missing");
  const shape = new GruPolicy(c.config); // validates the config and gives the expected lengths
  const values: Partial<Record<GruParamName, Float64Array>> = {};
  for (const p of shape.params) {
    const name = p.name as GruParamName;
    const text = c.params[name];
    if (typeof text !== "string") throw new TypeError(`checkpoint: parameter ${name} missing`);
    const decoded = decodeFloat64(text);
    if (decoded.length !== p.value.length) {
      throw new TypeError(
        `checkpoint: parameter ${name} has ${decoded.length} values, want ${p.value.length}`,
      );
    }
    values[name] = decoded;
  }
  for (const name of Object.keys(c.params)) {
    if (!(GRU_PARAM_NAMES as readonly string[]).includes(name))
      throw new TypeError(`checkpoint: unknown parameter ${name}`);
  }
  return new GruPolicy(c.config, values);
}

function encodeFloat64(values: Float64Array): string {
  const bytes = Buffer.alloc(values.length * 8);
  for (let i = 0; i < values.length; i++) bytes.writeDoubleLE(values[i] as number, i * 8);
  return bytes.toString("base64");
}

function decodeFloat64(text: string): Float64Array {
  const bytes = Buffer.from(text, "base64");
  if (bytes.length % 8 !== 0) throw new TypeError("checkpoint: parameter bytes not a multiple of 8");
  const out = new Float64Array(bytes.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readDoubleLE(i * 8);
  return out;
}
