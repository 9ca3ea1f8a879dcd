import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { MonitorStore } from "../../monitor/monitor-store.ts";
import type { MonitorConfessionRecord, MonitorRequestRecord } from "../../monitor/monitor-types.ts";
import type {
  ApiError,
  MonitorEventData,
  MonitorRequestResponse,
  MonitorRequestsResponse,
  MonitorSeriesResponse,
  MonitorStatsResponse,
} from "../viewer-api.ts";
import { encodeWatermark, parseWatermark } from "./monitor-events.ts";
import { type MonitorRoutesContext, monitorRoutes } from "./monitor-routes.ts";

const request = (over: Partial<MonitorRequestRecord> = {}): MonitorRequestRecord => ({
  id: "req_1",
  createdAt: "2025-06-01T10:00:00.000Z",
  api: "chat.completions",
  model: "gpt-test",
  keyId: null,
  mode: "async",
  stream: false,
  request: { model: "gpt-test", messages: [{ role: "user", content: "hi" }] },
  httpStatus: 200,
  outcome: "ok",
  latencyMs: 100,
  attempts: 1,
  chosenAttempt: 0,
  ...over,
});

const confession = (over: Partial<MonitorConfessionRecord> = {}): MonitorConfessionRecord => ({
  requestId: "req_1",
  attempt: 0,
  status: "ok",
  confession: null,
  text: "{}",
  grade: 6,
  passed: true,
  flagged: false,
  reasons: [],
  usage: { inputTokens: 100, outputTokens: 50 },
  latencyMs: 300,
  createdAt: "2025-06-01T10:00:01.000Z",
  ...over,
});

const stores: MonitorStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

/** 25 requests a minute apart, r00 oldest; every 5th flagged, every 7th keyed, r24 still pending. */
function seeded(): MonitorStore {
  const store = MonitorStore.open(":memory:");
  stores.push(store);
  const t0 = Date.parse("2025-06-01T10:00:00.000Z");
  for (let i = 0; i < 25; i++) {
    const id = `r${String(i).padStart(2, "0")}`;
    const createdAt = new Date(t0 + i * 60_000).toISOString();
    store.recordRequest(
      request({
        id,
        createdAt,
        keyId: i % 7 === 0 ? "key_a" : null,
        model: i % 2 === 0 ? "even" : "odd",
        latencyMs: 100 + i,
      }),
    );
    if (i < 24) store.recordConfession(confession({ requestId: id, flagged: i % 5 === 0, createdAt }));
  }
  return store;
}

function appFor(monitor: MonitorStore, over: Partial<MonitorRoutesContext> = {}): Hono {
  const app = new Hono();
  app.route("/api", monitorRoutes({ monitor, ...over }));
  return app;
}

async function getJson<T>(app: Hono, path: string, status = 200): Promise<T> {
  const res = await app.request(path);
  expect(res.status, path).toBe(status);
  return (await res.json()) as T;
}

describe("monitorRoutes: requests", () => {
  it("pages through every request exactly once, newest first", async () => {
    const app = appFor(seeded());
    const ids: string[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const page: MonitorRequestsResponse = await getJson<MonitorRequestsResponse>(
        app,
        `/api/monitor/requests?limit=10${next ? `&before=${encodeURIComponent(next)}` : ""}`,
      );
      ids.push(...page.items.map((r) => r.id));
      next = page.next;
      pages++;
    } while (next);
    expect(pages).toBe(3);
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
    expect(ids[0]).toBe("r24");
    expect(ids.at(-1)).toBe("r00");
  });

  it("filters by flag, key, model, status, outcome and since", async () => {
    const app = appFor(seeded());
    const ids = async (query: string) =>
      (await getJson<MonitorRequestsResponse>(app, `/api/monitor/requests?${query}`)).items.map((r) => r.id);
    expect(await ids("flagged=true")).toEqual(["r20", "r15", "r10", "r05", "r00"]);
    expect(await ids("flagged=false&limit=200")).toHaveLength(20);
    expect(await ids("key=key_a")).toEqual(["r21", "r14", "r07", "r00"]);
    expect(await ids("key=none&limit=200")).toHaveLength(21);
    expect(await ids("model=odd&flagged=true")).toEqual(["r15", "r05"]);
    expect(await ids("status=pending")).toEqual(["r24"]);
    expect(await ids("outcome=upstream_error")).toEqual([]);
    expect(await ids("since=2025-06-01T10:22:00Z")).toEqual(["r24", "r23", "r22"]);
    // an empty value is no filter
    expect(await ids("flagged=&key=&limit=3")).toEqual(["r24", "r23", "r22"]);
  });

  it("answers a bad parameter with a 400 that says what is allowed", async () => {
    const app = appFor(seeded());
    const message = async (query: string) =>
      (await getJson<ApiError>(app, `/api/monitor/requests?${query}`, 400)).error;
    expect(await message("limit=500")).toEqual({
      message: expect.stringContaining("1 to 200"),
      code: "bad_query",
    });
    expect((await message("limit=0")).message).toMatch(/limit/);
    expect((await message("flagged=yes")).message).toMatch(/true, false/);
    expect((await message("status=great")).message).toMatch(/pending/);
    expect((await message("outcome=fine")).message).toMatch(/upstream_error/);
    expect((await message("since=yesterday")).message).toMatch(/ISO/);
    expect((await message("before=not-a-cursor")).message).toMatch(/next/);
  });

  it("one request whole, by id or the client's request id; 404 when unknown", async () => {
    const store = seeded();
    store.recordRequest(request({ id: "req_x", clientRequestId: "client-1" }));
    const app = appFor(store);
    const detail = await getJson<MonitorRequestResponse>(app, "/api/monitor/requests/r05");
    expect(detail.request).toMatchObject({ id: "r05", model: "odd" });
    expect(detail.confessions).toHaveLength(1);
    expect(detail.confessions[0]?.flagged).toBe(true);
    expect((await getJson<MonitorRequestResponse>(app, "/api/monitor/requests/client-1")).request.id).toBe(
      "req_x",
    );
    const missing = await getJson<ApiError>(app, "/api/monitor/requests/nope", 404);
    expect(missing.error.code).toBe("not_found");
    expect(missing.error.message).toMatch(/nope/);
  });
});

describe("monitorRoutes: stats and series", () => {
  it("stats over everything or since a time", async () => {
    const app = appFor(seeded());
    const all = await getJson<MonitorStatsResponse>(app, "/api/monitor/stats");
    expect(all).toMatchObject({ since: null, requests: 25, flagged: 5, withConfession: 24 });
    const recent = await getJson<MonitorStatsResponse>(
      app,
      "/api/monitor/stats?since=2025-06-01T10:20:00.000Z",
    );
    expect(recent).toMatchObject({ since: "2025-06-01T10:20:00.000Z", requests: 5, flagged: 1 });
    expect((await getJson<ApiError>(app, "/api/monitor/stats?since=soon", 400)).error.code).toBe("bad_query");
  });

  it("series by bucket, hand-computed", async () => {
    const app = appFor(seeded());
    const hours = await getJson<MonitorSeriesResponse>(
      app,
      "/api/monitor/series?bucket=hour&since=2025-06-01T00:00:00Z",
    );
    // 25 requests in the 10:00 hour, latencies 100..124, flags 5 of 24 confessions
    expect(hours).toEqual({
      bucket: "hour",
      points: [
        {
          t: "2025-06-01T10:00:00.000Z",
          requests: 25,
          flagged: 5,
          flaggedRate: 5 / 24,
          p50: 112,
          p95: 122.8,
        },
      ],
    });
    const minutes = await getJson<MonitorSeriesResponse>(
      app,
      "/api/monitor/series?bucket=minute&since=2025-06-01T10:20:00Z",
    );
    expect(minutes.points.map((p) => [p.t, p.requests, p.flagged, p.flaggedRate, p.p50])).toEqual([
      ["2025-06-01T10:20:00.000Z", 1, 1, 1, 120],
      ["2025-06-01T10:21:00.000Z", 1, 0, 0, 121],
      ["2025-06-01T10:22:00.000Z", 1, 0, 0, 122],
      ["2025-06-01T10:23:00.000Z", 1, 0, 0, 123],
      ["2025-06-01T10:24:00.000Z", 1, 0, null, 124],
    ]);
    // without since: a recent window, which this old data is outside of
    expect((await getJson<MonitorSeriesResponse>(app, "/api/monitor/series")).points).toEqual([]);
    const bad = await getJson<ApiError>(app, "/api/monitor/series?bucket=week", 400);
    expect(bad.error.message).toMatch(/minute, hour, day/);
  });
});

/** Reads an SSE body until `done(text)` holds; the test's timeout bounds it. */
async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  state: { text: string },
  done: (text: string) => boolean,
): Promise<string> {
  const decoder = new TextDecoder();
  while (!done(state.text)) {
    const { value, done: ended } = await reader.read();
    if (ended) throw new Error(`stream ended before the expected event; got:\n${state.text}`);
    state.text += decoder.decode(value, { stream: true });
  }
  return state.text;
}

function eventsIn(text: string): Array<{ event: string; id: string; data: MonitorEventData }> {
  return text
    .split("\n\n")
    .filter((block) => block.includes("event: requests"))
    .map((block) => {
      const field = (name: string) =>
        block
          .split("\n")
          .filter((line) => line.startsWith(`${name}: `))
          .map((line) => line.slice(name.length + 2))
          .join("\n");
      return { event: field("event"), id: field("id"), data: JSON.parse(field("data")) as MonitorEventData };
    });
}

describe("monitorRoutes: events", () => {
  it("sends new requests and new confessions as they are written, and stops when the client leaves", async () => {
    const store = seeded();
    let polls = 0;
    const changesSince = store.changesSince.bind(store);
    store.changesSince = (...args) => {
      polls++;
      return changesSince(...args);
    };
    const app = appFor(store, { pollMs: 10 });
    const res = await app.request("/api/monitor/events");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const state = { text: "" };
    await readUntil(reader, state, (t) => t.includes(": connected"));

    // existing requests are not replayed; a new one is
    store.recordRequest(request({ id: "live", createdAt: "2025-06-01T11:00:00.000Z" }));
    await readUntil(reader, state, (t) => eventsIn(t).length >= 1);
    const [first] = eventsIn(state.text);
    expect(first?.data.items.map((r) => [r.id, r.confessionStatus])).toEqual([["live", "pending"]]);
    expect(parseWatermark(first?.id ?? "")).toEqual(store.watermark());

    // its confession arrives later: the request comes again with its verdict
    store.recordConfession(confession({ requestId: "live", flagged: true, reasons: ["grade 2 < 4"] }));
    await readUntil(reader, state, (t) => eventsIn(t).length >= 2);
    expect(eventsIn(state.text)[1]?.data.items).toEqual([
      expect.objectContaining({
        id: "live",
        confessionStatus: "ok",
        flagged: true,
        reasons: ["grade 2 < 4"],
      }),
    ]);

    await reader.cancel();
    const after = polls;
    await new Promise((resolve) => setTimeout(resolve, 200));
    // at most the poll that was already running when the client left
    expect(polls - after).toBeLessThanOrEqual(1);
  });

  it("resumes from Last-Event-ID and sends heartbeats when quiet", async () => {
    const store = seeded();
    const app = appFor(store, { pollMs: 5, heartbeatMs: 0 });
    const res = await app.request("/api/monitor/events", {
      headers: { "last-event-id": encodeWatermark({ requests: 23, confessions: 24 }) },
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const state = { text: "" };
    await readUntil(reader, state, (t) => eventsIn(t).length >= 1 && t.includes(": heartbeat"));
    // rowids 24 and 25 are r23 and r24; no confession newer than 24
    expect(eventsIn(state.text)[0]?.data.items.map((r) => r.id)).toEqual(["r24", "r23"]);
    await reader.cancel();
  });
});
