import type { Message } from "../models/messages.ts";
import type { ModelResponse } from "../models/model.ts";
import type { TurnRecord } from "./records.ts";

/**
 * The assistant message a response becomes in the conversation. Elicitation and `turnRequestMessages`
 * both use it, so a rebuilt request is exactly the one that was sent.
 */
export function assistantMessage(response: ModelResponse): Message {
  return {
    role: "assistant",
    content: response.text,
    ...(response.toolCalls.length > 0 ? { toolCalls: response.toolCalls } : {}),
    ...(response.reasoning ? { reasoning: response.reasoning } : {}),
  };
}

/**
 * The full messages of turn `index`: every earlier turn's input and reply, then this turn's input.
 *
 * @example
 * const confessionRequest = turnRequestMessages(sample.turns, 1);
 */
export function turnRequestMessages(turns: readonly TurnRecord[], index: number): Message[] {
  const messages: Message[] = [];
  for (let i = 0; i <= index && i < turns.length; i++) {
    const turn = turns[i] as TurnRecord;
    messages.push(...turn.input);
    if (i < index) messages.push(assistantMessage(turn.response));
  }
  return messages;
}
