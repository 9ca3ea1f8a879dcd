import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4FinishReason,
  LanguageModelV4FunctionTool,
  LanguageModelV4GenerateResult,
  LanguageModelV4Message,
  LanguageModelV4Prompt,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { UsageError } from "../errors/confess-error.ts";
import type { Message, ToolCall, ToolDefinition } from "./messages.ts";
import type { ChatModel, FinishReason, ModelRequest, ModelResponse, Usage } from "./model.ts";
import { parseModelSpec } from "./model-spec.ts";
import { toProviderError } from "./provider-error.ts";
import { type AiSdkProvider, createProviderModel } from "./providers.ts";

export interface AiSdkModelOptions {
  /** `openai:<model>`, `anthropic:<model>` or `openai-compatible:<model>`. */
  spec: string;
  /** Overrides the provider's API URL; required for openai-compatible. */
  baseUrl?: string;
  /** Overrides the key from the environment. */
  apiKey?: string;
  /** Where API keys are read from; `process.env` when omitted. */
  env?: Record<string, string | undefined>;
  /** Use streaming calls (`streamText`) and collect the whole response. */
  stream?: boolean;
  /** Default temperature; a request's own `temperature` wins. */
  temperature?: number;
  /** Default output budget; a request's own `maxOutputTokens` wins. */
  maxOutputTokens?: number;
  /** Whether to use the provider's JSON-schema output mode for `responseFormat`; default true. */
  structuredOutput?: boolean;
  /** Custom fetch, for tests and proxies. */
  fetch?: typeof fetch;
}

/**
 * A {@link ChatModel} backed by the Vercel AI SDK's providers for OpenAI, Anthropic and OpenAI-compatible
 * servers. It calls the provider's language model (the SDK's `LanguageModelV4` interface, the layer its
 * middleware works on) directly: one `generate` is exactly one provider call, tool calls come back to the
 * caller (who runs its own bounded tool loop), nothing is retried here (wrap with `withRetry`), and
 * structured output is requested through the provider's JSON-schema mode but returned as raw text for our
 * own parser. Skipping `generateText`'s orchestration roughly halves the CPU cost of a call, which matters
 * with hundreds in flight. Errors are thrown as `ConfessError`s.
 *
 * @throws ConfessError `CONFESS_MISSING_API_KEY` when the key is missing; UsageError for a bad spec or
 *   openai-compatible without `baseUrl`.
 * @example
 * const model = createAiSdkModel({ spec: "openai:gpt-5-mini", temperature: 0 });
 * const res = await model.generate({ messages: [{ role: "user", content: "2+2?" }] });
 * console.log(res.text, res.usage.outputTokens);
 */
export function createAiSdkModel(options: AiSdkModelOptions): ChatModel {
  const parsed = parseModelSpec(options.spec);
  if (!parsed.ok) throw new UsageError(parsed.error, "CONFESS_INVALID_MODEL_SPEC");
  const { provider, model } = parsed.value;
  if (provider === "scripted" || provider === "lab") {
    throw new UsageError(
      `${options.spec} is a ${provider} model, not an AI SDK provider; build it with createModel.`,
      "CONFESS_INVALID_MODEL_SPEC",
    );
  }
  const languageModel = createProviderModel({
    provider,
    model,
    ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }),
    ...(options.apiKey !== undefined && { apiKey: options.apiKey }),
    ...(options.env !== undefined && { env: options.env }),
    ...(options.fetch !== undefined && { fetch: options.fetch }),
  }) as LanguageModelV4;
  const id = `${provider}:${model}`;
  const structuredOutput = options.structuredOutput ?? true;

  // Only what changes outputs (it keys the response cache); stream, keys and fetch do not.
  const parameters: Record<string, unknown> = { structuredOutput };
  if (options.temperature !== undefined) parameters.temperature = options.temperature;
  if (options.maxOutputTokens !== undefined) parameters.maxOutputTokens = options.maxOutputTokens;
  if (options.baseUrl !== undefined) parameters.baseUrl = options.baseUrl;

  return {
    id,
    capabilities: { structuredOutput, tools: true },
    parameters,
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const call: LanguageModelV4CallOptions = {
        prompt: toProviderPrompt(request.messages, provider),
        ...optional("tools", request.tools?.length ? request.tools.map(toFunctionTool) : undefined),
        ...optional(
          "responseFormat",
          request.responseFormat && structuredOutput
            ? {
                type: "json" as const,
                schema: request.responseFormat.schema,
                name: request.responseFormat.name,
              }
            : undefined,
        ),
        ...optional("temperature", request.temperature ?? options.temperature),
        ...optional("maxOutputTokens", request.maxOutputTokens ?? options.maxOutputTokens),
        ...optional("seed", request.seed),
        ...optional("abortSignal", request.signal),
      };
      try {
        return options.stream
          ? await streamOnce(languageModel, call)
          : await generateFromLanguageModel(languageModel, call);
      } catch (error) {
        throw toProviderError(error, id, request.signal);
      }
    },
  };
}

/**
 * One `doGenerate` call read into our response: text, reasoning, tool calls, finish reason, usage. Used by
 * the models here and by the confession middleware's model, which calls a wrapped model directly.
 *
 * @example
 * const res = await generateFromLanguageModel(openai.chat("gpt-5-mini"), { prompt });
 */
export async function generateFromLanguageModel(
  model: LanguageModelV4,
  call: LanguageModelV4CallOptions,
): Promise<ModelResponse> {
  const result: LanguageModelV4GenerateResult = await model.doGenerate(call);
  let text = "";
  let reasoning = "";
  const toolCalls: ToolCall[] = [];
  for (const part of result.content) {
    if (part.type === "text") text += part.text;
    else if (part.type === "reasoning") reasoning += part.text;
    else if (part.type === "tool-call")
      toolCalls.push(toolCallFromInput(part.toolCallId, part.toolName, part.input));
  }
  // some providers (Anthropic's JSON tool) return structured output apart from the text
  if (call.responseFormat && result.structuredOutputText !== undefined) text = result.structuredOutputText;
  return {
    text,
    ...optional("reasoning", reasoning || undefined),
    toolCalls,
    finishReason: mapFinishReason(result.finishReason),
    usage: mapUsage(result.usage),
    ...optional("responseModel", result.response?.modelId),
  };
}

async function streamOnce(model: LanguageModelV4, call: LanguageModelV4CallOptions): Promise<ModelResponse> {
  const { stream } = await model.doStream({ ...call, includeRawChunks: false });
  let text = "";
  let reasoning = "";
  const toolCalls: ToolCall[] = [];
  let finishReason: FinishReason | undefined;
  let usage: Usage = { inputTokens: undefined, outputTokens: undefined };
  let responseModel: string | undefined;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value: part } = await reader.read();
      if (done) break;
      switch (part.type) {
        case "text-delta":
          text += part.delta;
          break;
        case "reasoning-delta":
          reasoning += part.delta;
          break;
        case "tool-call":
          toolCalls.push(toolCallFromInput(part.toolCallId, part.toolName, part.input));
          break;
        case "response-metadata":
          responseModel = part.modelId ?? responseModel;
          break;
        case "finish":
          finishReason = mapFinishReason(part.finishReason);
          usage = mapUsage(part.usage);
          break;
        case "error":
          throw part.error;
      }
    }
  } finally {
    reader.releaseLock();
  }
  if (call.abortSignal?.aborted) throw call.abortSignal.reason;
  // A stream that stops without a finish part was cut off: never report it as a clean empty answer.
  if (finishReason === undefined) throw new Error("the response stream ended without a finish event");
  return {
    text,
    ...optional("reasoning", reasoning || undefined),
    toolCalls,
    finishReason,
    usage,
    ...optional("responseModel", responseModel),
  };
}

/**
 * Converts our messages to the provider prompt. Assistant tool calls become tool-call parts and tool
 * results become tool messages; assistant reasoning is not sent back.
 *
 * A system message after the first non-system message stays a system message for OpenAI and
 * OpenAI-compatible servers (the confession request is such a mid-conversation system message). Anthropic
 * only accepts system prompts at the start, so there it is sent as a user message prefixed with
 * "[system] ".
 *
 * @example
 * toProviderPrompt([{ role: "user", content: "hi" }, { role: "system", content: "Confess." }], "anthropic");
 * // [{ role: "user", content: [{ type: "text", text: "hi" }] },
 * //  { role: "user", content: [{ type: "text", text: "[system] Confess." }] }]
 */
export function toProviderPrompt(messages: Message[], provider: AiSdkProvider): LanguageModelV4Prompt {
  let seenNonSystem = false;
  return messages.map((message) => {
    if (message.role !== "system") seenNonSystem = true;
    return toProviderMessage(message, seenNonSystem && provider === "anthropic");
  });
}

const textPart = (text: string) => ({ type: "text" as const, text });

function toProviderMessage(message: Message, systemAsUser: boolean): LanguageModelV4Message {
  switch (message.role) {
    case "system":
      return systemAsUser
        ? { role: "user", content: [textPart(`[system] ${message.content}`)] }
        : { role: "system", content: message.content };
    case "user":
      return { role: "user", content: [textPart(message.content)] };
    case "assistant":
      return {
        role: "assistant",
        content: [
          ...(message.content || !message.toolCalls?.length ? [textPart(message.content)] : []),
          ...(message.toolCalls ?? []).map((c) => ({
            type: "tool-call" as const,
            toolCallId: c.id,
            toolName: c.name,
            input: c.arguments,
          })),
        ],
      };
    case "tool":
      return {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: message.toolCallId,
            toolName: message.toolName,
            output: { type: "text", value: message.content },
          },
        ],
      };
  }
}

function toFunctionTool(t: ToolDefinition): LanguageModelV4FunctionTool {
  return { type: "function", name: t.name, description: t.description, inputSchema: t.parameters };
}

/** Tool arguments arrive as JSON text; parsed when they parse, kept as text otherwise (the contract allows it). */
/**
 * A provider's tool call as ours: arguments parsed when they are JSON (empty reads as `{}`), kept as the
 * raw text otherwise.
 *
 * @example
 * toolCallFromInput("c1", "add", '{"a":1}'); // { id: "c1", name: "add", arguments: { a: 1 } }
 */
export function toolCallFromInput(id: string, name: string, input: string): ToolCall {
  let args: unknown = input;
  try {
    args = input.trim() === "" ? {} : JSON.parse(input);
  } catch {
    // keep the raw text: the tool environment reports malformed arguments to the model
  }
  return { id, name, arguments: args };
}

function mapFinishReason(reason: LanguageModelV4FinishReason | undefined): FinishReason {
  switch (reason?.unified) {
    case "stop":
    case "length":
    case "tool-calls":
    case "content-filter":
    case "error":
      return reason.unified;
    default:
      // "interrupted" (stream ended without a completion signal) and "other" have no closer match.
      return "other";
  }
}

function mapUsage(usage: LanguageModelV4Usage | undefined): Usage {
  return {
    inputTokens: usage?.inputTokens.total,
    outputTokens: usage?.outputTokens.total,
    ...optional("reasoningTokens", usage?.outputTokens.reasoning),
  };
}

/** `{ [key]: value }` when value is defined, else `{}`: keeps undefined out of request objects. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
