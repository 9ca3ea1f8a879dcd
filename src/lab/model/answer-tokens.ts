// The inverse of `renderAnswer`: an answer's text back into the world's answer tokens, so a lab policy can
// confess about an answer it (or another lab checkpoint of the same world) wrote in an earlier call.
import { err, ok, type Result } from "../../errors/result.ts";
import { type LabWorld, labWordText, StateKind } from "../world/index.ts";

// one piece per match: whitespace, a `(N)` label, a `.`, a word, or any other character (an error)
const PIECES = /(\s+)|\((\d+)\)|(\.)|([\p{L}\p{N}]+)|(.)/gsu;

const wordIndexes = new WeakMap<LabWorld, Map<string, number>>();

/** The world's word texts (lowercase) to word indices, built once per world. */
function wordIndex(world: LabWorld): Map<string, number> {
  let index = wordIndexes.get(world);
  if (!index) {
    index = new Map();
    for (let i = 0; i < world.config.words; i++) index.set(labWordText(i), i);
    wordIndexes.set(world, index);
  }
  return index;
}

/**
 * Reads an answer text into the world's answer tokens, `<answer-end>` included: words (as `renderAnswer`
 * writes them, any case), `.` and ` (N)` labels, walked through the grammar. Fails with a reason naming the
 * first thing the world cannot say: a word outside its vocabulary, a label above `maxLabel`, a sentence
 * longer than `maxWords`, or a sentence count other than the world's.
 *
 * @example
 * answerTokens(world, "Tea stone. (2) Moss lamp bread. …") // { ok: true, value: [w0, w1, ., (2), w3, …, <answer-end>] }
 * answerTokens(world, "The cat sat.") // { ok: false, error: "\"the\" is not a word of the lab world" }
 */
export function answerTokens(world: LabWorld, text: string): Result<number[], string> {
  const { grammar, vocabulary: v, config } = world;
  const words = wordIndex(world);
  const tokens: number[] = [];
  let state = grammar.initialState();
  for (const match of text.matchAll(PIECES)) {
    if (match[1] !== undefined) continue;
    let token: number;
    if (match[2] !== undefined) {
      const n = Number(match[2]);
      if (n < 1 || n > config.maxLabel)
        return err(`label (${match[2]}) is outside (1)..(${config.maxLabel})`);
      token = v.label(n);
    } else if (match[3] !== undefined) {
      token = v.dot;
    } else if (match[4] !== undefined) {
      const index = words.get(match[4].toLowerCase());
      if (index === undefined) return err(`"${match[4]}" is not a word of the lab world`);
      token = v.word(index);
    } else {
      return err(`unexpected character ${JSON.stringify(match[5])}`);
    }
    if (!grammar.isAllowed(state, token)) return err(whyNot(world, state.kind, state.sentence, token));
    state = grammar.advance(state, token);
    tokens.push(token);
  }
  if (!grammar.isAllowed(state, v.answerEnd)) {
    if (state.words > 0) return err(`sentence ${state.sentence + 1} does not end with "."`);
    return err(`the answer has ${state.sentence} sentences; the world wants ${config.sentences}`);
  }
  tokens.push(v.answerEnd);
  return ok(tokens);
}

/** Why `token` cannot come next, in the answer's terms. */
function whyNot(world: LabWorld, kind: StateKind, sentence: number, token: number): string {
  const { vocabulary: v, config } = world;
  const name = v.names[token] ?? String(token);
  if (kind === StateKind.sentenceFull) {
    return `sentence ${sentence + 1} has more than ${config.maxWords} words, the most the world allows`;
  }
  if (kind === StateKind.afterLastDot || kind === StateKind.afterLastLabel) {
    return `the answer goes on after its ${config.sentences}th sentence (the world wants ${config.sentences})`;
  }
  if (token === v.dot) return `sentence ${sentence + 1} ends before it has a word (an empty sentence)`;
  return `"${name}" cannot come here (sentence ${sentence + 1})`;
}
