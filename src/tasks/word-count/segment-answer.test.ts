import { describe, expect, it } from "vitest";
import { stripCountLabels } from "./count-labels.ts";
import { segmentAnswer } from "./segment-answer.ts";

const labelsOf = (answer: string) => segmentAnswer(answer).map((s) => s.label);
const textsOf = (answer: string) => segmentAnswer(answer).map((s) => s.text);

describe("segmentAnswer: label positions", () => {
  it.each([
    ["before the period", "Cows graze on grass (4). Birds sing (2)."],
    ["after the period, spaced", "Cows graze on grass. (4) Birds sing. (2)"],
    ["after the period, touching", "Cows graze on grass.(4) Birds sing.(2)"],
    ["spaces inside the parentheses", "Cows graze on grass ( 4 ). Birds sing. ( 2 )"],
    ["with the word 'words'", "Cows graze on grass (4 words). Birds sing (2 words)."],
    ["after a closing quote", 'He said "cows graze on grass!" (6) Birds sing. (2)'],
  ])("reads labels %s", (_name, answer) => {
    const sentences = segmentAnswer(answer);
    expect(sentences).toHaveLength(2);
    expect(sentences.map((s) => s.label)).toEqual([sentences[0]?.words, 2]);
    expect(sentences.every((s) => !/\(\s*\d/.test(s.text))).toBe(true);
  });

  it("reads a label at the end of the text with no punctuation", () => {
    expect(segmentAnswer("The cat sat on the mat (6)")).toEqual([
      { text: "The cat sat on the mat", words: 6, label: 6 },
    ]);
  });

  it("reads unpunctuated labelled lines", () => {
    const sentences = segmentAnswer("The cat sat on the mat (6)\nThe dog ran (3)\n");
    expect(sentences).toEqual([
      { text: "The cat sat on the mat", words: 6, label: 6 },
      { text: "The dog ran", words: 3, label: 3 },
    ]);
  });

  it("splits unpunctuated sentences at the label when a capitalised sentence follows", () => {
    expect(segmentAnswer("The cat sat on the mat (6) The dog ran (3)")).toEqual([
      { text: "The cat sat on the mat", words: 6, label: 6 },
      { text: "The dog ran", words: 3, label: 3 },
    ]);
  });

  it("keeps positions right when label forms mix", () => {
    const answer = "One two three (3). Four five. (2) Six seven eight nine!(4) Ten (9)\nEleven twelve.";
    expect(segmentAnswer(answer)).toEqual([
      { text: "One two three.", words: 3, label: 3 },
      { text: "Four five.", words: 2, label: 2 },
      { text: "Six seven eight nine!", words: 4, label: 4 },
      { text: "Ten", words: 1, label: 9 },
      { text: "Eleven twelve.", words: 2, label: null },
    ]);
  });

  it("reads a label on its own line as the previous sentence's", () => {
    expect(labelsOf("Cows graze on grass.\n(4)\n\nBirds sing.")).toEqual([4, null]);
  });
});

describe("segmentAnswer: numbers that are not labels", () => {
  it("counts a mid-sentence parenthesised number as a word", () => {
    expect(segmentAnswer("Remember the (3) rules are simple.")).toEqual([
      { text: "Remember the (3) rules are simple.", words: 6, label: null },
    ]);
  });

  it("leaves a number before a comma or a lowercase word alone", () => {
    expect(labelsOf("We need (2), maybe more. The (4) cats purr.")).toEqual([null, null]);
  });

  it("leaves a year in parentheses alone", () => {
    expect(segmentAnswer("The club was founded (1999).")).toEqual([
      { text: "The club was founded (1999).", words: 5, label: null },
    ]);
  });

  it("does not take a leading number as a label", () => {
    expect(segmentAnswer("(3) Cats purr.")).toEqual([{ text: "(3) Cats purr.", words: 3, label: null }]);
  });
});

describe("segmentAnswer: sentences", () => {
  it("drops segments without words and trims the rest", () => {
    expect(textsOf("  First one.\n  —  \n\n  Second one!  ")).toEqual(["First one.", "Second one!"]);
  });

  it("splits on ? and ! and keeps quotes with their sentence", () => {
    expect(textsOf('Is it? Yes! She said "go." Then we left.')).toEqual([
      "Is it?",
      "Yes!",
      'She said "go."',
      "Then we left.",
    ]);
  });

  it("keeps decimals inside a sentence", () => {
    expect(segmentAnswer("Pi is about 3.14 today.")).toEqual([
      { text: "Pi is about 3.14 today.", words: 5, label: null },
    ]);
  });

  it("reads the paper's bracket-hack sentence: 20 words labelled 12", () => {
    const paper =
      "The sport is tennis, a dance between finesse and ferocity that instantly smelled of fresh cut grass rather than garlic. (12)";
    expect(segmentAnswer(paper)).toEqual([
      {
        text: "The sport is tennis, a dance between finesse and ferocity that instantly smelled of fresh cut grass rather than garlic.",
        words: 20,
        label: 12,
      },
    ]);
  });

  it("returns nothing for an empty answer", () => {
    expect(segmentAnswer("")).toEqual([]);
    expect(segmentAnswer("(12)")).toEqual([{ text: "(12)", words: 1, label: null }]);
  });
});

describe("stripCountLabels", () => {
  it("removes the label and the blank before it, and anchors where it was", () => {
    const answer = "Cows graze (2). Birds sing. (2)";
    const stripped = stripCountLabels(answer);
    expect(stripped.text).toBe("Cows graze. Birds sing.");
    expect(stripped.labels.map((l) => [l.value, l.anchor, l.forcesBreak])).toEqual([
      [2, 10, false],
      [2, 23, false],
    ]);
    expect(answer.slice(stripped.labels[0]?.start, stripped.labels[0]?.end)).toBe(" (2)");
  });
});
