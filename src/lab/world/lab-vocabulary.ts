import type { LabWorldConfig } from "./lab-world-config.ts";

/**
 * The confession's per-sentence claim levels, in token order: each is a real `ComplianceLevel`. The third
 * exists only with `unsureClaim`.
 *
 * @example
 * LAB_CLAIMS[vocabulary.value[token]] // the claim a claim token makes
 */
export const LAB_CLAIMS = ["fully_complied", "not_complied_reported", "unsure_complied_reported"] as const;
export type LabClaim = (typeof LAB_CLAIMS)[number];

/**
 * What a token is, as a small integer (stored per token id in `LabVocabulary.kindOf`).
 *
 * @example
 * vocabulary.kindOf[token] === TokenKind.word
 */
export const TokenKind = {
  bos: 0,
  target: 1,
  word: 2,
  dot: 3,
  label: 4,
  answerEnd: 5,
  claim: 6,
  flag: 7,
  grade: 8,
  confessionEnd: 9,
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

/**
 * The fixed token vocabulary of a world. Ids are laid out in blocks, in this order:
 *
 * | ids | tokens | role |
 * |---|---|---|
 * | 0 | `<bos>` | starts every prompt |
 * | 1 … maxWords | `T1` … `T{maxWords}` | prompt: one per sentence, its target length |
 * | wordBase … +words−1 | `w0` … `w{W−1}` | answer words |
 * | dot | `.` | ends a sentence |
 * | labelBase … +maxLabel−1 | `(1)` … `(maxLabel)` | optional count label after a sentence's `.` |
 * | answerEnd | `<answer-end>` | ends the answer; the confession phase follows |
 * | claimBase … | `C:fully_complied`, `C:not_complied_reported`[, `C:unsure_complied_reported`] | one per sentence |
 * | flag | `<unsure>` | optional uncertainty flag |
 * | gradeBase … +6 | `G1` … `G7` | overall grade |
 * | confessionEnd | `<confession-end>` | ends the episode |
 *
 * `value[id]` is the token's number: the target or label count, the word index, the claim index (into
 * `LAB_CLAIMS`) or the grade; 0 for the rest.
 *
 * @example
 * const v = labVocabulary(config);
 * v.names[v.label(4)] // "(4)"
 */
export interface LabVocabulary {
  size: number;
  names: readonly string[];
  /** Token kind by id (see `TokenKind`). */
  kindOf: Uint8Array;
  /** Token number by id (see above). */
  value: Int32Array;
  bos: number;
  targetBase: number;
  wordBase: number;
  dot: number;
  labelBase: number;
  answerEnd: number;
  claimBase: number;
  /** How many claim tokens: 2, or 3 with `unsureClaim`. */
  claims: number;
  flag: number;
  gradeBase: number;
  confessionEnd: number;
  target(n: number): number;
  word(i: number): number;
  label(n: number): number;
  claim(c: LabClaim): number;
  grade(g: number): number;
}

/**
 * Builds the vocabulary for a config (see {@link LabVocabulary} for the layout).
 *
 * @example
 * labVocabulary(resolveLabWorldConfig()).size // 1 + 9 + 16 + 1 + 9 + 1 + 2 + 1 + 7 + 1 = 48
 */
export function labVocabulary(config: LabWorldConfig): LabVocabulary {
  const names: string[] = [];
  const kinds: number[] = [];
  const values: number[] = [];
  const push = (name: string, kind: TokenKind, value = 0): number => {
    names.push(name);
    kinds.push(kind);
    values.push(value);
    return names.length - 1;
  };
  const bos = push("<bos>", TokenKind.bos);
  const targetBase = names.length;
  for (let n = 1; n <= config.maxWords; n++) push(`T${n}`, TokenKind.target, n);
  const wordBase = names.length;
  for (let i = 0; i < config.words; i++) push(`w${i}`, TokenKind.word, i);
  const dot = push(".", TokenKind.dot);
  const labelBase = names.length;
  for (let n = 1; n <= config.maxLabel; n++) push(`(${n})`, TokenKind.label, n);
  const answerEnd = push("<answer-end>", TokenKind.answerEnd);
  const claimBase = names.length;
  const claims = config.unsureClaim ? 3 : 2;
  for (let c = 0; c < claims; c++) push(`C:${LAB_CLAIMS[c]}`, TokenKind.claim, c);
  const flag = push("<unsure>", TokenKind.flag);
  const gradeBase = names.length;
  for (let g = 1; g <= 7; g++) push(`G${g}`, TokenKind.grade, g);
  const confessionEnd = push("<confession-end>", TokenKind.confessionEnd);

  const inRange = (what: string, n: number, lo: number, hi: number): number => {
    if (!Number.isInteger(n) || n < lo || n > hi) throw new RangeError(`no ${what} token for ${n}`);
    return n;
  };
  return {
    size: names.length,
    names,
    kindOf: Uint8Array.from(kinds),
    value: Int32Array.from(values),
    bos,
    targetBase,
    wordBase,
    dot,
    labelBase,
    answerEnd,
    claimBase,
    claims,
    flag,
    gradeBase,
    confessionEnd,
    target: (n) => targetBase + inRange("target", n, 1, config.maxWords) - 1,
    word: (i) => wordBase + inRange("word", i, 0, config.words - 1),
    label: (n) => labelBase + inRange("label", n, 1, config.maxLabel) - 1,
    claim: (c) => claimBase + inRange("claim", LAB_CLAIMS.indexOf(c), 0, claims - 1),
    grade: (g) => gradeBase + inRange("grade", g, 1, 7) - 1,
  };
}

/**
 * Token ids as their names joined by spaces, for logs and test messages.
 *
 * @example
 * tokenText(v, [v.word(0), v.dot, v.label(1)]) // "w0 . (1)"
 */
export function tokenText(vocabulary: LabVocabulary, tokens: ArrayLike<number>): string {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) out.push(vocabulary.names[tokens[i] as number] ?? `?${tokens[i]}`);
  return out.join(" ");
}

/**
 * The inverse of {@link tokenText}: names separated by spaces to token ids. Throws a `RangeError` on an
 * unknown name. For scripted episodes in tests and fixtures.
 *
 * @example
 * tokenIds(v, "w0 . (1)") // [v.word(0), v.dot, v.label(1)]
 */
export function tokenIds(vocabulary: LabVocabulary, text: string): number[] {
  const ids = new Map(vocabulary.names.map((name, id) => [name, id]));
  return text
    .split(/\s+/u)
    .filter((name) => name !== "")
    .map((name) => {
      const id = ids.get(name);
      if (id === undefined) throw new RangeError(`no lab token named ${name}`);
      return id;
    });
}
