// Float64Array ↔ base64 of its little-endian bytes: exact to the bit in JSON checkpoints.

/**
 * @example
 * decodeFloat64(encodeFloat64(new Float64Array([0.1]))) // Float64Array [0.1]
 */
export function encodeFloat64(values: Float64Array): string {
  const bytes = Buffer.alloc(values.length * 8);
  for (let i = 0; i < values.length; i++) bytes.writeDoubleLE(values[i] as number, i * 8);
  return bytes.toString("base64");
}

/**
 * @example
 * decodeFloat64("mpmZmZmZuT8=") // Float64Array [0.1]
 */
export function decodeFloat64(text: string): Float64Array {
  const bytes = Buffer.from(text, "base64");
  if (bytes.length % 8 !== 0) throw new TypeError("float64 data: byte count not a multiple of 8");
  const out = new Float64Array(bytes.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readDoubleLE(i * 8);
  return out;
}
