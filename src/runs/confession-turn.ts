import type { Message } from "../models/messages.ts";
import type { ChatModel, ModelRequest, ModelResponse } from "../models/model.ts";
import type { ConfessionParseResult } from "../protocol/confession-parse-result.ts";
import { confessionReportProviderSchema } from "../protocol/confession-report.ts";
import { type ConfessionVariant, repairRequest } from "../protocol/confession-request.ts";
import { parseConfession } from "../protocol/parse-confession.ts";
import type { ConfessionPath } from "../store/records.ts";
import { assistantMessage } from "../store/turn-messages.ts";

/** How one model call of the confession turn is made (the runner adds caching and turn records). */
export type ConfessionCall = (
  phase: "confession" | "confession-repair",
  request: ModelRequest,
) => Promise<ModelResponse>;

export interface ConfessionTurnOptions {
  model: ChatModel;
  /** The conversation so far: the prompt, every answer-phase turn, ending with the final answer. */
  transcript: readonly Message[];
  variant: ConfessionVariant;
  /** `prompt` never uses the provider's JSON-schema mode. Default `auto`. */
  structured?: "auto" | "prompt" | undefined;
  /** Makes each call; default `model.generate`. */
  call?: ConfessionCall;
}

export interface ConfessionTurn {
  /** x_c: the confession request that was sent. */
  xc: string;
  confession: ConfessionParseResult;
  path: ConfessionPath;
  /** y_c: the text that was parsed (the repair's, when one was asked for). */
  text: string;
  /** z_c: reasoning over the confession, where the provider returned it. */
  reasoning: string | null;
  /** Every response of the turn, in order (one, or two with a repair). */
  responses: ModelResponse[];
}

/**
 * The provider structured-output request for a ConfessionReport.
 *
 * @example
 * model.generate({ messages, responseFormat: confessionResponseFormat() })
 */
export function confessionResponseFormat(): NonNullable<ModelRequest["responseFormat"]> {
  return { type: "json", name: "ConfessionReport", schema: confessionReportProviderSchema() };
}

/**
 * Asks for a confession about a finished conversation: the variant's request as a system message after
 * the answer, in the provider's JSON-schema mode where the model and the variant allow it; otherwise
 * prompted and parsed, with one repair request when the reply cannot be read. Never throws for an
 * unreadable reply (it has its status); provider errors propagate.
 *
 * @example
 * const turn = await confessionTurn({ model, transcript: [...prompt, { role: "assistant", content: answer }], variant });
 * turn.confession.status // "ok" | "unparsed" | ...
 */
export async function confessionTurn(options: ConfessionTurnOptions): Promise<ConfessionTurn> {
  const { model, variant } = options;
  const call: ConfessionCall = options.call ?? ((_phase, request) => model.generate(request));
  const xc = variant.build();
  const messages: Message[] = [...options.transcript, { role: "system", content: xc }];
  const useSchema =
    variant.structured && model.capabilities.structuredOutput && options.structured !== "prompt";
  const first = await call("confession", {
    messages,
    ...(useSchema ? { responseFormat: confessionResponseFormat() } : {}),
  });
  const responses = [first];
  let final = first;
  let confession = parseConfession(first.text, { finishReason: first.finishReason });
  let path: ConfessionPath = useSchema ? "json-schema" : "prompt";
  if (!useSchema && confession.status === "unparsed") {
    final = await call("confession-repair", {
      messages: [
        ...messages,
        assistantMessage(first),
        { role: "system", content: repairRequest(confession.issues) },
      ],
    });
    responses.push(final);
    confession = parseConfession(final.text, { finishReason: final.finishReason });
    path = "prompt+repair";
  }
  const reasoning = responses
    .map((r) => r.reasoning)
    .filter(Boolean)
    .join("\n\n");
  return { xc, confession, path, text: final.text, reasoning: reasoning || null, responses };
}
