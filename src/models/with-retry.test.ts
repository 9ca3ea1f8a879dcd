import { describe, expect, it } from "vitest";
import { ConfessError } from "../errors/confess-error.ts";
import type { ChatModel, ModelRequest, ModelResponse } from "./model.ts";
import { type RetryInfo, withRetry } from "./with-retry.ts";

const ok: ModelResponse = {
  text: "ok",
  toolCalls: [],
  finishReason: "stop",
  usage: { inputTokens: 1, outputTokens: 1 },
};
const request: ModelRequest = { messages: [{ role: "user", content: "hi" }] };

const retryable = (status = 503, retryAfterSeconds?: number) =>
  new ConfessError("CONFESS_PROVIDER_ERROR", `HTTP ${status}`, {
    status,
    retryable: true,
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
  });

/** A model that plays the given outcomes in order (then keeps answering ok) and counts calls. */
function fakeModel(outcomes: Array<Error | ModelResponse | "hang">) {
  const calls: ModelRequest[] = [];
  const model: ChatModel = {
    id: "fake:model",
    capabilities: { structuredOutput: true, tools: true },
    parameters: { temperature: 0 },
    async generate(req) {
      calls.push(req);
      const outcome = outcomes[calls.length - 1] ?? ok;
      if (outcome === "hang") return new Promise<never>(() => {});
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  };
  return { model, calls };
}

function fakeSleep() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe("withRetry", () => {
  it("passes through id, capabilities and parameters", () => {
    const { model } = fakeModel([]);
    const wrapped = withRetry(model);
    expect(wrapped.id).toBe("fake:model");
    expect(wrapped.capabilities).toBe(model.capabilities);
    expect(wrapped.parameters).toEqual({ temperature: 0 });
  });

  it("returns the first success without waiting", async () => {
    const { model, calls } = fakeModel([ok]);
    const { waits, sleep } = fakeSleep();
    await expect(withRetry(model, { sleep }).generate(request)).resolves.toEqual(ok);
    expect(calls).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it("retries retryable errors with exponential backoff and full jitter", async () => {
    const { model, calls } = fakeModel([retryable(), retryable(), retryable(), ok]);
    const { waits, sleep } = fakeSleep();
    const infos: RetryInfo[] = [];
    const res = await withRetry(model, {
      sleep,
      baseDelayMs: 100,
      random: () => 0.5,
      onRetry: (i) => infos.push(i),
    }).generate(request);
    expect(res).toEqual(ok);
    expect(calls).toHaveLength(4);
    expect(waits).toEqual([50, 100, 200]);
    expect(infos.map((i) => i.attempt)).toEqual([1, 2, 3]);
    expect(infos[0]?.error).toMatchObject({ status: 503 });
  });

  it("caps the backoff at maxDelayMs", async () => {
    const { model } = fakeModel([retryable(), retryable(), retryable(), ok]);
    const { waits, sleep } = fakeSleep();
    await withRetry(model, { sleep, baseDelayMs: 1000, maxDelayMs: 1500, random: () => 0.999 }).generate(
      request,
    );
    expect(waits).toEqual([999, 1498, 1498]);
  });

  it("waits at least Retry-After, capped at maxDelayMs", async () => {
    const { model } = fakeModel([retryable(429, 2), retryable(429, 120), ok]);
    const { waits, sleep } = fakeSleep();
    await withRetry(model, { sleep, random: () => 0, maxDelayMs: 30_000 }).generate(request);
    expect(waits).toEqual([2000, 30_000]);
  });

  it("is bounded: after maxRetries the last error is thrown", async () => {
    const errors = [retryable(500), retryable(502), retryable(503)];
    const { model, calls } = fakeModel(errors);
    const { waits, sleep } = fakeSleep();
    await expect(withRetry(model, { sleep, maxRetries: 2 }).generate(request)).rejects.toBe(errors[2]);
    expect(calls).toHaveLength(3);
    expect(waits).toHaveLength(2);
  });

  it("defaults to 5 retries", async () => {
    const { model, calls } = fakeModel(Array.from({ length: 10 }, () => retryable()));
    await expect(withRetry(model, { sleep: async () => {} }).generate(request)).rejects.toMatchObject({
      retryable: true,
    });
    expect(calls).toHaveLength(6);
  });

  it("does not retry non-retryable or foreign errors", async () => {
    const badRequest = new ConfessError("CONFESS_PROVIDER_ERROR", "HTTP 400", {
      status: 400,
      retryable: false,
    });
    const first = fakeModel([badRequest]);
    await expect(withRetry(first.model, { sleep: async () => {} }).generate(request)).rejects.toBe(
      badRequest,
    );
    expect(first.calls).toHaveLength(1);

    const bug = new TypeError("boom");
    const second = fakeModel([bug]);
    await expect(withRetry(second.model, { sleep: async () => {} }).generate(request)).rejects.toBe(bug);
    expect(second.calls).toHaveLength(1);
  });

  it("turns a call past timeoutMs into a retryable CONFESS_TIMEOUT and retries it", async () => {
    const { model, calls } = fakeModel(["hang", ok]);
    const infos: RetryInfo[] = [];
    const res = await withRetry(model, {
      timeoutMs: 20,
      sleep: async () => {},
      onRetry: (i) => infos.push(i),
    }).generate(request);
    expect(res).toEqual(ok);
    expect(calls).toHaveLength(2);
    expect(infos[0]?.error).toMatchObject({ code: "CONFESS_TIMEOUT", retryable: true });
    // The inner call saw a signal that the timeout aborted.
    expect(calls[0]?.signal?.aborted).toBe(true);
  });

  it("throws CONFESS_TIMEOUT once retries run out", async () => {
    const { model } = fakeModel(["hang", "hang"]);
    await expect(
      withRetry(model, { timeoutMs: 10, maxRetries: 1, sleep: async () => {} }).generate(request),
    ).rejects.toMatchObject({ code: "CONFESS_TIMEOUT" });
  });

  it("stops at once with CONFESS_ABORTED when request.signal aborts during a call", async () => {
    const { model, calls } = fakeModel(["hang"]);
    const controller = new AbortController();
    const pending = withRetry(model, { sleep: async () => {} }).generate({
      ...request,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 5);
    await expect(pending).rejects.toMatchObject({ code: "CONFESS_ABORTED", retryable: false });
    expect(calls).toHaveLength(1);
  });

  it("stops with CONFESS_ABORTED when request.signal aborts during the backoff wait", async () => {
    const { model, calls } = fakeModel([retryable(), ok]);
    const controller = new AbortController();
    const sleep = (_ms: number, signal?: AbortSignal) =>
      new Promise<void>((_, reject) => {
        signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
        controller.abort();
      });
    await expect(
      withRetry(model, { sleep }).generate({ ...request, signal: controller.signal }),
    ).rejects.toMatchObject({ code: "CONFESS_ABORTED" });
    expect(calls).toHaveLength(1);
  });

  it("does not call the model when the signal is already aborted", async () => {
    const { model, calls } = fakeModel([ok]);
    await expect(
      withRetry(model).generate({ ...request, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({
      code: "CONFESS_ABORTED",
    });
    expect(calls).toHaveLength(0);
  });

  it("the default sleep really waits and can be aborted", async () => {
    const { model } = fakeModel([retryable(), ok]);
    const start = Date.now();
    await withRetry(model, { baseDelayMs: 30, random: () => 0.999 }).generate(request);
    expect(Date.now() - start).toBeGreaterThanOrEqual(20);
  });
});
