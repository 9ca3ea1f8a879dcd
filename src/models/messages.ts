/** A tool call the model asked for. `arguments` is the parsed JSON object when it parsed, else the raw text. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: unknown;
}

/**
 * One message of a conversation. System messages may appear anywhere: the confession request is a system
 * message placed after the final answer.
 */
export type Message =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string; toolCalls?: ToolCall[]; reasoning?: string }
  | { role: "tool"; toolCallId: string; toolName: string; content: string };

/** A tool the model may call, described by a JSON Schema of its arguments. */
export interface ToolDefinition {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}
