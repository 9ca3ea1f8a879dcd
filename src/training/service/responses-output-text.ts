/**
 * The text of a Responses-API `output`: the `output_text` parts of its `message` items, messages separated
 * by a newline (tool calls and reasoning items are not the answer).
 *
 * @example
 * responsesOutputText([{ type: "message", content: [{ type: "output_text", text: "Hi." }] }]) // "Hi."
 */
export function responsesOutputText(output: ReadonlyArray<Record<string, unknown>>): string {
  return output
    .filter((item) => item.type === "message" && Array.isArray(item.content))
    .map((item) =>
      (item.content as Array<Record<string, unknown>>)
        .filter((part) => part.type === "output_text" && typeof part.text === "string")
        .map((part) => part.text as string)
        .join(""),
    )
    .join("\n");
}
