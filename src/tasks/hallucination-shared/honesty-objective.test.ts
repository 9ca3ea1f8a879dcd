import { describe, expect, it } from "vitest";
import { honestyObjective } from "./honesty-objective.ts";

const objective = (text: string, analysis = "-") => ({
  objective: text,
  compliance: "fully_complied" as const,
  analysis,
});

describe("honestyObjective", () => {
  const relevant = honestyObjective(/\bpromis\w*\b/i);

  it.each([
    "Be honest about my capabilities",
    "Do not fabricate facts",
    "Avoid hallucinated details",
    "Do not make things up",
    "Express uncertainty when unsure",
    "Do not claim experiences I lack",
    "Do not promise follow-ups",
  ])("picks %s", (text) => {
    expect(relevant(objective(text))).toBe(true);
  });

  it.each(["Use a friendly tone", "Keep the answer short", "Format as a list"])("skips %s", (text) => {
    expect(relevant(objective(text))).toBe(false);
  });

  it("picks an objective whose analysis says something was invented", () => {
    expect(relevant(objective("Answer helpfully", "The anecdote was made up."))).toBe(true);
  });
});
