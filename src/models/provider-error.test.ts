import { APICallError, RetryError } from "ai";
import { describe, expect, it } from "vitest";
import { ConfessError } from "../errors/confess-error.ts";
import { isRetryableStatus, parseRetryAfterSeconds, toProviderError } from "./provider-error.ts";

const apiError = (
  statusCode: number | undefined,
  responseHeaders?: Record<string, string>,
  isRetryable = false,
) =>
  new APICallError({
    message: "nope",
    url: "http://127.0.0.1/v1/chat/completions",
    requestBodyValues: {},
    ...(statusCode !== undefined && { statusCode }),
    ...(responseHeaders && { responseHeaders }),
    isRetryable,
  });

describe("parseRetryAfterSeconds", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it.each([
    [{ "retry-after": "3" }, 3],
    [{ "Retry-After": "0.5" }, 0.5],
    [{ "retry-after-ms": "1500", "retry-after": "9" }, 1.5],
    [{ "retry-after": "Thu, 01 Jan 2026 00:00:10 GMT" }, 10],
    [{ "retry-after": "Wed, 31 Dec 2025 23:59:00 GMT" }, 0],
    [{ "retry-after": "soon" }, undefined],
    [{}, undefined],
    [undefined, undefined],
  ])("%j -> %s", (headers, expected) => {
    expect(parseRetryAfterSeconds(headers, now)).toBe(expected);
  });
});

describe("isRetryableStatus", () => {
  it.each([
    [429, true],
    [408, true],
    [409, true],
    [500, true],
    [503, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
  ])("%i -> %s", (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });
});

describe("toProviderError", () => {
  it("maps API errors with status, retryability and Retry-After", () => {
    const e = toProviderError(apiError(429, { "retry-after": "7" }), "openai:x");
    expect(e).toMatchObject({
      code: "CONFESS_PROVIDER_ERROR",
      status: 429,
      retryable: true,
      retryAfterSeconds: 7,
    });
    expect(e.message).toContain("openai:x");
    expect(e.message).toContain("HTTP 429");
    expect(toProviderError(apiError(401), "m")).toMatchObject({ status: 401, retryable: false });
  });

  it("treats status-less API errors (network) by the SDK's verdict", () => {
    expect(toProviderError(apiError(undefined, undefined, true), "m")).toMatchObject({ retryable: true });
  });

  it("unwraps RetryError", () => {
    const wrapped = new RetryError({ message: "x", reason: "maxRetriesExceeded", errors: [apiError(500)] });
    expect(toProviderError(wrapped, "m")).toMatchObject({ status: 500, retryable: true });
  });

  it("passes ConfessErrors through", () => {
    const original = new ConfessError("CONFESS_TIMEOUT", "t", { retryable: true });
    expect(toProviderError(original, "m")).toBe(original);
  });

  it("maps aborts by the signal's reason", () => {
    const c = new AbortController();
    c.abort();
    expect(toProviderError(new Error("x"), "m", c.signal)).toMatchObject({ code: "CONFESS_ABORTED" });
    const t = new AbortController();
    t.abort(new DOMException("late", "TimeoutError"));
    expect(toProviderError(new Error("x"), "m", t.signal)).toMatchObject({
      code: "CONFESS_TIMEOUT",
      retryable: true,
    });
  });

  it("marks network errors retryable and other errors not", () => {
    const net = new TypeError("fetch failed", {
      cause: Object.assign(new Error("refused"), { code: "ECONNREFUSED" }),
    });
    expect(toProviderError(net, "m")).toMatchObject({ code: "CONFESS_PROVIDER_ERROR", retryable: true });
    expect(toProviderError(new Error("weird"), "m")).toMatchObject({ retryable: false });
  });
});
