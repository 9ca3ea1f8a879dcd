import { createHash, timingSafeEqual } from "node:crypto";

const digest = (text: string): Buffer => createHash("sha256").update(text, "utf8").digest();

/**
 * Compares a presented token with the server's in constant time: both are hashed first, so neither the
 * content nor the length of the secret leaks through timing.
 *
 * @example
 * tokenMatches("s3cret", "s3cret") // true
 */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * The token a request presents: `Authorization: Bearer <token>`, else the `token` query parameter (for
 * engines that cannot set headers). Undefined when it presents none.
 *
 * @example
 * presentedToken("Bearer abc", undefined) // "abc"
 * presentedToken(undefined, "abc")        // "abc"
 */
export function presentedToken(
  authorization: string | undefined,
  query: string | undefined,
): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (bearer) return bearer[1];
  return query !== undefined && query !== "" ? query : undefined;
}
