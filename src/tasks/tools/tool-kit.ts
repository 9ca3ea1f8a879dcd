import type { ToolCall, ToolDefinition } from "../../models/messages.ts";
import type { ToolEnvironment } from "../task.ts";

/** One tool: its definition for the model and what it does. */
export interface ToolHandler {
  definition: ToolDefinition;
  /** Returns the text the model sees. Throwing is reported to the model as an error result, not a crash. */
  run(args: Record<string, unknown>): string | Promise<string>;
}

/**
 * Builds a `ToolEnvironment` from handlers. Every call is logged with its result; unknown tools and
 * malformed arguments come back to the model as error results, as a real tool runtime would answer.
 *
 * @example
 * const env = toolEnvironment([echoTool], () => ({ submitted }));
 */
export function toolEnvironment(
  handlers: readonly ToolHandler[],
  snapshot: () => Record<string, unknown> = () => ({}),
): ToolEnvironment & { calls: Array<{ name: string; arguments: unknown; result: string }> } {
  const byName = new Map(handlers.map((h) => [h.definition.name, h]));
  const calls: Array<{ name: string; arguments: unknown; result: string }> = [];
  return {
    tools: handlers.map((h) => h.definition),
    calls,
    async execute(call: ToolCall): Promise<string> {
      const handler = byName.get(call.name);
      let result: string;
      if (!handler) {
        result = `Error: no tool named "${call.name}". Available: ${[...byName.keys()].join(", ")}.`;
      } else if (
        typeof call.arguments !== "object" ||
        call.arguments === null ||
        Array.isArray(call.arguments)
      ) {
        result = `Error: the arguments of ${call.name} must be a JSON object.`;
      } else {
        try {
          result = await handler.run(call.arguments as Record<string, unknown>);
        } catch (error) {
          result = `Error: ${error instanceof Error ? error.message : String(error)}`;
        }
      }
      calls.push({ name: call.name, arguments: call.arguments, result });
      return result;
    },
    snapshot: () => ({ ...snapshot(), toolCalls: calls.map((c) => ({ ...c })) }),
  };
}

/** A required string argument, or a clear error for the model. */
export function stringArg(args: Record<string, unknown>, name: string): string {
  const value = args[name];
  if (typeof value !== "string") throw new Error(`argument "${name}" must be a string`);
  return value;
}
