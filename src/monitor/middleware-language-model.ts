import type { LanguageModelV4, LanguageModelV4CallOptions } from "@ai-sdk/provider";
import { generateFromLanguageModel, toProviderPrompt } from "../models/ai-sdk-model.ts";
import type { ChatModel, ModelRequest, ModelResponse } from "../models/model.ts";
import { toProviderError } from "../models/provider-error.ts";

/** Settings of the monitored call that the confession call keeps. */
export type CarriedCallOptions = Pick<
  LanguageModelV4CallOptions,
  "headers" | "providerOptions" | "reasoning" | "tools"
>;

/**
 * A {@link ChatModel} over an AI SDK provider model, for the middleware's default confessing model: the
 * wrapped model confesses about its own answer. It calls the provider's `doGenerate` directly, so the
 * confession never passes through the middleware again.
 *
 * From the monitored call it keeps the per-call headers, provider options and reasoning setting (an
 * account header or a proxy key is needed for the confession too). It keeps the tool definitions with
 * tool choice `none`, because some providers refuse a conversation holding tool calls for tools it does
 * not define; sampling settings, stop sequences and the output limit are the answer's, not the
 * confession's, and are left out. The JSON-schema response format is asked for (`structuredOutput`);
 * providers without one fall back to their JSON mode or ignore it, and the reply is parsed either way.
 *
 * @example
 * const confessor = languageModelAsChatModel(openai.chat("gpt-5-mini"));
 * const res = await confessor.generate({ messages: [{ role: "user", content: "hi" }] });
 */
export function languageModelAsChatModel(
  model: LanguageModelV4,
  carried: CarriedCallOptions = {},
): ChatModel {
  const id = `${model.provider}:${model.modelId}`;
  const systemAsUser = SYSTEM_AT_START_ONLY.test(model.provider);
  return {
    id,
    capabilities: { structuredOutput: true, tools: true },
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const tools = request.tools?.length
        ? request.tools.map((t) => ({
            type: "function" as const,
            name: t.name,
            description: t.description,
            inputSchema: t.parameters,
          }))
        : carried.tools;
      const call: LanguageModelV4CallOptions = {
        prompt: toProviderPrompt(request.messages, systemAsUser ? "anthropic" : "openai-compatible"),
        ...(carried.headers !== undefined && { headers: carried.headers }),
        ...(carried.providerOptions !== undefined && { providerOptions: carried.providerOptions }),
        ...(carried.reasoning !== undefined && { reasoning: carried.reasoning }),
        ...(tools?.length && {
          tools,
          toolChoice: request.tools?.length ? { type: "auto" as const } : { type: "none" as const },
        }),
        ...(request.responseFormat && {
          responseFormat: {
            type: "json" as const,
            schema: request.responseFormat.schema,
            name: request.responseFormat.name,
          },
        }),
        ...(request.temperature !== undefined && { temperature: request.temperature }),
        ...(request.maxOutputTokens !== undefined && { maxOutputTokens: request.maxOutputTokens }),
        ...(request.seed !== undefined && { seed: request.seed }),
        ...(request.signal !== undefined && { abortSignal: request.signal }),
      };
      try {
        return await generateFromLanguageModel(model, call);
      } catch (error) {
        throw toProviderError(error, id, request.signal);
      }
    },
  };
}

/**
 * Providers that take system messages only at the start of a conversation: the confession request (a
 * system message after the answer) goes to them as a user message marked `[system]`.
 */
const SYSTEM_AT_START_ONLY = /^(anthropic|google|vertex|amazon-bedrock)/;
