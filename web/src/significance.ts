/**
 * Whether a difference's 95% interval lies wholly above or below 0 ("up" / "down"), else null: only then is
 * a delta marked and coloured.
 *
 * @example
 * significance([0.01, 0.2]) // "up"
 * significance([-0.1, 0.2]) // null
 */
export function significance(ci: readonly [number, number] | null | undefined): "up" | "down" | null {
  if (!ci) return null;
  if (ci[0] > 0) return "up";
  if (ci[1] < 0) return "down";
  return null;
}
