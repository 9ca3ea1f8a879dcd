import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { MonitorSink, MonitorWebhookRecord } from "./monitor-types.ts";
import { createWebhookNotifier, parseWebhookUrl } from "./webhook.ts";

interface Received {
  method: string;
  headers: IncomingMessage["headers"];
  body: string;
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A local receiver whose n-th request (from 1) is answered by `respond`. */
async function receiver(
  respond: (n: number, res: ServerResponse) => void,
): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ method: req.method ?? "", headers: req.headers, body: Buffer.concat(chunks).toString() });
    respond(received.length, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, received };
}

function sink(): { sink: MonitorSink; records: MonitorWebhookRecord[] } {
  const records: MonitorWebhookRecord[] = [];
  const unused = () => {
    throw new Error("not a webhook record");
  };
  return {
    records,
    sink: {
      recordWebhook: (r) => records.push(r),
      recordRequest: unused,
      recordAttempt: unused,
      recordConfession: unused,
    },
  };
}

const reply = (res: ServerResponse, status: number, body = "") => {
  res.writeHead(status, { "content-type": "text/plain" });
  res.end(body);
};

describe("createWebhookNotifier", () => {
  it("retries 503s and delivers on the third try", async () => {
    const hook = await receiver((n, res) => (n <= 2 ? reply(res, 503, "busy") : reply(res, 204)));
    const { sink: s, records } = sink();
    const notifier = createWebhookNotifier({ url: hook.url, sink: s, baseDelayMs: 5 });

    notifier.notify("req_1", {
      requestId: "req_1",
      grade: 2,
      reasons: ["grade 2 is below the minimum of 4"],
    });
    await notifier.drain();

    expect(hook.received).toHaveLength(3);
    for (const r of hook.received) {
      expect(r.method).toBe("POST");
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers["x-confession-request-id"]).toBe("req_1");
      expect(JSON.parse(r.body)).toEqual({
        requestId: "req_1",
        grade: 2,
        reasons: ["grade 2 is below the minimum of 4"],
      });
    }
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      requestId: "req_1",
      url: hook.url,
      status: "delivered",
      tries: 3,
      httpStatus: 204,
    });
    expect(records[0]?.error).toBeUndefined();
    expect(Number.isNaN(Date.parse(records[0]?.createdAt ?? ""))).toBe(false);
  });

  it("retries 429 as well", async () => {
    const hook = await receiver((n, res) => (n === 1 ? reply(res, 429) : reply(res, 200)));
    const { sink: s, records } = sink();
    const notifier = createWebhookNotifier({ url: hook.url, sink: s, baseDelayMs: 5 });
    notifier.notify("req_2", {});
    await notifier.drain();
    expect(records[0]).toMatchObject({ status: "delivered", tries: 2, httpStatus: 200 });
  });

  it("gives up at once on a 400, quoting the receiver", async () => {
    const hook = await receiver((_n, res) => reply(res, 400, "missing field: team"));
    const { sink: s, records } = sink();
    const notifier = createWebhookNotifier({ url: hook.url, sink: s, baseDelayMs: 5 });
    notifier.notify("req_3", { flagged: true });
    await notifier.drain();

    expect(hook.received).toHaveLength(1);
    expect(records).toEqual([
      expect.objectContaining({
        requestId: "req_3",
        status: "failed",
        tries: 1,
        httpStatus: 400,
        error: "HTTP 400: missing field: team",
      }),
    ]);
  });

  it("stops after maxTries on a receiver that keeps failing", async () => {
    const hook = await receiver((_n, res) => reply(res, 500));
    const { sink: s, records } = sink();
    const notifier = createWebhookNotifier({ url: hook.url, sink: s, baseDelayMs: 1, maxTries: 3 });
    notifier.notify("req_4", {});
    await notifier.drain();
    expect(hook.received).toHaveLength(3);
    expect(records[0]).toMatchObject({ status: "failed", tries: 3, httpStatus: 500 });
  });

  it("retries a refused connection and records the network error", async () => {
    const hook = await receiver((_n, res) => reply(res, 200));
    const url = hook.url;
    await closers.pop()?.(); // nothing listens there any more
    const { sink: s, records } = sink();
    const notifier = createWebhookNotifier({ url, sink: s, baseDelayMs: 1, maxTries: 2 });
    notifier.notify("req_5", {});
    await notifier.drain();
    expect(records[0]).toMatchObject({ status: "failed", tries: 2, httpStatus: null });
    expect(records[0]?.error).toMatch(/ECONNREFUSED/);
  });

  it("times out a receiver that never answers, and retries it", async () => {
    const hook = await receiver(() => {}); // reads the request, never replies
    const { sink: s, records } = sink();
    const notifier = createWebhookNotifier({
      url: hook.url,
      sink: s,
      baseDelayMs: 1,
      maxTries: 2,
      timeoutMs: 50,
    });
    notifier.notify("req_t", {});
    await notifier.drain();
    expect(hook.received).toHaveLength(2);
    expect(records[0]).toMatchObject({
      status: "failed",
      tries: 2,
      httpStatus: null,
      error: "no response within 50 ms",
    });
  });

  it("does not follow redirects", async () => {
    const hook = await receiver((_n, res) => {
      res.writeHead(302, { location: "http://127.0.0.1:9/elsewhere" });
      res.end();
    });
    const { sink: s, records } = sink();
    const notifier = createWebhookNotifier({ url: hook.url, sink: s, baseDelayMs: 1 });
    notifier.notify("req_6", {});
    await notifier.drain();
    expect(records[0]).toMatchObject({ status: "failed", tries: 1, httpStatus: 302 });
  });

  it("notify returns before the delivery finishes", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const hook = await receiver((_n, res) => void gate.then(() => reply(res, 200)));
    const { sink: s, records } = sink();
    const notifier = createWebhookNotifier({ url: hook.url, sink: s });
    notifier.notify("req_7", {});
    expect(records).toEqual([]);
    release();
    await notifier.drain();
    expect(records[0]?.status).toBe("delivered");
  });

  it("never throws from notify: invalid URL, unencodable payload, broken sink", async () => {
    const { sink: s, records } = sink();
    const invalid = createWebhookNotifier({ url: "not a url", sink: s });
    expect(() => invalid.notify("req_8", { a: 1 })).not.toThrow();
    await invalid.drain();
    expect(records[0]).toMatchObject({ requestId: "req_8", status: "failed", tries: 0, httpStatus: null });
    expect(records[0]?.error).toMatch(/not a valid URL/);

    const ftp = createWebhookNotifier({ url: "ftp://127.0.0.1/hook", sink: s });
    expect(() => ftp.notify("req_9", {})).not.toThrow();
    await ftp.drain();
    expect(records[1]).toMatchObject({ status: "failed", tries: 0 });

    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const hook = await receiver((_n, res) => reply(res, 200));
    const notifier = createWebhookNotifier({ url: hook.url, sink: s });
    expect(() => notifier.notify("req_10", cyclic)).not.toThrow();
    expect(() => notifier.notify("req_11", { big: 1n })).not.toThrow();
    await notifier.drain();
    expect(hook.received).toHaveLength(0);
    expect(records.slice(2).map((r) => [r.requestId, r.status, r.tries])).toEqual([
      ["req_10", "failed", 0],
      ["req_11", "failed", 0],
    ]);

    const throwing: MonitorSink = {
      ...s,
      recordWebhook: () => {
        throw new Error("database is closed");
      },
    };
    const withBrokenSink = createWebhookNotifier({ url: "not a url", sink: throwing });
    expect(() => withBrokenSink.notify("req_12", {})).not.toThrow();
    await expect(withBrokenSink.drain()).resolves.toBeUndefined();
  });

  it("drops deliveries beyond maxPending and records them failed", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const hook = await receiver((_n, res) => void gate.then(() => reply(res, 200)));
    const { sink: s, records } = sink();
    const notifier = createWebhookNotifier({ url: hook.url, sink: s, maxPending: 1 });
    notifier.notify("first", {});
    notifier.notify("second", {});
    expect(records).toEqual([expect.objectContaining({ requestId: "second", status: "failed", tries: 0 })]);
    release();
    await notifier.drain();
    expect(records.map((r) => [r.requestId, r.status])).toEqual([
      ["second", "failed"],
      ["first", "delivered"],
    ]);
  });

  it("keeps secrets in the URL's user info and query out of the record", async () => {
    const hook = await receiver((_n, res) => reply(res, 200));
    const { sink: s, records } = sink();
    const url = `${hook.url.replace("http://", "http://user:s3cret@")}?token=abc123`;
    const notifier = createWebhookNotifier({ url, sink: s });
    notifier.notify("req_13", {});
    await notifier.drain();
    expect(records[0]?.status).toBe("delivered");
    expect(records[0]?.url).not.toMatch(/s3cret|abc123/);
    expect(hook.received[0]?.headers.authorization).toBeDefined();
  });
});

describe("parseWebhookUrl", () => {
  it("accepts http and https URLs", () => {
    expect(parseWebhookUrl("https://hooks.example.com/x")).toEqual({
      ok: true,
      value: "https://hooks.example.com/x",
    });
  });

  it("refuses other schemes and non-URLs, saying what is valid", () => {
    const bad = parseWebhookUrl("hooks.example.com/x");
    expect(!bad.ok && bad.error).toMatch(/http:\/\/ or https:\/\//);
    const ftp = parseWebhookUrl("ftp://example.com");
    expect(!ftp.ok && ftp.error).toMatch(/http:\/\/ or https:\/\//);
  });
});
