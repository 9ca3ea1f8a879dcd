import type { Message } from "../models/messages.ts";

const MAX_TOOL_RESULT = 4000;

/**
 * Renders a conversation as plain text for a judge's prompt: one block per message, tool calls with their
 * arguments, long tool results shortened in the middle. Reasoning is never rendered.
 *
 * @example
 * renderTranscript([{ role: "user", content: "Hi" }]) // "[user]\nHi"
 */
export function renderTranscript(messages: readonly Message[]): string {
  return messages.map(renderMessage).join("\n\n");
}

function renderMessage(message: Message): string {
  switch (message.role) {
    case "system":
    case "user":
      return `[${message.role}]\n${message.content}`;
    case "assistant": {
      const calls = (message.toolCalls ?? []).map(
        (call) => `(tool call ${call.name} ${JSON.stringify(call.arguments)})`,
      );
      return ["[assistant]", message.content, ...calls].filter((part) => part !== "").join("\n");
    }
    case "tool":
      return `[tool result: ${message.toolName}]\n${shorten(message.content)}`;
  }
}

function shorten(text: string): string {
  if (text.length <= MAX_TOOL_RESULT) return text;
  const half = MAX_TOOL_RESULT / 2;
  return `${text.slice(0, half)}\n… (${text.length - MAX_TOOL_RESULT} characters left out) …\n${text.slice(-half)}`;
}
