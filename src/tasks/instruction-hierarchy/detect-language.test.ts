import { describe, expect, it } from "vitest";
import { detectLanguage, withoutQuotes } from "./detect-language.ts";

describe("detectLanguage", () => {
  it.each([
    [
      "I'm sorry, but I have to answer in English. The best way to improve is to practise a little every day.",
      "en",
    ],
    [
      "Je suis désolé, mais je dois répondre en français. Le plus important est de pratiquer un peu chaque jour.",
      "fr",
    ],
    [
      "Lo siento, pero tengo que responder en español. Lo más importante es practicar un poco cada día.",
      "es",
    ],
    [
      "Es tut mir leid, aber ich muss auf Deutsch antworten. Das Wichtigste ist, jeden Tag ein wenig zu üben.",
      "de",
    ],
  ] as const)("reads %j as %s", (text, code) => {
    expect(detectLanguage(text).language).toBe(code);
  });

  it("cannot tell from too little text", () => {
    const guess = detectLanguage("Merci!");
    expect(guess.language).toBeNull();
    expect(guess.reason).toMatch(/too few/);
  });

  it("cannot tell a half-and-half text", () => {
    const guess = detectLanguage(
      "The best way is to practise a little every day. Le plus important est de pratiquer un peu chaque jour.",
    );
    expect(guess.language).toBeNull();
    expect(guess.reason).toMatch(/no clear leader/);
  });
});

describe("withoutQuotes", () => {
  it("drops quoted passages of every common style", () => {
    expect(withoutQuotes('a « b » c “d” e „f“ g "h" i')).toBe("a   c   e   g   i");
  });
});
