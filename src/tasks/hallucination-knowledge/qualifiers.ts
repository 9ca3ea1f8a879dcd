const BEFORE =
  /(?:\babout|\baround|\bapproximately|\bapprox\.?|\broughly|\bcirca|\bc\.|\bca\.|\bnearly|\balmost|\bover|\bunder|\bmore than|\bless than|\bfewer than|\bat least|\bat most|\bup to|\bsome|\bafter|\bbefore|\bby|\bsince|\buntil|\btill|\bbetween|\bearly|\bmid|\blate|\bsometime in|\bestimated|\bapproximate|\bnot|\bisn't|\bwasn't|~|>|<)(?:\s+(?:the|in|on))?[\s-]*[$€£¥]?\s*$/i;
const AFTER =
  /^(?:\s*(?:\+|or so\b|or more\b|or fewer\b|or less\b|or later\b|or earlier\b|-ish\b|ish\b)|\+)/i;

/**
 * Whether a number or date is said with a hedge, a bound or a negation ("about 120", "after 1900",
 * "not 1907", "200 or so"), given the text just before and just after it. Such a mention neither
 * confirms nor contradicts a gold answer.
 *
 * @example
 * isQualified("It was sometime after ", " in Paris.") // true
 */
export function isQualified(before: string, after: string): boolean {
  return BEFORE.test(before.slice(-30)) || AFTER.test(after);
}
