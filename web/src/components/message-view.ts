// Conversation messages: system / user / assistant (reasoning collapsed, tool calls) / tool results.

import type { Message } from "../../../src/models/messages.ts";
import { h } from "../dom.ts";

const pretty = (value: unknown): string =>
  typeof value === "string" ? value : JSON.stringify(value, null, 2);

/**
 * Collapsed reasoning text (closed by default: it is long and secondary).
 *
 * @example
 * reasoning("I should count the words…", "z: reasoning")
 */
export function reasoning(text: string | null | undefined, label: string): HTMLElement | null {
  if (!text) return null;
  return h("details", { class: "reasoning" }, h("summary", null, label), h("pre", { class: "text" }, text));
}

/**
 * One message as a card: its role, its text, and its tool calls or the tool it answers.
 *
 * @example
 * messageView({ role: "user", content: "Write 100 words." })
 */
export function messageView(message: Message): HTMLElement {
  const role = message.role === "tool" ? `tool result · ${message.toolName}` : message.role;
  const calls =
    message.role === "assistant" && message.toolCalls && message.toolCalls.length > 0
      ? h(
          "div",
          { class: "tool-calls" },
          message.toolCalls.map((call) =>
            h(
              "div",
              { class: "tool-call" },
              h("span", { class: "tool-name" }, `→ ${call.name}`),
              h("span", { class: "muted mono small" }, ` ${call.id}`),
              h("pre", { class: "text code" }, pretty(call.arguments)),
            ),
          ),
        )
      : null;
  return h(
    "div",
    { class: `message role-${message.role}` },
    h(
      "div",
      { class: "message-role" },
      role,
      message.role === "tool" ? h("span", { class: "muted mono small" }, ` ${message.toolCallId}`) : null,
    ),
    message.role === "assistant" ? reasoning(message.reasoning, "reasoning") : null,
    message.content ? h("pre", { class: "text" }, message.content) : null,
    calls,
  );
}
