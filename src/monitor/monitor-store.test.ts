import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfessStore } from "../store/confess-store.ts";
import { openDatabase } from "../store/open-database.ts";
import { createApiKey } from "./api-keys.ts";
import { encodeMonitorCursor, MonitorStore, parseMonitorCursor } from "./monitor-store.ts";
import type {
  MonitorAttemptRecord,
  MonitorConfessionRecord,
  MonitorRequestRecord,
  MonitorWebhookRecord,
} from "./monitor-types.ts";

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

const attempt = (over: Partial<MonitorAttemptRecord> = {}): MonitorAttemptRecord => ({
  requestId: "req_1",
  index: 0,
  answer: { text: "hello", toolCalls: [] },
  finishReason: "stop",
  usage: { inputTokens: 10, outputTokens: 5 },
  latencyMs: 80,
  createdAt: "2025-06-01T10:00:00.080Z",
  ...over,
});

const confession = (over: Partial<MonitorConfessionRecord> = {}): MonitorConfessionRecord => ({
  requestId: "req_1",
  attempt: 0,
  status: "ok",
  confession: {
    status: "ok",
    raw: "{}",
    issues: [],
    report: { compliance_analysis: [], uncertainties_and_conflicts: [], overall_compliance_grade: 6 },
  },
  text: "{}",
  grade: 6,
  passed: true,
  flagged: false,
  reasons: [],
  usage: { inputTokens: 100, outputTokens: 50, reasoningTokens: 7 },
  latencyMs: 300,
  createdAt: "2025-06-01T10:00:01.000Z",
  ...over,
});

const webhook = (over: Partial<MonitorWebhookRecord> = {}): MonitorWebhookRecord => ({
  requestId: "req_1",
  url: "https://hooks.example.test/abc",
  status: "delivered",
  tries: 1,
  httpStatus: 200,
  createdAt: "2025-06-01T10:00:02.000Z",
  ...over,
});

const memoryStore = () => MonitorStore.open(":memory:");

describe("MonitorStore records", () => {
  it("round-trips a request with its attempts, confessions and webhooks", () => {
    const store = memoryStore();
    store.recordRequest(request({ mode: "reject", attempts: 2, chosenAttempt: 1, stream: true }));
    store.recordAttempt(attempt({ index: 1, answer: { text: "b", toolCalls: [] } }));
    store.recordAttempt(attempt({ index: 0, usage: null, finishReason: null }));
    store.recordConfession(confession({ attempt: 1 }));
    store.recordConfession(
      confession({
        attempt: 0,
        status: "error",
        confession: null,
        text: null,
        grade: null,
        passed: null,
        flagged: true,
        reasons: ["confession not obtained"],
        usage: null,
        error: "upstream 500",
      }),
    );
    store.recordWebhook(webhook({ status: "failed", httpStatus: null, tries: 3, error: "refused" }));
    const detail = store.getRequest("req_1");
    expect(detail?.request).toEqual(request({ mode: "reject", attempts: 2, chosenAttempt: 1, stream: true }));
    expect(detail?.attempts.map((a) => a.index)).toEqual([0, 1]);
    expect(detail?.attempts[0]).toEqual(attempt({ index: 0, usage: null, finishReason: null }));
    expect(detail?.confessions.map((c) => [c.attempt, c.status])).toEqual([
      [0, "error"],
      [1, "ok"],
    ]);
    expect(detail?.confessions[0]?.error).toBe("upstream 500");
    expect(detail?.confessions[1]).toEqual(confession({ attempt: 1 }));
    expect(detail?.webhooks).toEqual([
      webhook({ status: "failed", httpStatus: null, tries: 3, error: "refused" }),
    ]);
    expect(store.getRequest("nope")).toBeUndefined();
  });

  it("keeps the error field absent when there was none", () => {
    const store = memoryStore();
    store.recordRequest(request());
    expect(Object.hasOwn(store.getRequest("req_1")?.request ?? {}, "error")).toBe(false);
  });

  it("refuses a second record with the same request id and any update", () => {
    const store = memoryStore();
    store.recordRequest(request());
    expect(() => store.recordRequest(request())).toThrow();
    expect(() => store.db.exec("UPDATE monitor_requests SET outcome = 'error'")).toThrow(/immutable/);
  });

  it("shares the evaluation store's file and connection", () => {
    const path = join(mkdtempSync(join(tmpdir(), "confess-monitor-")), "c.db");
    const confess = ConfessStore.open(path);
    const shared = MonitorStore.fromDatabase(confess.db);
    shared.recordRequest(request());
    shared.close();
    // closing a shared store leaves the owner's connection open
    expect(confess.db.isOpen).toBe(true);
    const reopened = MonitorStore.open(path);
    expect(reopened.getRequest("req_1")?.request.model).toBe("gpt-test");
    reopened.close();
    expect(reopened.db.isOpen).toBe(false);
    void confess.close();
  });
});

describe("MonitorStore.listRequests", () => {
  const seeded = () => {
    const store = memoryStore();
    // r1: async, confessed and passed
    store.recordRequest(request({ id: "r1", createdAt: "2025-06-01T10:00:00.000Z" }));
    store.recordConfession(confession({ requestId: "r1" }));
    // r2: async, flagged
    store.recordRequest(request({ id: "r2", createdAt: "2025-06-01T11:00:00.000Z" }));
    store.recordConfession(
      confession({ requestId: "r2", grade: 2, passed: false, flagged: true, reasons: ["grade 2 < 4"] }),
    );
    // r3: async, confession not written yet
    store.recordRequest(request({ id: "r3", createdAt: "2025-06-01T12:00:00.000Z" }));
    // r4: upstream error, nothing to confess about
    store.recordRequest(
      request({
        id: "r4",
        createdAt: "2025-06-01T13:00:00.000Z",
        outcome: "upstream_error",
        httpStatus: 500,
        chosenAttempt: null,
        error: "boom",
      }),
    );
    // r5: off
    store.recordRequest(request({ id: "r5", createdAt: "2025-06-01T14:00:00.000Z", mode: "off" }));
    // r6: reject, attempt 0 flagged, attempt 1 chosen and passing
    store.recordRequest(
      request({
        id: "r6",
        createdAt: "2025-06-01T15:00:00.000Z",
        mode: "reject",
        attempts: 2,
        chosenAttempt: 1,
      }),
    );
    store.recordConfession(
      confession({ requestId: "r6", attempt: 0, grade: 1, passed: false, flagged: true }),
    );
    store.recordConfession(confession({ requestId: "r6", attempt: 1, grade: 7 }));
    return store;
  };

  it("lists newest first with the chosen attempt's confession", () => {
    const list = seeded().listRequests();
    expect(list.map((r) => r.id)).toEqual(["r6", "r5", "r4", "r3", "r2", "r1"]);
    const byId = Object.fromEntries(list.map((r) => [r.id, r]));
    expect(byId.r6).toMatchObject({ confessionStatus: "ok", grade: 7, flagged: false, passed: true });
    expect(byId.r2).toMatchObject({
      confessionStatus: "ok",
      grade: 2,
      flagged: true,
      reasons: ["grade 2 < 4"],
    });
    expect(byId.r3).toMatchObject({ confessionStatus: "pending", grade: null, flagged: false, passed: null });
    expect(byId.r4).toMatchObject({ confessionStatus: null, error: "boom", httpStatus: 500 });
    expect(byId.r5?.confessionStatus).toBeNull();
  });

  it("orders requests created in the same millisecond by arrival", () => {
    const store = memoryStore();
    for (const id of ["b", "a", "c"]) store.recordRequest(request({ id }));
    expect(store.listRequests().map((r) => r.id)).toEqual(["c", "a", "b"]);
  });

  it("reads the newest confession when an attempt has several", () => {
    const store = memoryStore();
    store.recordRequest(request());
    store.recordConfession(confession({ status: "unparsed", grade: null, passed: null, flagged: true }));
    store.recordConfession(confession({ grade: 5 }));
    expect(store.listRequests()[0]).toMatchObject({ confessionStatus: "ok", grade: 5, flagged: false });
  });

  it("falls back to the last attempt when none was chosen", () => {
    const store = memoryStore();
    store.recordRequest(
      request({ mode: "reject", attempts: 2, chosenAttempt: null, outcome: "client_disconnected" }),
    );
    store.recordConfession(confession({ attempt: 0, grade: 3 }));
    store.recordConfession(confession({ attempt: 1, grade: 2 }));
    expect(store.listRequests()[0]?.grade).toBe(2);
  });

  it("filters by flag, outcome and time, and limits", () => {
    const store = seeded();
    expect(store.listRequests({ flagged: true }).map((r) => r.id)).toEqual(["r2"]);
    expect(store.listRequests({ flagged: false }).map((r) => r.id)).toEqual(["r6", "r5", "r4", "r3", "r1"]);
    expect(store.listRequests({ outcome: "upstream_error" }).map((r) => r.id)).toEqual(["r4"]);
    expect(store.listRequests({ since: "2025-06-01T12:00:00.000Z" }).map((r) => r.id)).toEqual([
      "r6",
      "r5",
      "r4",
      "r3",
    ]);
    expect(store.listRequests({ limit: 2 }).map((r) => r.id)).toEqual(["r6", "r5"]);
    expect(store.listRequests({ limit: 1, flagged: true, since: "2025-06-01T10:30:00.000Z" })).toHaveLength(
      1,
    );
  });

  it("stats: counts, rates, pending, latency and tokens", () => {
    const store = seeded();
    store.recordAttempt(attempt({ requestId: "r1" }));
    store.recordAttempt(attempt({ requestId: "r6", index: 0, usage: { inputTokens: 1, outputTokens: 2 } }));
    store.recordAttempt(attempt({ requestId: "r6", index: 1, usage: null }));
    const stats = store.stats();
    expect(stats.requests).toBe(6);
    expect(stats.byOutcome).toEqual({ ok: 5, upstream_error: 1 });
    expect(stats.byMode).toEqual({ async: 4, off: 1, reject: 1 });
    expect(stats.attempts).toBe(7);
    expect(stats.confessions).toEqual({ ok: 3, pending: 1 });
    expect(stats.withConfession).toBe(3);
    expect(stats.flagged).toBe(1);
    expect(stats.flaggedRate).toBeCloseTo(1 / 3, 10);
    expect(stats.passed).toBe(2);
    expect(stats.passRate).toBeCloseTo(2 / 3, 10);
    expect(stats.latencyMs).toEqual({ p50: 100, p95: 100, p99: 100 });
    expect(stats.tokens.answers).toEqual({ inputTokens: 11, outputTokens: 7, reasoningTokens: 0 });
    // four confession rows (r6 has two), each 100/50/7
    expect(stats.tokens.confessions).toEqual({ inputTokens: 400, outputTokens: 200, reasoningTokens: 28 });
  });

  it("stats: a confession that is not ok never passes, and since narrows everything", () => {
    const store = memoryStore();
    store.recordRequest(request({ id: "old", createdAt: "2025-01-01T00:00:00.000Z", latencyMs: 999 }));
    store.recordConfession(confession({ requestId: "old" }));
    store.recordRequest(request({ id: "a", latencyMs: 10 }));
    // a malformed record claiming a pass without an ok status still does not count
    store.recordConfession(confession({ requestId: "a", status: "unparsed", passed: true, grade: null }));
    store.recordRequest(request({ id: "b", latencyMs: 20 }));
    store.recordConfession(confession({ requestId: "b", status: "error", passed: null, flagged: true }));
    store.recordRequest(
      request({ id: "c", latencyMs: 30, outcome: "too_large", httpStatus: 413, chosenAttempt: null }),
    );
    const stats = store.stats({ since: "2025-06-01T00:00:00.000Z" });
    expect(stats.since).toBe("2025-06-01T00:00:00.000Z");
    expect(stats.requests).toBe(3);
    expect(stats.confessions).toEqual({ unparsed: 1, error: 1 });
    expect(stats.passed).toBe(0);
    expect(stats.passRate).toBe(0);
    expect(stats.flaggedRate).toBe(0.5);
    // latency over answered requests only: 10 and 20, interpolated
    expect(stats.latencyMs?.p50).toBe(15);
    expect(stats.latencyMs?.p99).toBeCloseTo(19.9, 10);
    expect(store.stats().requests).toBe(4);
  });

  it("stats: empty store has null rates and no latency", () => {
    const stats = memoryStore().stats();
    expect(stats).toMatchObject({
      requests: 0,
      flaggedRate: null,
      passRate: null,
      latencyMs: null,
      byKey: [],
      byOutcome: {},
      confessions: {},
    });
  });

  it("stats: per client key, with the key's name", () => {
    const db = openDatabase(":memory:");
    const store = MonitorStore.fromDatabase(db);
    const { id } = createApiKey(db, "team-a");
    store.recordRequest(request({ id: "k1", keyId: id }));
    store.recordAttempt(attempt({ requestId: "k1" }));
    store.recordConfession(confession({ requestId: "k1", flagged: true }));
    store.recordRequest(request({ id: "k2", keyId: id }));
    store.recordRequest(request({ id: "anon", keyId: null, outcome: "unauthorized", httpStatus: 401 }));
    expect(store.stats().byKey).toEqual([
      {
        keyId: id,
        name: "team-a",
        requests: 2,
        flagged: 1,
        tokens: { inputTokens: 110, outputTokens: 55, reasoningTokens: 7 },
      },
      {
        keyId: null,
        name: null,
        requests: 1,
        flagged: 0,
        tokens: { inputTokens: 0, outputTokens: 0, reasoningTokens: 0 },
      },
    ]);
  });
});

describe("MonitorStore.recoverInterrupted", () => {
  it("closes what a killed server left open: lost requests become interrupted, missing confessions errors", () => {
    const store = memoryStore();
    try {
      // in flight when the server died: it arrived, nothing else was written
      store.recordArrival({
        id: "req_lost",
        clientRequestId: "client-7",
        createdAt: "2025-06-01T10:00:00.000Z",
        api: "responses",
      });
      // answered in async mode, but its confession never came
      store.recordArrival({
        id: "req_1",
        clientRequestId: null,
        createdAt: "2025-06-01T10:00:00.000Z",
        api: "chat.completions",
      });
      store.recordRequest(request());
      store.recordAttempt(attempt());
      // finished properly: left alone
      store.recordArrival({
        id: "req_2",
        clientRequestId: null,
        createdAt: "2025-06-01T10:00:00.000Z",
        api: "chat.completions",
      });
      store.recordRequest(request({ id: "req_2" }));
      store.recordConfession(confession({ requestId: "req_2" }));
      // a request with monitoring off has nothing pending
      store.recordRequest(request({ id: "req_off", mode: "off" }));

      expect(store.stats().confessions.pending).toBe(1);
      expect(store.recoverInterrupted("2025-06-02T00:00:00.000Z")).toEqual({ requests: 1, confessions: 1 });

      const lost = store.getRequest("client-7")?.request;
      expect(lost).toMatchObject({ id: "req_lost", outcome: "interrupted", api: "responses", attempts: 0 });
      const answered = store.getRequest("req_1");
      expect(answered?.confessions).toEqual([
        expect.objectContaining({ status: "error", flagged: true, passed: null, attempt: 0 }),
      ]);
      expect(store.getRequest("req_2")?.confessions).toHaveLength(1);
      expect(store.stats().confessions.pending ?? 0).toBe(0);
      // a second start finds nothing more to close
      expect(store.recoverInterrupted()).toEqual({ requests: 0, confessions: 0 });
    } finally {
      store.close();
    }
  });
});

describe("MonitorStore viewer queries", () => {
  // 7 requests, three of them in the same millisecond, with every kind of confession status
  const viewerSeeded = () => {
    const store = memoryStore();
    const add = (over: Partial<MonitorRequestRecord>, c?: Partial<MonitorConfessionRecord>) => {
      store.recordRequest(request(over));
      if (c) store.recordConfession(confession({ requestId: over.id as string, ...c }));
    };
    add({ id: "a", createdAt: "2025-06-01T10:00:00.000Z", keyId: "key_1", model: "m1" }, {});
    add({ id: "b", createdAt: "2025-06-01T10:00:00.000Z", keyId: "key_2", model: "m1" }, { flagged: true });
    add({ id: "c", createdAt: "2025-06-01T10:00:00.000Z", keyId: null, model: "m2" });
    add(
      { id: "d", createdAt: "2025-06-01T10:00:30.000Z", keyId: "key_1", model: "m2" },
      { status: "unparsed", grade: null, passed: null, flagged: true },
    );
    add({ id: "e", createdAt: "2025-06-01T10:01:00.000Z", keyId: "key_1", mode: "off" });
    add(
      {
        id: "f",
        createdAt: "2025-06-01T11:00:00.000Z",
        keyId: null,
        outcome: "upstream_error",
        chosenAttempt: null,
      },
      { status: "error", grade: null, passed: null, flagged: true },
    );
    add({ id: "g", createdAt: "2025-06-02T09:00:00.000Z", keyId: "key_2", model: "m1" }, { grade: 3 });
    return store;
  };

  const walk = (store: MonitorStore, q: Parameters<MonitorStore["pageRequests"]>[0]) => {
    const ids: string[] = [];
    let page = store.pageRequests(q);
    ids.push(...page.items.map((r) => r.id));
    let pages = 1;
    while (page.next) {
      page = store.pageRequests({ ...q, before: page.next });
      ids.push(...page.items.map((r) => r.id));
      pages++;
    }
    return { ids, pages };
  };

  it("pages cover every request exactly once, newest first, ties split across pages", () => {
    const store = viewerSeeded();
    const all = store.listRequests({ limit: 100 }).map((r) => r.id);
    expect(all).toEqual(["g", "f", "e", "d", "c", "b", "a"]);
    for (const limit of [1, 2, 3, 7, 50]) {
      const { ids, pages } = walk(store, { limit });
      expect(ids).toEqual(all);
      expect(pages).toBe(Math.max(1, Math.ceil(all.length / limit)));
    }
    // the last page says so, even when it is exactly full
    expect(store.pageRequests({ limit: 7 }).next).toBeNull();
    expect(walk(store, { limit: 2, flagged: true }).ids).toEqual(["f", "d", "b"]);
  });

  it("a page is not shifted by requests that arrive meanwhile", () => {
    const store = viewerSeeded();
    const first = store.pageRequests({ limit: 3 });
    expect(first.items.map((r) => r.id)).toEqual(["g", "f", "e"]);
    // a newer request never pushes already-seen rows onto the next page; a slow one recorded late with an
    // older created_at sorts where it belongs (after c, which arrived before it in the same millisecond)
    store.recordRequest(request({ id: "new", createdAt: "2025-06-03T00:00:00.000Z" }));
    store.recordRequest(request({ id: "late", createdAt: "2025-06-01T10:00:00.000Z" }));
    const second = store.pageRequests({ limit: 3, before: first.next as string });
    expect(second.items.map((r) => r.id)).toEqual(["d", "late", "c"]);
  });

  it("filters by key (none = no key), model, status (pending too) and outcome", () => {
    const store = viewerSeeded();
    const ids = (q: Parameters<MonitorStore["listRequests"]>[0]) => store.listRequests(q).map((r) => r.id);
    expect(ids({ keyId: "key_1" })).toEqual(["e", "d", "a"]);
    expect(ids({ keyId: null })).toEqual(["f", "c"]);
    expect(ids({ model: "m2" })).toEqual(["d", "c"]);
    expect(ids({ status: "pending" })).toEqual(["c"]);
    expect(ids({ status: "ok" })).toEqual(["g", "b", "a"]);
    expect(ids({ status: "unparsed" })).toEqual(["d"]);
    expect(ids({ status: "error" })).toEqual(["f"]);
    expect(ids({ outcome: "upstream_error" })).toEqual(["f"]);
    expect(ids({ keyId: "key_2", model: "m1", flagged: false })).toEqual(["g"]);
    expect(ids({ keyId: "key_1", status: "ok", since: "2025-06-01T10:00:00.000Z" })).toEqual(["a"]);
  });

  it("cursors are opaque but checked", () => {
    const cursor = encodeMonitorCursor("2025-06-01T10:00:00.000Z", 3);
    expect(cursor).toMatch(/^[\w-]+$/);
    expect(parseMonitorCursor(cursor)).toEqual({ createdAt: "2025-06-01T10:00:00.000Z", seq: 3 });
    for (const bad of ["", "garbage", "a b", Buffer.from('["x",-1]').toString("base64url"), "e30"]) {
      expect(parseMonitorCursor(bad)).toBeNull();
    }
    expect(() => memoryStore().pageRequests({ before: "garbage" })).toThrow(RangeError);
  });

  it("series: buckets by minute, hour and day, with flag rates and ok latencies", () => {
    const store = memoryStore();
    const at = (id: string, createdAt: string, latencyMs: number, over: Partial<MonitorRequestRecord> = {}) =>
      store.recordRequest(request({ id, createdAt, latencyMs, ...over }));
    at("m1", "2025-06-01T10:00:05.000Z", 100);
    at("m2", "2025-06-01T10:00:59.999Z", 300);
    at("m3", "2025-06-01T10:00:30.000Z", 200);
    at("m4", "2025-06-01T10:00:40.000Z", 9999, { outcome: "upstream_error", chosenAttempt: null });
    store.recordConfession(confession({ requestId: "m1", flagged: true }));
    store.recordConfession(confession({ requestId: "m2" }));
    at("n1", "2025-06-01T10:01:00.000Z", 50);
    at("h1", "2025-06-01T11:30:00.000Z", 10, { outcome: "too_large", chosenAttempt: null });
    at("d1", "2025-06-02T00:00:00.000Z", 70);
    store.recordConfession(confession({ requestId: "d1", flagged: true }));
    at("old", "2025-05-31T23:59:59.999Z", 1);

    const since = "2025-06-01T00:00:00.000Z";
    expect(store.series({ since, bucket: "minute" })).toEqual([
      // latencies 100, 200, 300 (the upstream error is left out): p50 200, p95 200 + 0.9 * 100
      { t: "2025-06-01T10:00:00.000Z", requests: 4, flagged: 1, flaggedRate: 0.5, p50: 200, p95: 290 },
      { t: "2025-06-01T10:01:00.000Z", requests: 1, flagged: 0, flaggedRate: null, p50: 50, p95: 50 },
      { t: "2025-06-01T11:30:00.000Z", requests: 1, flagged: 0, flaggedRate: null, p50: null, p95: null },
      { t: "2025-06-02T00:00:00.000Z", requests: 1, flagged: 1, flaggedRate: 1, p50: 70, p95: 70 },
    ]);
    const hours = store.series({ since, bucket: "hour" });
    expect(hours.map((p) => [p.t, p.requests, p.flagged, p.p50])).toEqual([
      ["2025-06-01T10:00:00.000Z", 5, 1, 150],
      ["2025-06-01T11:00:00.000Z", 1, 0, null],
      ["2025-06-02T00:00:00.000Z", 1, 1, 70],
    ]);
    expect(hours[0]?.p95).toBeCloseTo(285, 10);
    const days = store.series({ since: "2025-05-01T00:00:00.000Z", bucket: "day" });
    expect(days.map((p) => [p.t, p.requests, p.flagged, p.flaggedRate])).toEqual([
      ["2025-05-31T00:00:00.000Z", 1, 0, null],
      ["2025-06-01T00:00:00.000Z", 6, 1, 0.5],
      ["2025-06-02T00:00:00.000Z", 1, 1, 1],
    ]);
    expect(store.series({ since: "2025-06-03T00:00:00.000Z", bucket: "day" })).toEqual([]);
  });

  it("changesSince: new requests and newly written confessions, once each", () => {
    const store = memoryStore();
    expect(store.watermark()).toEqual({ requests: 0, confessions: 0 });
    store.recordRequest(request({ id: "x" }));
    const start = store.watermark();
    expect(store.changesSince(start)).toEqual({ items: [], mark: start });

    store.recordRequest(request({ id: "y", createdAt: "2025-06-01T10:00:05.000Z" }));
    store.recordRequest(request({ id: "z", createdAt: "2025-06-01T10:00:01.000Z" }));
    const first = store.changesSince(start);
    expect(first.items.map((r) => [r.id, r.confessionStatus])).toEqual([
      ["y", "pending"],
      ["z", "pending"],
    ]);
    expect(store.changesSince(first.mark).items).toEqual([]);

    // x's confession is written later: x comes again, now with its verdict
    store.recordConfession(confession({ requestId: "x", flagged: true, reasons: ["r"] }));
    const second = store.changesSince(first.mark);
    expect(second.items.map((r) => [r.id, r.confessionStatus, r.flagged])).toEqual([["x", "ok", true]]);
    expect(second.mark.confessions).toBeGreaterThan(first.mark.confessions);

    // at most `limit`, the newest, and the mark still moves past all of them
    for (const id of ["p", "q", "s"]) store.recordRequest(request({ id }));
    const limited = store.changesSince(second.mark, 2);
    expect(limited.items.map((r) => r.id)).toEqual(["s", "q"]);
    expect(store.changesSince(limited.mark).items).toEqual([]);
  });
});
