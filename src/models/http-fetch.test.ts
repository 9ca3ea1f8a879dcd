import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { httpFetch } from "./http-fetch.ts";

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

interface TestServer {
  url: string;
  received: Received[];
  server: Server;
}

// A proxy in the developer's environment would send every call to the global fetch; keep it out.
const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NODE_USE_ENV_PROXY"];
const savedEnv = new Map<string, string | undefined>();
beforeEach(() => {
  for (const name of PROXY_VARIABLES) {
    savedEnv.set(name, process.env[name]);
    delete process.env[name];
  }
});

const servers: Server[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  );
});

/** A local server; `handle` runs after the request body has been read. */
async function serve(
  handle: (req: IncomingMessage, res: ServerResponse, received: Received) => void | Promise<void>,
): Promise<TestServer> {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const entry = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    received.push(entry);
    await handle(req, res, entry);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, server };
}

/** A promise with its resolver, to hold the server until the test lets it go on. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe("httpFetch", () => {
  it("sends method, headers and a string body, and returns status, headers and the JSON body", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const s = await serve((_req, res, received) => {
      res.writeHead(201, "Made", { "content-type": "application/json", "x-trace": "abc" });
      res.end(JSON.stringify({ echo: JSON.parse(received.body), auth: received.headers.authorization }));
    });
    const res = await httpFetch(`${s.url}/v1/things?x=1`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer k" },
      body: JSON.stringify({ a: 1 }),
    });

    expect(res.status).toBe(201);
    expect(res.statusText).toBe("Made");
    expect(res.ok).toBe(true);
    expect(res.headers.get("x-trace")).toBe("abc");
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ echo: { a: 1 }, auth: "Bearer k" });
    expect(s.received).toEqual([
      expect.objectContaining({ method: "POST", url: "/v1/things?x=1", body: '{"a":1}' }),
    ]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("accepts a URL object, Headers, and a Uint8Array body; non-2xx bodies come through", async () => {
    const s = await serve((_req, res, received) => {
      res.writeHead(429, { "content-type": "application/json", "retry-after": "3" });
      res.end(JSON.stringify({ got: received.body, custom: received.headers["x-custom"] }));
    });
    const res = await httpFetch(new URL(`${s.url}/limited`), {
      method: "PUT",
      headers: new Headers({ "x-custom": "yes" }),
      body: new TextEncoder().encode("bytes here"),
    });
    expect(res.status).toBe(429);
    expect(res.ok).toBe(false);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(await res.json()).toEqual({ got: "bytes here", custom: "yes" });
    expect(s.received[0]?.method).toBe("PUT");
  });

  it("defaults to GET and keeps repeated headers", async () => {
    const s = await serve((_req, res) => {
      res.setHeader("set-cookie", ["a=1", "b=2"]);
      res.setHeader("content-type", "text/plain");
      res.end("plain");
    });
    const res = await httpFetch(`${s.url}/get`);
    expect(s.received[0]?.method).toBe("GET");
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await res.text()).toBe("plain");
  });

  it("streams an event stream as it arrives, before the server has finished", async () => {
    const release = gate();
    let ended = false;
    const s = await serve(async (_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8" });
      res.write("data: first\n\n");
      await release.promise;
      res.write("data: second\n\n");
      ended = true;
      res.end("data: [DONE]\n\n");
    });
    // a fetch that buffered the stream would wait for the end, which waits for the test: fail fast instead
    const res = await Promise.race([
      httpFetch(`${s.url}/stream`, { method: "POST", body: "{}" }),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("no response before the stream ended")), 2000).unref(),
      ),
    ]);
    expect(res.status).toBe(200);
    const body = res.body;
    if (!body) throw new Error("expected a body");
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();

    const first = await reader.read();
    expect(first.value).toBe("data: first\n\n");
    // the server is still holding the response open: the first chunk came incrementally
    expect(ended).toBe(false);

    release.open();
    let rest = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += value;
    }
    expect(ended).toBe(true);
    expect(rest).toBe("data: second\n\ndata: [DONE]\n\n");
  });

  it("gives a null body for 204 and for HEAD", async () => {
    const s = await serve((req, res) => {
      if (req.method === "HEAD") {
        res.writeHead(200, { "content-type": "application/json", "content-length": "10" });
        res.end();
        return;
      }
      res.writeHead(204);
      res.end();
    });
    const res = await httpFetch(`${s.url}/empty`, { method: "DELETE" });
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
    expect(await res.text()).toBe("");

    const head = await httpFetch(`${s.url}/head`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
  });

  it("aborts an in-flight request: rejects with the signal's reason, and the server sees the socket close", async () => {
    const arrived = gate();
    const closed = gate();
    const s = await serve((req, res) => {
      arrived.open();
      // never answers; notices when the client goes away
      res.on("close", () => closed.open());
      req.socket.on("close", () => closed.open());
    });
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    const pending = httpFetch(`${s.url}/slow`, { method: "POST", body: "{}", signal: controller.signal });
    await arrived.promise;
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await closed.promise;
  });

  it("aborts while the body of a buffered response is still arriving", async () => {
    const headersSent = gate();
    const closed = gate();
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"partial": ');
      res.on("close", () => closed.open());
      headersSent.open();
    });
    const controller = new AbortController();
    const reason = new Error("too slow");
    const pending = httpFetch(`${s.url}/half`, { signal: controller.signal });
    await headersSent.promise;
    // give the client a moment to receive the head and the first bytes
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    await closed.promise;
  });

  it("rejects at once, without a request, when the signal is already aborted", async () => {
    const s = await serve((_req, res) => {
      res.end("no");
    });
    const reason = new Error("already");
    const controller = new AbortController();
    controller.abort(reason);
    await expect(httpFetch(`${s.url}/x`, { signal: controller.signal })).rejects.toBe(reason);
    expect(s.received).toEqual([]);
  });

  it("rejects with the network error when nothing listens", async () => {
    const s = await serve((_req, res) => {
      res.end();
    });
    const url = s.url;
    await new Promise<void>((resolve) => s.server.close(() => resolve()));
    await expect(httpFetch(`${url}/gone`)).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("hands a ReadableStream body to the global fetch, which still delivers it", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const s = await serve((_req, res, received) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ got: received.body }));
    });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("streamed "));
        controller.enqueue(new TextEncoder().encode("body"));
        controller.close();
      },
    });
    const res = await httpFetch(`${s.url}/upload`, {
      method: "POST",
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(await res.json()).toEqual({ got: "streamed body" });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it("hands FormData and Request inputs to the global fetch", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const s = await serve((_req, res, received) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ type: received.headers["content-type"], body: received.body }));
    });
    const form = new FormData();
    form.set("field", "value");
    const res = await httpFetch(`${s.url}/form`, { method: "POST", body: form });
    const json = (await res.json()) as { type: string; body: string };
    expect(json.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(json.body).toContain('name="field"');
    expect(json.body).toContain("value");

    const viaRequest = await httpFetch(new Request(`${s.url}/req`, { method: "POST", body: "r" }));
    expect(await viaRequest.json()).toMatchObject({ body: "r" });
    expect(fetchSpy).toHaveBeenCalledTimes(2);
  });

  it("delegates to the global fetch when a proxy is configured in the environment", async () => {
    // the hook above restores the variable after the test
    process.env.HTTPS_PROXY = "http://127.0.0.1:9";
    const fetchSpy = vi
      .spyOn(globalThis, "fetch")
      .mockResolvedValue(new Response("via the proxy", { status: 200 }));
    const init = { method: "POST", body: "{}" };
    const res = await httpFetch("http://127.0.0.1:1/v1/chat/completions", init);
    expect(await res.text()).toBe("via the proxy");
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(fetchSpy).toHaveBeenCalledWith("http://127.0.0.1:1/v1/chat/completions", init);
  });
});
