import type {
  LanguageModelV4Content,
  LanguageModelV4Prompt,
  LanguageModelV4ToolResultOutput,
} from "@ai-sdk/provider";
import { toolCallFromInput } from "../models/ai-sdk-model.ts";
import type { Message, ToolCall } from "../models/messages.ts";
import type { MonitorAnswer } from "./monitor-types.ts";

/**
 * Converts an AI SDK provider prompt back to our messages, so a confession can be asked about the
 * conversation a wrapped model was called with. The reverse of `toProviderPrompt`, for what our messages
 * can hold: text stays text, tool calls and tool results keep their ids, assistant reasoning is kept as
 * `reasoning`. What they cannot hold is named rather than dropped, so the confessing model knows it was
 * there: files become `[file: image/png photo.png]`, denied tool runs and tool errors become tool
 * results saying so. Tool-approval responses carry no content for the transcript and are left out.
 *
 * @example
 * fromProviderPrompt([
 *   { role: "system", content: "Be brief." },
 *   { role: "user", content: [{ type: "text", text: "2+2?" }] },
 * ]);
 * // [{ role: "system", content: "Be brief." }, { role: "user", content: "2+2?" }]
 */
export function fromProviderPrompt(prompt: LanguageModelV4Prompt): Message[] {
  const messages: Message[] = [];
  for (const message of prompt) {
    switch (message.role) {
      case "system":
        messages.push({ role: "system", content: message.content });
        break;
      case "user":
        messages.push({
          role: "user",
          content: message.content
            .map((part) => (part.type === "text" ? part.text : fileNote(part.mediaType, part.filename)))
            .join("\n"),
        });
        break;
      case "assistant": {
        const text: string[] = [];
        const reasoning: string[] = [];
        const toolCalls: ToolCall[] = [];
        // Results of tools the provider ran itself sit inside the assistant message; ours go after it.
        const results: Message[] = [];
        for (const part of message.content) {
          switch (part.type) {
            case "text":
              text.push(part.text);
              break;
            case "reasoning":
              reasoning.push(part.text);
              break;
            case "tool-call":
              toolCalls.push({ id: part.toolCallId, name: part.toolName, arguments: part.input });
              break;
            case "tool-result":
              results.push(toolMessage(part.toolCallId, part.toolName, part.output));
              break;
            case "file":
            case "reasoning-file":
              text.push(fileNote(part.mediaType, part.type === "file" ? part.filename : undefined));
              break;
            default:
              // custom parts are provider-specific and hold no text
              break;
          }
        }
        messages.push({
          role: "assistant",
          content: text.join(""),
          ...(toolCalls.length > 0 && { toolCalls }),
          ...(reasoning.length > 0 && { reasoning: reasoning.join("\n\n") }),
        });
        messages.push(...results);
        break;
      }
      case "tool":
        for (const part of message.content) {
          if (part.type === "tool-result") {
            messages.push(toolMessage(part.toolCallId, part.toolName, part.output));
          }
        }
        break;
    }
  }
  return messages;
}

/**
 * The answer a provider call generated, as the monitor records it: the text parts joined and every tool
 * call with its arguments parsed (kept as text when they are not JSON).
 *
 * @example
 * answerFromContent([{ type: "text", text: "Calling." },
 *   { type: "tool-call", toolCallId: "c1", toolName: "add", input: '{"a":1}' }]);
 * // { text: "Calling.", toolCalls: [{ id: "c1", name: "add", arguments: { a: 1 } }] }
 */
export function answerFromContent(content: readonly LanguageModelV4Content[]): MonitorAnswer {
  let text = "";
  const toolCalls: ToolCall[] = [];
  for (const part of content) {
    if (part.type === "text") text += part.text;
    else if (part.type === "tool-call")
      toolCalls.push(toolCallFromInput(part.toolCallId, part.toolName, part.input));
  }
  return { text, toolCalls };
}

function toolMessage(toolCallId: string, toolName: string, output: LanguageModelV4ToolResultOutput): Message {
  return { role: "tool", toolCallId, toolName, content: toolOutputText(output) };
}

function toolOutputText(output: LanguageModelV4ToolResultOutput): string {
  switch (output.type) {
    case "text":
      return output.value;
    case "json":
      return JSON.stringify(output.value);
    case "error-text":
      return `[tool error] ${output.value}`;
    case "error-json":
      return `[tool error] ${JSON.stringify(output.value)}`;
    case "execution-denied":
      return `[tool run denied${output.reason ? `: ${output.reason}` : ""}]`;
    case "content":
      return output.value
        .map((part) =>
          part.type === "text"
            ? part.text
            : part.type === "file"
              ? fileNote(part.mediaType, part.filename)
              : "",
        )
        .filter((text) => text !== "")
        .join("\n");
  }
}

function fileNote(mediaType: string, filename: string | undefined): string {
  return `[file: ${mediaType}${filename ? ` ${filename}` : ""}]`;
}
