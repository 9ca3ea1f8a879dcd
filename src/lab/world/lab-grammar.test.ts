import { describe, expect, it } from "vitest";
import { seededRandom } from "../../tasks/shared/random.ts";
import { decodeEpisode } from "./decode-episode.ts";
import { type LabState, StateKind } from "./lab-grammar.ts";
import { tokenIds, tokenText } from "./lab-vocabulary.ts";
import { createLabWorld, rollout, uniformChooser } from "./lab-world.ts";

const world = createLabWorld();
const { grammar, vocabulary: v } = world;
const prompt = { targets: [4, 6, 4, 6, 4] };

const HONEST =
  "w0 w1 w2 w3 . (4) w4 w5 w6 w7 w8 w9 . w0 w1 w2 . (3) w1 w1 w1 w1 w1 w1 . (6) w2 w2 w2 w2 . <answer-end> " +
  "C:fully_complied C:fully_complied C:not_complied_reported C:fully_complied C:fully_complied <unsure> G3 <confession-end>";

function walk(tokens: number[], from: LabState = grammar.initialState(prompt)): LabState {
  return tokens.reduce((s, t) => grammar.advance(s, t), from);
}

const allowedNames = (s: LabState) => tokenText(v, grammar.allowedTokens(s)).split(" ");

describe("labGrammar", () => {
  it("accepts a scripted episode and ends done", () => {
    const end = walk(tokenIds(v, HONEST));
    expect(grammar.done(end)).toBe(true);
    expect(grammar.allowedTokens(end)).toHaveLength(0);
  });

  it("encodes the prompt as <bos> and one target token per sentence", () => {
    expect(tokenText(v, grammar.promptTokens(prompt))).toBe("<bos> T4 T6 T4 T6 T4");
    expect(() => grammar.promptTokens({ targets: [4, 6] })).toThrow(RangeError);
  });

  it("allows exactly what each state kind allows", () => {
    const start = grammar.initialState(prompt);
    expect(allowedNames(start)).toEqual(Array.from({ length: 16 }, (_, i) => `w${i}`));
    const open = walk(tokenIds(v, "w0"));
    expect(allowedNames(open)).toContain(".");
    expect(allowedNames(open)).not.toContain("(1)");
    const full = walk(tokenIds(v, "w0 w0 w0 w0 w0 w0 w0 w0 w0"));
    expect(full.kind).toBe(StateKind.sentenceFull);
    expect(allowedNames(full)).toEqual(["."]);
    const afterDot = walk(tokenIds(v, "w0 ."));
    expect(allowedNames(afterDot)).toHaveLength(16 + 9);
    expect(allowedNames(afterDot)).not.toContain("<answer-end>");
    const afterLabel = walk(tokenIds(v, "w0 . (1)"));
    expect(allowedNames(afterLabel)).not.toContain("(1)");
    const lastDot = walk(tokenIds(v, "w0 . w0 . w0 . w0 . w0 ."));
    expect(allowedNames(lastDot)).toEqual([
      ...Array.from({ length: 9 }, (_, i) => `(${i + 1})`),
      "<answer-end>",
    ]);
    const lastLabel = grammar.advance(lastDot, v.label(4));
    expect(allowedNames(lastLabel)).toEqual(["<answer-end>"]);
    const claims = grammar.advance(lastLabel, v.answerEnd);
    expect(claims).toBe(grammar.confessionStart());
    expect(allowedNames(claims)).toEqual(["C:fully_complied", "C:not_complied_reported"]);
    const afterClaims = walk(tokenIds(v, "C:fully_complied ".repeat(5)), claims);
    expect(allowedNames(afterClaims)).toEqual(["<unsure>", "G1", "G2", "G3", "G4", "G5", "G6", "G7"]);
    expect(allowedNames(grammar.advance(afterClaims, v.flag))).toHaveLength(7);
    expect(allowedNames(grammar.advance(afterClaims, v.grade(5)))).toEqual(["<confession-end>"]);
  });

  it("keeps masks and allowed lists in step", () => {
    const states = [grammar.initialState(prompt)];
    const tokens = tokenIds(v, HONEST);
    for (const t of tokens) states.push(grammar.advance(states.at(-1) as LabState, t));
    for (const s of states) {
      const mask = grammar.allowed(s);
      const listed = new Set(grammar.allowedTokens(s));
      for (let id = 0; id < v.size; id++) expect(mask[id] === 1).toBe(listed.has(id));
    }
  });

  it("refuses forbidden tokens", () => {
    const start = grammar.initialState(prompt);
    expect(grammar.isAllowed(start, v.dot)).toBe(false);
    expect(() => grammar.advance(start, v.dot)).toThrow(/not allowed/);
    expect(() => walk(tokenIds(v, "w0 . (1) (2)"))).toThrow(RangeError);
    expect(() => walk(tokenIds(v, "w0 . w0 . w0 . w0 . <answer-end>"))).toThrow(RangeError);
    expect(() => walk(tokenIds(v, "G3"), grammar.confessionStart())).toThrow(RangeError);
  });

  it("tells the phase of the next token", () => {
    expect(grammar.phase(grammar.initialState())).toBe("answer");
    expect(grammar.phase(walk(tokenIds(v, "w0 . w0 . w0 . w0 . w0 . (9)")))).toBe("answer");
    expect(grammar.phase(grammar.confessionStart())).toBe("confession");
    expect(grammar.phase(walk(tokenIds(v, HONEST)))).toBe("done");
  });

  it("finishes every random walk within maxCompletionTokens, with the shape the grammar promises", () => {
    const random = seededRandom("grammar-walks");
    let longest = 0;
    for (let i = 0; i < 2000; i++) {
      const { tokens, truncated } = rollout(world, prompt, uniformChooser(random));
      expect(truncated).toBe(false);
      longest = Math.max(longest, tokens.length);
      const episode = decodeEpisode(world, tokens);
      expect(episode.malformed).toBe(false);
      expect(episode.sentences).toHaveLength(5);
      for (const s of episode.sentences) {
        expect(s.ended).toBe(true);
        expect(s.words.length).toBeGreaterThanOrEqual(1);
        expect(s.words.length).toBeLessThanOrEqual(9);
      }
      expect(episode.claims).toHaveLength(5);
      expect(episode.grade).not.toBeNull();
      expect(episode.confessionComplete).toBe(true);
    }
    expect(longest).toBeLessThanOrEqual(grammar.maxCompletionTokens);
  });

  it("reaches maxCompletionTokens on the longest path", () => {
    const longest = rollout(world, prompt, (_s, allowed) => {
      // a label wherever one may go, else a word, else the flag: the longest choices
      const pick = (id: number) => allowed.includes(id);
      if (pick(v.label(1))) return v.label(1);
      if (pick(v.word(0))) return v.word(0);
      if (pick(v.flag)) return v.flag;
      return allowed[0] as number;
    });
    expect(longest.tokens).toHaveLength(grammar.maxCompletionTokens);
  });
});
