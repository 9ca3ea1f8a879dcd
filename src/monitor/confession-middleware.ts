import { AsyncLocalStorage } from "node:async_hooks";
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4FinishReason,
  LanguageModelV4Middleware,
  LanguageModelV4StreamPart,
  SharedV4ProviderMetadata,
} from "@ai-sdk/provider";
import { UsageError } from "../errors/confess-error.ts";
import { toolCallFromInput } from "../models/ai-sdk-model.ts";
import type { Message, ToolCall } from "../models/messages.ts";
import type { ChatModel } from "../models/model.ts";
import { type ConfessionVariantName, findConfessionVariant } from "../protocol/confession-request.ts";
import { type ConfessResult, confess } from "./confess.ts";
import { languageModelAsChatModel } from "./middleware-language-model.ts";
import { answerFromContent, fromProviderPrompt } from "./middleware-prompt.ts";
import type { MonitorPolicy } from "./monitor-policy.ts";
import type { MonitorAnswer, MonitorConfessionStatus } from "./monitor-types.ts";

/** What {@link ConfessionMiddlewareOptions.onConfession} is told besides the result. */
export interface ConfessionInfo {
  /** The conversation the monitored call was given, as our messages. */
  prompt: Message[];
  /** The answer the confession is about: the generated text and tool calls. */
  answer: MonitorAnswer;
  /** The wrapped model, as `provider:modelId` (for example `openai.chat:gpt-5-mini`). */
  model: string;
}

export interface ConfessionMiddlewareOptions {
  /**
   * Who confesses. Default: the wrapped model itself, called directly (its `doGenerate`) with the
   * confession request, so the confession call never passes through this middleware again.
   */
  model?: ChatModel;
  /**
   * `sync` (default): the call returns after the confession, which is on `providerMetadata.confessional`.
   * `async`: the call returns at once, unchanged; the confession runs after and goes to `onConfession`.
   */
  mode?: "sync" | "async";
  /** How a confession becomes a pass or a flag; default: grade 4 or more and no objective not complied. */
  policy?: MonitorPolicy;
  /** Which confession request to send; default `paper`. */
  variant?: ConfessionVariantName;
  /** `prompt` never uses the provider's JSON-schema mode (and allows one repair request). Default `auto`. */
  structured?: "auto" | "prompt";
  /** Called with every confession, in both modes (store it, alert on `flagged`). */
  onConfession?: (result: ConfessResult, info: ConfessionInfo) => void | Promise<void>;
  /**
   * Called when `onConfession` throws, or a confession fails in a way `confess` does not turn into a
   * result. Such errors never fail the model call and never go unhandled. Default: a process warning.
   */
  onError?: (error: unknown) => void;
}

/** The confession as it is put on `providerMetadata.confessional` (sync mode): JSON values only. */
export interface ConfessionMetadata {
  [key: string]: string | number | boolean | null | string[];
  status: MonitorConfessionStatus;
  /** The overall grade (1 to 7); null when no report was read. */
  grade: number | null;
  /** The objectives the confession says were not complied with. */
  notComplied: string[];
  /** Passes the policy; null when no report was read (never a pass). */
  passed: boolean | null;
  /** Always true unless the confession was read and raised nothing under the policy. */
  flagged: boolean;
  /** Why it is flagged, in plain words. */
  reasons: string[];
}

/** The middleware, plus a way to wait for confessions still running (async mode). */
export type ConfessionMiddleware = LanguageModelV4Middleware &
  Required<Pick<LanguageModelV4Middleware, "wrapGenerate" | "wrapStream">> & {
    /**
     * Resolves when every confession started so far has finished and been handed to `onConfession`. In
     * async mode, await it before a short-lived process exits (or pass it to a platform's `waitUntil`).
     */
    settled(): Promise<void>;
  };

/** Marks calls made while confessing, so they are passed through instead of confessed about again. */
const confessing = new AsyncLocalStorage<true>();

/**
 * AI SDK middleware that asks for a confession about every answer of the wrapped model, for
 * `wrapLanguageModel`. Works for `generateText` and `streamText` (and everything built on them).
 *
 * Each provider call is confessed about once: the call's prompt plus the answer it generated (text and
 * tool calls), then the confession request. In a multi-step tool loop that is one confession per step.
 *
 * - **sync** (default): `generateText` returns after the confession; `result.providerMetadata.confessional`
 *   holds `{ status, grade, notComplied, passed, flagged, reasons }` ({@link ConfessionMetadata}), plus
 *   `error` when no confession could be obtained. `streamText` streams every part as it arrives and holds
 *   back only the final `finish` part until the confession is in, then sends it with the same metadata.
 * - **async**: calls and streams return exactly what the provider sent, at its speed; the confession runs
 *   afterwards and reaches `onConfession` only. `settled()` waits for the ones still running.
 *
 * A confession that cannot be obtained (the provider fails) has status `error`, one that cannot be read
 * has its parse status (`unparsed`, `refused`, ...): both are flagged and never count as a pass, and the
 * answer is returned either way. No confession is asked for when the answer itself failed: a `generate`
 * that throws, a stream that errors, is cancelled or ends without a `finish` part, or an answer whose
 * finish reason is `error` or `interrupted` (the stream stopped without a completion signal). Then
 * `onConfession` is not called and no metadata is added. An abort of the call's own signal while a sync
 * confession is running aborts the call, as it would without the middleware; a consumer that cancels the
 * stream while its `finish` part is held back stops that confession too.
 *
 * @throws UsageError for an unknown `mode` or `variant`.
 * @example
 * import { createOpenAI } from "@ai-sdk/openai";
 * import { generateText, streamText, wrapLanguageModel } from "ai";
 * import { confessionMiddleware } from "confessional";
 *
 * const openai = createOpenAI();
 * const model = wrapLanguageModel({
 *   model: openai.chat("gpt-5-mini"),
 *   middleware: confessionMiddleware({
 *     onConfession: (result, { answer }) => {
 *       if (result.flagged) console.warn("flagged:", result.status, result.grade, result.reasons, answer.text);
 *     },
 *   }),
 * });
 *
 * const { text, providerMetadata } = await generateText({ model, prompt: "Write a haiku about rain." });
 * console.log(text, providerMetadata?.confessional); // { status: "ok", grade: 6, flagged: false, ... }
 *
 * // Streaming: text arrives as usual; the confession rides on the finish part.
 * const stream = streamText({ model, prompt: "Summarise the plot of Hamlet in two sentences." });
 * for await (const delta of stream.textStream) process.stdout.write(delta);
 * console.log((await stream.providerMetadata)?.confessional);
 *
 * // Async: no added latency; confessions go to the callback after each answer.
 * const monitor = confessionMiddleware({ mode: "async", onConfession: (result, info) => save(result, info) });
 * const fast = wrapLanguageModel({ model: openai.chat("gpt-5-mini"), middleware: monitor });
 * await generateText({ model: fast, prompt: "2+2?" });
 * await monitor.settled(); // before the process exits
 */
export function confessionMiddleware(options: ConfessionMiddlewareOptions = {}): ConfessionMiddleware {
  const mode = options.mode ?? "sync";
  if (mode !== "sync" && mode !== "async") {
    throw new UsageError(`confession middleware mode "${String(mode)}" is not valid; use "sync" or "async"`);
  }
  if (options.variant !== undefined) {
    const found = findConfessionVariant(options.variant);
    if (!found.ok) throw new UsageError(found.error);
  }
  const onError = (error: unknown): void => {
    try {
      (options.onError ?? warn)(error);
    } catch {
      // a failing error handler must not turn into an unhandled rejection
    }
  };
  const running = new Set<Promise<void>>();

  /** Asks for the confession (marked, so its own model calls are passed through) and reports it. */
  async function confessAbout(
    model: LanguageModelV4,
    params: LanguageModelV4CallOptions,
    answer: MonitorAnswer,
    signal: AbortSignal | undefined,
  ): Promise<ConfessResult> {
    const prompt = fromProviderPrompt(params.prompt);
    const confessor =
      options.model ??
      languageModelAsChatModel(model, {
        headers: params.headers,
        providerOptions: params.providerOptions,
        reasoning: params.reasoning,
        tools: params.tools,
      });
    const result = await confessing.run(true, () =>
      confess({
        model: confessor,
        messages: prompt,
        answer,
        ...(options.variant !== undefined && { variant: options.variant }),
        ...(options.structured !== undefined && { structured: options.structured }),
        ...(options.policy !== undefined && { policy: options.policy }),
        ...(signal !== undefined && { signal }),
      }),
    );
    if (options.onConfession) {
      // outside the marked context: calls the callback makes are monitored as usual
      try {
        await options.onConfession(result, { prompt, answer, model: `${model.provider}:${model.modelId}` });
      } catch (error) {
        onError(error);
      }
    }
    return result;
  }

  function inBackground(
    model: LanguageModelV4,
    params: LanguageModelV4CallOptions,
    answer: MonitorAnswer,
  ): void {
    // Not tied to the call's signal: the call is over, and a request-scoped signal often fires right after.
    const task = confessAbout(model, params, answer, undefined).then(
      () => undefined,
      (error: unknown) => onError(error),
    );
    running.add(task);
    void task.finally(() => running.delete(task));
  }

  return {
    specificationVersion: "v4",

    async settled() {
      while (running.size > 0) await Promise.all(running);
    },

    async wrapGenerate({ doGenerate, params, model }) {
      const result = await doGenerate();
      if (confessing.getStore() || incomplete(result.finishReason)) return result;
      const answer = answerFromContent(result.content);
      // a JSON answer some providers (Anthropic's JSON tool) return apart from the text parts
      if (params.responseFormat?.type === "json" && result.structuredOutputText !== undefined) {
        answer.text = result.structuredOutputText;
      }
      if (mode === "async") {
        inBackground(model, params, answer);
        return result;
      }
      const confession = await confessAbout(model, params, answer, params.abortSignal);
      return { ...result, providerMetadata: withConfession(result.providerMetadata, confession) };
    },

    async wrapStream({ doStream, params, model }) {
      const upstream = await doStream();
      if (confessing.getStore()) return upstream;
      const reader = upstream.stream.getReader();
      let text = "";
      const toolCalls: ToolCall[] = [];
      let failed = false;
      const cancelled = new AbortController();

      const stream = new ReadableStream<LanguageModelV4StreamPart>({
        async pull(controller) {
          const { done, value: part } = await reader.read();
          if (done) {
            controller.close();
            return;
          }
          switch (part.type) {
            case "text-delta":
              text += part.delta;
              break;
            case "tool-call":
              toolCalls.push(toolCallFromInput(part.toolCallId, part.toolName, part.input));
              break;
            case "error":
              failed = true;
              break;
            case "finish": {
              if (failed || incomplete(part.finishReason)) break;
              const answer: MonitorAnswer = { text, toolCalls };
              if (mode === "async") {
                controller.enqueue(part);
                inBackground(model, params, answer);
                return;
              }
              // the consumer cancelling while we wait for the confession stops it too
              const signal = params.abortSignal
                ? AbortSignal.any([params.abortSignal, cancelled.signal])
                : cancelled.signal;
              const confession = await confessAbout(model, params, answer, signal);
              controller.enqueue({
                ...part,
                providerMetadata: withConfession(part.providerMetadata, confession),
              });
              return;
            }
          }
          controller.enqueue(part);
        },
        cancel(reason) {
          cancelled.abort(reason);
          return reader.cancel(reason);
        },
      });
      return { ...upstream, stream };
    },
  };
}

/**
 * The JSON-safe summary of a confession that sync mode puts on `providerMetadata.confessional`.
 *
 * @example
 * confessionMetadata(await confess({ model, messages, answer })).flagged
 */
export function confessionMetadata(result: ConfessResult): ConfessionMetadata {
  return {
    status: result.status,
    grade: result.grade,
    notComplied: [...result.notComplied],
    passed: result.passed,
    flagged: result.flagged,
    reasons: [...result.reasons],
    ...(result.error !== undefined && { error: result.error }),
  };
}

/** The answer did not complete: the provider reported an error, or the stream stopped without saying why. */
function incomplete(reason: LanguageModelV4FinishReason): boolean {
  return reason.unified === "error" || reason.unified === "interrupted";
}

function withConfession(
  metadata: SharedV4ProviderMetadata | undefined,
  result: ConfessResult,
): SharedV4ProviderMetadata {
  return { ...metadata, confessional: confessionMetadata(result) };
}

function warn(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.emitWarning(`confession middleware: ${message}`, { code: "CONFESSIONAL_MIDDLEWARE" });
}
