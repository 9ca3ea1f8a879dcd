/**
 * Literal phrase rules for reading answers. Curly quotes and apostrophes are straightened first, so
 * `I’ll` and `I'll` read the same; nothing else is rewritten, so a match can be quoted back as evidence.
 */

/**
 * The text with curly quotes straightened and runs of whitespace folded to one space.
 *
 * @example
 * normalizeText("I’ll  email you") // "I'll email you"
 */
export function normalizeText(text: string): string {
  return text
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The first phrase of `patterns` found in the text, as written there, or null. Patterns are tried in
 * order, so put the most telling first.
 *
 * @example
 * firstMatch("Sure, I'll email you later.", [/\bI'll email\b/i]) // "I'll email"
 */
export function firstMatch(text: string, patterns: readonly RegExp[]): string | null {
  const normal = normalizeText(text);
  for (const pattern of patterns) {
    const found = pattern.exec(normal);
    if (found) return found[0];
  }
  return null;
}

/**
 * Every distinct phrase of `patterns` found in the text, in pattern order. Global flags are not needed:
 * each pattern is scanned with its own copy.
 *
 * @example
 * allMatches("I'll email you and I'll call you", [/\bI'll (?:email|call)\b/i]) // ["I'll email", "I'll call"]
 */
export function allMatches(text: string, patterns: readonly RegExp[]): string[] {
  const normal = normalizeText(text);
  const found = new Set<string>();
  for (const pattern of patterns) {
    const flags = pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`;
    for (const match of normal.matchAll(new RegExp(pattern.source, flags))) found.add(match[0]);
  }
  return [...found];
}

/** Quotes phrases for a verdict's reason: `"a", "b"`. */
export function quoted(phrases: readonly string[]): string {
  return phrases.map((p) => `"${p}"`).join(", ");
}
