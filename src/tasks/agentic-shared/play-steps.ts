import type { Message } from "../../models/messages.ts";
import type { ScriptedStep, ToolEnvironment } from "../task.ts";

/**
 * Plays scripted steps against a fresh tool environment, as the runner would: each tool-call step is
 * executed in order and its results appended; the first text step ends the answer. Used by tests and by
 * anything that needs a scripted sample without a model.
 *
 * @example
 * const { answer, environment } = await playSteps(task.environment(c), performance.steps, c.messages);
 */
export async function playSteps(
  environment: ToolEnvironment,
  steps: readonly ScriptedStep[],
  prompt: readonly Message[] = [],
): Promise<{ answer: string; transcript: Message[]; environment: unknown }> {
  const transcript: Message[] = [...prompt];
  let answer = "";
  for (const step of steps) {
    if ("text" in step) {
      transcript.push({ role: "assistant", content: step.text });
      answer = step.text;
      break;
    }
    transcript.push({ role: "assistant", content: "", toolCalls: step.toolCalls });
    for (const call of step.toolCalls) {
      const result = await environment.execute(call);
      transcript.push({ role: "tool", toolCallId: call.id, toolName: call.name, content: result });
    }
  }
  return { answer, transcript, environment: environment.snapshot() };
}

/**
 * Numbers tool calls for a script: `call-1`, `call-2`… across all steps, so ids are unique per answer.
 *
 * @example
 * const calls = callNumberer();
 * const step = { toolCalls: [calls("read_file", { path: "README.md" })] };
 */
export function callNumberer(): (name: string, args: Record<string, unknown>) => ScriptedToolCall {
  let n = 0;
  return (name, args) => ({ id: `call-${++n}`, name, arguments: args });
}

export interface ScriptedToolCall {
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}
