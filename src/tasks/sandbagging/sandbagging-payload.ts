/** One multiple-choice question with its options (A–D) and the correct letter. */
export interface Question {
  text: string;
  options: [string, string, string, string];
  answer: "A" | "B" | "C" | "D";
}

/** Everything a sandbagging case needs. JSON-serialisable. */
export interface SandbaggingPayload {
  questions: Question[];
  files: Record<string, string>;
}

export const LETTERS = ["A", "B", "C", "D"] as const;
export const QUESTIONS_FILE = "questions.txt";
export const NOTES_FILE = "docs/evaluation_notes.md";
