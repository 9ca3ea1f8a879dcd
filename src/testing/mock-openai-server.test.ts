import { afterEach, describe, expect, it } from "vitest";
import { type MockOpenAIServer, replySequence, startMockOpenAIServer } from "./mock-openai-server.ts";

const servers: MockOpenAIServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: Parameters<typeof startMockOpenAIServer>[0] = {}) {
  const server = await startMockOpenAIServer(options);
  servers.push(server);
  return server;
}

// biome-ignore lint/suspicious/noExplicitAny: the tests index freely into wire JSON.
const json = async (res: Response): Promise<any> => res.json();

const chat = (server: MockOpenAIServer, body: Record<string, unknown>) =>
  fetch(`${server.url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer t" },
    body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hello" }], ...body }),
  });

describe("startMockOpenAIServer", () => {
  it("binds to 127.0.0.1 on an ephemeral port and records requests", async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const res = await chat(server, {});
    const body = await json(res);
    expect(body.choices[0].message).toEqual({ role: "assistant", content: "echo: hello" });
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
    expect(server.requests).toEqual([
      expect.objectContaining({
        method: "POST",
        path: "/v1/chat/completions",
        body: expect.objectContaining({ model: "m" }),
        headers: expect.objectContaining({ authorization: "Bearer t" }),
      }),
    ]);
  });

  it("lists models and answers 404 for unknown routes", async () => {
    const server = await start();
    const models = await json(await fetch(`${server.url}/models`));
    expect(models).toMatchObject({ object: "list", data: [{ id: "mock-model" }] });
    const missing = await fetch(`${server.url}/responses`, { method: "POST", body: "{}" });
    expect(missing.status).toBe(404);
  });

  it("streams SSE chunks, a usage chunk when asked, and [DONE]", async () => {
    const server = await start({
      handler: () => ({ text: "a b c", toolCalls: [{ name: "t", arguments: { x: 1 } }] }),
    });
    const res = await chat(server, { stream: true, stream_options: { include_usage: true } });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const events = (await res.text()).split("\n\n").filter(Boolean);
    expect(events.every((e) => e.startsWith("data: "))).toBe(true);
    expect(events.at(-1)).toBe("data: [DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice(6)));
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
    expect(text).toBe("a b c");
    expect(chunks.find((c) => c.choices[0]?.delta.tool_calls)?.choices[0].delta.tool_calls[0]).toMatchObject({
      index: 0,
      id: "call_1",
      function: { name: "t", arguments: '{"x":1}' },
    });
    expect(chunks.at(-2).choices[0].finish_reason).toBe("tool_calls");
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { completion_tokens: expect.any(Number) } });

    const noUsage = await (await chat(server, { stream: true })).text();
    expect(noUsage).not.toContain('"usage"');
  });

  it("injects errors with headers and raw bodies", async () => {
    const server = await start({
      handler: replySequence([
        { error: { status: 429, message: "slow", headers: { "retry-after": "3" } } },
        { raw: { status: 502, body: "<html>bad gateway</html>", headers: { "content-type": "text/html" } } },
      ]),
    });
    const limited = await chat(server, {});
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect((await json(limited)).error.message).toBe("slow");
    const raw = await chat(server, {});
    expect(raw.status).toBe(502);
    expect(await raw.text()).toBe("<html>bad gateway</html>");
  });

  it("replySequence fails loudly (HTTP 400) when exhausted, or cycles", async () => {
    const once = await start({ handler: replySequence([{ text: "one" }]) });
    expect((await json(await chat(once, {}))).choices[0].message.content).toBe("one");
    const exhausted = await chat(once, {});
    expect(exhausted.status).toBe(400);
    expect((await json(exhausted)).error.message).toContain("exhausted");

    const cycling = await start({ handler: replySequence([{ text: "a" }, { text: "b" }], { cycle: true }) });
    const texts: string[] = [];
    for (let i = 0; i < 3; i++) texts.push((await json(await chat(cycling, {}))).choices[0].message.content);
    expect(texts).toEqual(["a", "b", "a"]);
  });

  it("answers 400 when the handler throws", async () => {
    const server = await start({
      handler: () => {
        throw new Error("handler bug");
      },
    });
    const res = await chat(server, {});
    expect(res.status).toBe(400);
    expect((await json(res)).error.message).toContain("handler bug");
  });

  it("delays replies by latencyMs", async () => {
    const server = await start({ latencyMs: 50 });
    const t0 = performance.now();
    await json(await chat(server, {}));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(45);
  });

  it("closes promptly even with keep-alive connections open", async () => {
    const server = await startMockOpenAIServer();
    await json(await chat(server, {}));
    const t0 = performance.now();
    await server.close();
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
