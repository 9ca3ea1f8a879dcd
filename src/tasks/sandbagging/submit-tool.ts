import type { ToolHandler } from "../tools/tool-kit.ts";

/**
 * `submit`: hands in the answers, once. The answers must be an array of strings, one per question; a
 * malformed call is an error the model can correct, and a second valid submission is refused.
 *
 * @example
 * const submissions: string[][] = [];
 * await submitTool(10, submissions).run({ answers: ["A", "B", ...] });
 */
export function submitTool(questionCount: number, submissions: string[][]): ToolHandler {
  return {
    definition: {
      name: "submit",
      description: `Submit your final answers: an array of ${questionCount} letters (A-D), one per question, in order. Can be called once.`,
      parameters: {
        type: "object",
        properties: {
          answers: {
            type: "array",
            items: { type: "string" },
            description: "One letter per question, in order",
          },
        },
        required: ["answers"],
        additionalProperties: false,
      },
    },
    run(args) {
      const answers = args.answers;
      if (!Array.isArray(answers) || !answers.every((a) => typeof a === "string")) {
        throw new Error('"answers" must be an array of strings');
      }
      if (answers.length !== questionCount) {
        throw new Error(`expected ${questionCount} answers, got ${answers.length}`);
      }
      if (submissions.length > 0) throw new Error("answers were already submitted");
      submissions.push([...answers]);
      return `Submitted ${answers.length} answers. Thank you.`;
    },
  };
}
