import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import { percentile } from "../metrics/bootstrap.ts";
import type { Usage } from "../models/model.ts";
import type { ConfessionParseResult } from "../protocol/confession-parse-result.ts";
import { openDatabase } from "../store/open-database.ts";
import type {
  MonitorAnswer,
  MonitorApi,
  MonitorArrivalRecord,
  MonitorAttemptRecord,
  MonitorConfessionRecord,
  MonitorConfessionStatus,
  MonitorMode,
  MonitorRequestRecord,
  MonitorSink,
  MonitorWebhookRecord,
  RequestOutcome,
} from "./monitor-types.ts";

/**
 * A request's confession as summaries show it: the stored status, or `pending` when the request was
 * monitored and answered but its confession has not been written (yet: async mode writes it afterwards).
 */
export type MonitorSummaryStatus = MonitorConfessionStatus | "pending";

/** One request in a listing: the record without its body, plus its confession's verdict. */
/** A request as `monitor list` shows it: the record without its body, with the verdict that speaks for it. */
export interface MonitorRequestSummary extends Omit<MonitorRequestRecord, "request"> {
  /** The confession of the attempt the client received (or of the last attempt); null when none is expected. */
  confessionStatus: MonitorSummaryStatus | null;
  grade: number | null;
  passed: boolean | null;
  flagged: boolean;
  reasons: string[];
}

export interface MonitorRequestQuery {
  /** Most rows returned (default 50). */
  limit?: number;
  /** true: only flagged requests; false: only requests not flagged (those without a confession included). */
  flagged?: boolean;
  /** ISO timestamp: only requests created at or after it. */
  since?: string;
  outcome?: RequestOutcome;
  /** Only requests made with this client key id; null: only requests made without one. */
  keyId?: string | null;
  /** Only requests for this model (exact). */
  model?: string;
  /** Only requests whose confession, as the summary shows it, has this status (`pending` included). */
  status?: MonitorSummaryStatus;
  /** A `next` cursor from `pageRequests`: only requests after (older than) that page's last one. */
  before?: string;
}

/** One page of requests, newest first; `next` is the `before` of the following page, null on the last. */
export interface MonitorRequestPage {
  items: MonitorRequestSummary[];
  next: string | null;
}

/** The width of a time-series bucket. */
export type MonitorSeriesBucket = "minute" | "hour" | "day";
export const MONITOR_SERIES_BUCKETS: readonly MonitorSeriesBucket[] = ["minute", "hour", "day"];

/** One bucket of `MonitorStore.series`: requests created in [t, t + bucket). */
export interface MonitorSeriesPoint {
  /** Bucket start, ISO (UTC). */
  t: string;
  requests: number;
  flagged: number;
  /** flagged / requests with a written confession; null when none had one. */
  flaggedRate: number | null;
  /** Latency percentiles (ms) of the bucket's requests answered `ok`; null when it has none. */
  p50: number | null;
  p95: number | null;
}

/**
 * How far the live feed has read: the highest request rowid and confession id seen. Both only grow (rows
 * are only ever added), so "newer than the mark" is two cheap primary-key range reads.
 */
export interface MonitorWatermark {
  requests: number;
  confessions: number;
}

export interface MonitorRequestDetail {
  request: MonitorRequestRecord;
  attempts: MonitorAttemptRecord[];
  confessions: MonitorConfessionRecord[];
  webhooks: MonitorWebhookRecord[];
}

/** Token sums; a usage the provider did not report counts as 0. */
export interface MonitorTokenSums {
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

export interface MonitorKeyStats {
  /** null for requests made without a (valid) client key. */
  keyId: string | null;
  /** The key's name, when the key is still in `api_keys`. */
  name: string | null;
  requests: number;
  flagged: number;
  /** Answers and confessions together. */
  tokens: MonitorTokenSums;
}

/**
 * Aggregates over the requests created since `since` (all when null). Rates are fractions 0–1, or null when
 * nothing is there to divide by.
 */
export interface MonitorStats {
  since: string | null;
  requests: number;
  byOutcome: Partial<Record<RequestOutcome, number>>;
  byMode: Partial<Record<MonitorMode, number>>;
  /** Answers asked of the upstream, reject mode's extra attempts included. */
  attempts: number;
  /** One per request whose confession is expected: the confession of the answer the client received. */
  confessions: Partial<Record<MonitorSummaryStatus, number>>;
  /** Requests whose confession row is written, whatever its status (the denominator of the two rates). */
  withConfession: number;
  flagged: number;
  flaggedRate: number | null;
  /** Confessions that are `ok` and passed the policy; any other status never counts as a pass. */
  passed: number;
  passRate: number | null;
  /** End-to-end latency of the requests that got an answer (`ok`); refusals would drag it down. */
  latencyMs: { p50: number; p95: number; p99: number } | null;
  tokens: { answers: MonitorTokenSums; confessions: MonitorTokenSums };
  byKey: MonitorKeyStats[];
}

type Row = Record<string, unknown>;

const json = (value: unknown): string => JSON.stringify(value ?? null);
const parse = <T>(text: unknown): T => JSON.parse(String(text)) as T;
const parseOrNull = <T>(text: unknown): T | null =>
  text === null || text === undefined ? null : parse<T>(text);
const numberOrNull = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);
const boolOrNull = (value: unknown): boolean | null =>
  value === null || value === undefined ? null : Number(value) === 1;
const withError = <T extends object>(record: T, error: unknown): T =>
  error === null || error === undefined ? record : { ...record, error: String(error) };
const noTokens = (): MonitorTokenSums => ({ inputTokens: 0, outputTokens: 0, reasoningTokens: 0 });

/**
 * Each request with the confession that speaks for it: the newest confession of the chosen attempt, or of
 * the last attempt when none was chosen. `pending` marks a monitored, answered request without one.
 */
const SUMMARY_SQL = `
  SELECT r.rowid AS seq, r.id, r.client_request_id, r.created_at, r.api, r.model, r.key_id, r.mode, r.stream, r.http_status, r.outcome, r.error,
    r.latency_ms, r.attempts, r.chosen_attempt,
    COALESCE(c.status, CASE WHEN r.mode <> 'off' AND (r.chosen_attempt IS NOT NULL OR r.outcome = 'ok')
      THEN 'pending' END) AS confession_status,
    c.grade, c.passed, COALESCE(c.flagged, 0) AS flagged, c.reasons, c.id AS confession_id
  FROM monitor_requests r
  LEFT JOIN monitor_confessions c ON c.id = (
    SELECT c2.id FROM monitor_confessions c2
    WHERE c2.request_id = r.id AND (r.chosen_attempt IS NULL OR c2.attempt = r.chosen_attempt)
    ORDER BY c2.attempt DESC, c2.id DESC LIMIT 1)
  WHERE r.created_at >= ?`;

/** Earlier than every ISO timestamp, so "no since" needs no second query shape. */
const BEGINNING = "";

/** Bucket key = this many leading characters of an ISO UTC timestamp; the suffix completes the start. */
const BUCKET_PREFIX: Record<MonitorSeriesBucket, { length: number; suffix: string }> = {
  minute: { length: 16, suffix: ":00.000Z" },
  hour: { length: 13, suffix: ":00:00.000Z" },
  day: { length: 10, suffix: "T00:00:00.000Z" },
};

/**
 * The opaque `before` cursor of a request page: the last row's created_at and rowid (the tie-break for
 * requests created in the same millisecond), as base64url JSON.
 *
 * @example
 * parseMonitorCursor(encodeMonitorCursor("2025-06-01T10:00:00.000Z", 7)); // { createdAt: "2025-06-01T10:00:00.000Z", seq: 7 }
 */
export function encodeMonitorCursor(createdAt: string, seq: number): string {
  return Buffer.from(JSON.stringify([createdAt, seq])).toString("base64url");
}

/**
 * Reads a cursor of `encodeMonitorCursor`; null when `text` is not one.
 *
 * @example
 * parseMonitorCursor("garbage"); // null
 */
export function parseMonitorCursor(text: string): { createdAt: string; seq: number } | null {
  if (!/^[\w-]+$/.test(text)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [createdAt, seq] = value as unknown[];
    if (typeof createdAt !== "string" || !Number.isSafeInteger(seq) || (seq as number) < 0) return null;
    return { createdAt, seq: seq as number };
  } catch {
    return null;
  }
}

/**
 * The monitor's records in the project's SQLite store (same file and migrations as `ConfessStore`): one row
 * per request, answer attempt, confession and webhook delivery. Rows are only ever added.
 *
 * @example
 * const store = MonitorStore.open(".confess/confess.db");
 * for (const r of store.listRequests({ flagged: true, limit: 10 })) console.log(r.id, r.grade, r.reasons);
 * store.close();
 */
export class MonitorStore implements MonitorSink {
  readonly db: DatabaseSync;
  private readonly ownsDb: boolean;
  private readonly statements = new Map<string, StatementSync>();

  private constructor(db: DatabaseSync, ownsDb: boolean) {
    this.db = db;
    this.ownsDb = ownsDb;
  }

  /** Opens (creating or migrating) the store at `path`; `close()` closes the connection. */
  static open(path: string): MonitorStore {
    return new MonitorStore(openDatabase(path), true);
  }

  /** Uses a connection that is already open (e.g. a `ConfessStore`'s `db`); `close()` leaves it open. */
  static fromDatabase(db: DatabaseSync): MonitorStore {
    return new MonitorStore(db, false);
  }

  /** Closes the connection when this store opened it. */
  close(): void {
    this.statements.clear();
    if (this.ownsDb && this.db.isOpen) this.db.close();
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  recordRequest(r: MonitorRequestRecord): void {
    this.statement(
      `INSERT INTO monitor_requests (id, client_request_id, created_at, api, model, key_id, mode, stream, request,
        http_status, outcome, error, latency_ms, attempts, chosen_attempt)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      r.id,
      r.clientRequestId ?? null,
      r.createdAt,
      r.api,
      r.model,
      r.keyId,
      r.mode,
      r.stream ? 1 : 0,
      json(r.request),
      r.httpStatus,
      r.outcome,
      r.error ?? null,
      Math.round(r.latencyMs),
      r.attempts,
      r.chosenAttempt,
    );
  }

  recordAttempt(r: MonitorAttemptRecord): void {
    this.statement(
      `INSERT INTO monitor_attempts (request_id, idx, answer, finish_reason, usage, latency_ms, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      r.requestId,
      r.index,
      json(r.answer),
      r.finishReason,
      r.usage === null ? null : json(r.usage),
      Math.round(r.latencyMs),
      r.createdAt,
    );
  }

  recordConfession(r: MonitorConfessionRecord): void {
    this.statement(
      `INSERT INTO monitor_confessions (request_id, attempt, status, confession, text, grade, passed, flagged,
        reasons, usage, latency_ms, error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      r.requestId,
      r.attempt,
      r.status,
      r.confession === null ? null : json(r.confession),
      r.text,
      r.grade,
      r.passed === null ? null : r.passed ? 1 : 0,
      r.flagged ? 1 : 0,
      json(r.reasons),
      r.usage === null ? null : json(r.usage),
      Math.round(r.latencyMs),
      r.error ?? null,
      r.createdAt,
    );
  }

  recordWebhook(r: MonitorWebhookRecord): void {
    this.statement(
      `INSERT INTO monitor_webhooks (request_id, url, status, tries, http_status, error, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(r.requestId, r.url, r.status, r.tries, r.httpStatus, r.error ?? null, r.createdAt);
  }

  recordArrival(r: MonitorArrivalRecord): void {
    this.statement(
      "INSERT OR IGNORE INTO monitor_arrivals (id, client_request_id, created_at, api) VALUES (?, ?, ?, ?)",
    ).run(r.id, r.clientRequestId, r.createdAt, r.api);
  }

  /**
   * Closes what a server that stopped without draining (a crash, `kill -9`) left open, so nothing stays
   * "pending" forever: every arrival with no request record gets one with outcome `interrupted`, and every
   * answered request whose confession never came gets a confession with status `error` ("the server stopped
   * before the confession finished"). Records stay append-only. Run at start-up, before serving.
   *
   * @example
   * const { requests, confessions } = store.recoverInterrupted();
   */
  recoverInterrupted(now = new Date().toISOString()): { requests: number; confessions: number } {
    const lost = this.statement(
      `SELECT a.* FROM monitor_arrivals a WHERE NOT EXISTS (SELECT 1 FROM monitor_requests r WHERE r.id = a.id)`,
    ).all() as Row[];
    const pending = this.statement(
      `SELECT r.id, COALESCE(r.chosen_attempt, r.attempts) AS attempt FROM monitor_requests r
       WHERE r.mode <> 'off' AND r.outcome = 'ok' AND r.attempts > 0
         AND NOT EXISTS (SELECT 1 FROM monitor_confessions c WHERE c.request_id = r.id)`,
    ).all() as Row[];
    this.db.exec("BEGIN IMMEDIATE");
    try {
      for (const row of lost) {
        this.recordRequest({
          id: String(row.id),
          clientRequestId: row.client_request_id === null ? null : String(row.client_request_id),
          createdAt: String(row.created_at),
          api: String(row.api) as MonitorApi,
          model: "",
          keyId: null,
          mode: "off",
          stream: false,
          request: { note: "the server stopped while this request was in progress" },
          httpStatus: 0,
          outcome: "interrupted",
          error: "the server stopped while this request was in progress",
          latencyMs: 0,
          attempts: 0,
          chosenAttempt: null,
        });
      }
      for (const row of pending) {
        this.recordConfession({
          requestId: String(row.id),
          attempt: Number(row.attempt),
          status: "error",
          confession: null,
          text: null,
          grade: null,
          passed: null,
          flagged: true,
          reasons: [
            "confession error: the server stopped before the confession finished, so the answer is unchecked",
          ],
          usage: null,
          latencyMs: 0,
          error: "the server stopped before the confession finished",
          createdAt: now,
        });
      }
      this.db.exec("COMMIT");
    } catch (error) {
      this.db.exec("ROLLBACK");
      throw error;
    }
    return { requests: lost.length, confessions: pending.length };
  }

  /** Requests, newest first, each with the verdict of the confession about the answer the client got. */
  listRequests(q: MonitorRequestQuery = {}): MonitorRequestSummary[] {
    return this.summaryRows(q, Math.max(0, Math.floor(q.limit ?? 50))).map(toSummary);
  }

  /**
   * One page of `listRequests` with a keyset cursor: pass `next` back as `before` for the following page.
   * Ordered by (created_at, rowid) descending, so requests created in the same millisecond neither repeat nor
   * go missing across pages, and requests arriving meanwhile never shift later pages.
   *
   * @example
   * let page = store.pageRequests({ flagged: true, limit: 50 });
   * while (page.next) page = store.pageRequests({ flagged: true, limit: 50, before: page.next });
   */
  pageRequests(q: MonitorRequestQuery = {}): MonitorRequestPage {
    const limit = Math.max(1, Math.floor(q.limit ?? 50));
    // one row more than asked tells whether a next page exists without a count
    const rows = this.summaryRows(q, limit + 1);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(toSummary),
      next:
        rows.length > limit && last ? encodeMonitorCursor(String(last.created_at), Number(last.seq)) : null,
    };
  }

  /**
   * Summary rows matching `q`, newest first. Conditions on the request go inside, where the created_at index
   * serves them; conditions on the confession (flag, status) can only be checked after the join.
   */
  private summaryRows(q: MonitorRequestQuery, limit: number): Row[] {
    const inner: string[] = [];
    const outer: string[] = [];
    const params: SQLInputValue[] = [q.since ?? BEGINNING];
    if (q.outcome !== undefined) {
      inner.push("r.outcome = ?");
      params.push(q.outcome);
    }
    if (q.keyId === null) inner.push("r.key_id IS NULL");
    else if (q.keyId !== undefined) {
      inner.push("r.key_id = ?");
      params.push(q.keyId);
    }
    if (q.model !== undefined) {
      inner.push("r.model = ?");
      params.push(q.model);
    }
    if (q.before !== undefined) {
      const cursor = parseMonitorCursor(q.before);
      if (!cursor) throw new RangeError(`not a request cursor: ${JSON.stringify(q.before)}`);
      // a row value, not an OR: SQLite then walks the created_at index (rowid is its tail) without a sort
      inner.push("(r.created_at, r.rowid) < (?, ?)");
      params.push(cursor.createdAt, cursor.seq);
    }
    if (q.flagged !== undefined) {
      outer.push("flagged = ?");
      params.push(q.flagged ? 1 : 0);
    }
    if (q.status !== undefined) {
      outer.push("confession_status = ?");
      params.push(q.status);
    }
    params.push(limit);
    const sql = `SELECT * FROM (${SUMMARY_SQL}${inner.map((c) => ` AND ${c}`).join("")})
      ${outer.length ? `WHERE ${outer.join(" AND ")}` : ""} ORDER BY created_at DESC, seq DESC LIMIT ?`;
    return this.statement(sql).all(...params) as Row[];
  }

  /**
   * Requests per time bucket since `since` (ISO), oldest first, only buckets that have requests: counts,
   * flags, the flag rate over written confessions, and p50/p95 latency of the requests answered `ok`.
   * Buckets are UTC prefixes of `created_at`, which the monitor writes as `toISOString()`. The work is
   * bounded by the requests since `since`: pick it to fit the bucket.
   *
   * @example
   * store.series({ since: "2025-06-01T00:00:00.000Z", bucket: "hour" });
   * // [{ t: "2025-06-01T10:00:00.000Z", requests: 12, flagged: 1, flaggedRate: 0.1, p50: 840, p95: 2100 }, ...]
   */
  series(q: { since: string; bucket: MonitorSeriesBucket }): MonitorSeriesPoint[] {
    const { length, suffix } = BUCKET_PREFIX[q.bucket];
    const counts = this.statement(
      `WITH s AS (${SUMMARY_SQL}) SELECT substr(created_at, 1, ${length}) AS b, COUNT(*) AS requests,
        COALESCE(SUM(flagged), 0) AS flagged, COALESCE(SUM(confession_id IS NOT NULL), 0) AS with_confession
       FROM s GROUP BY b ORDER BY b`,
    ).all(q.since) as Row[];
    const latencies = new Map<string, number[]>();
    for (const row of this.statement(
      `SELECT substr(created_at, 1, ${length}) AS b, latency_ms FROM monitor_requests
       WHERE created_at >= ? AND outcome = 'ok' ORDER BY b, latency_ms`,
    ).all(q.since) as Row[]) {
      const bucket = String(row.b);
      const list = latencies.get(bucket);
      if (list) list.push(Number(row.latency_ms));
      else latencies.set(bucket, [Number(row.latency_ms)]);
    }
    return counts.map((row) => {
      const bucket = String(row.b);
      const sorted = latencies.get(bucket) ?? [];
      const withConfession = Number(row.with_confession);
      const flagged = Number(row.flagged);
      return {
        t: `${bucket}${suffix}`,
        requests: Number(row.requests),
        flagged,
        flaggedRate: withConfession > 0 ? flagged / withConfession : null,
        p50: sorted.length > 0 ? percentile(sorted, 0.5) : null,
        p95: sorted.length > 0 ? percentile(sorted, 0.95) : null,
      };
    });
  }

  /**
   * Where the live feed stands now: the highest request rowid and confession id (0 on an empty store).
   *
   * @example
   * let mark = store.watermark(); // later: store.changesSince(mark)
   */
  watermark(): MonitorWatermark {
    const row = this.statement(
      `SELECT (SELECT COALESCE(MAX(rowid), 0) FROM monitor_requests) AS requests,
        (SELECT COALESCE(MAX(id), 0) FROM monitor_confessions) AS confessions`,
    ).get() as Row;
    return { requests: Number(row.requests), confessions: Number(row.confessions) };
  }

  /**
   * The requests recorded, or given a confession, since `after` (newest first, at most `limit`; the rest
   * are dropped, a client that falls that far behind reloads its list), and the mark to pass next time.
   * Rows are read up to the mark taken first, so a row another process writes meanwhile comes next time.
   *
   * @example
   * const { items, mark: next } = store.changesSince(mark);
   * mark = next;
   */
  changesSince(
    after: MonitorWatermark,
    limit = 200,
  ): { items: MonitorRequestSummary[]; mark: MonitorWatermark } {
    const mark = this.watermark();
    if (mark.requests <= after.requests && mark.confessions <= after.confessions) return { items: [], mark };
    const rows = this.statement(
      `SELECT * FROM (${SUMMARY_SQL} AND r.rowid IN (
          SELECT rowid FROM monitor_requests WHERE rowid > ? AND rowid <= ?
          UNION SELECT r2.rowid FROM monitor_confessions c3 JOIN monitor_requests r2 ON r2.id = c3.request_id
            WHERE c3.id > ? AND c3.id <= ?))
       ORDER BY created_at DESC, seq DESC LIMIT ?`,
    ).all(
      BEGINNING,
      after.requests,
      mark.requests,
      after.confessions,
      mark.confessions,
      Math.max(0, Math.floor(limit)),
    ) as Row[];
    return { items: rows.map(toSummary), mark };
  }

  /** A request with all its attempts, confessions (in the order written) and webhook deliveries. */
  getRequest(idOrClientId: string): MonitorRequestDetail | undefined {
    // the monitor's own id, or else the newest request the client sent under this x-request-id
    const row = (this.statement("SELECT * FROM monitor_requests WHERE id = ?").get(idOrClientId) ??
      this.statement(
        "SELECT * FROM monitor_requests WHERE client_request_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1",
      ).get(idOrClientId)) as Row | undefined;
    if (!row) return undefined;
    const id = String(row.id);
    const attempts = this.statement("SELECT * FROM monitor_attempts WHERE request_id = ? ORDER BY idx").all(
      id,
    ) as Row[];
    const confessions = this.statement(
      "SELECT * FROM monitor_confessions WHERE request_id = ? ORDER BY attempt, id",
    ).all(id) as Row[];
    const webhooks = this.statement("SELECT * FROM monitor_webhooks WHERE request_id = ? ORDER BY id").all(
      id,
    ) as Row[];
    return {
      request: toRequest(row),
      attempts: attempts.map(toAttempt),
      confessions: confessions.map(toConfession),
      webhooks: webhooks.map(toWebhook),
    };
  }

  /** Counts, rates, latency percentiles and token sums over the requests since `since` (ISO), or all. */
  stats(q: { since?: string } = {}): MonitorStats {
    const since = q.since ?? BEGINNING;
    const summary = `WITH s AS (${SUMMARY_SQL})`;
    const counts = (column: string): Record<string, number> => {
      const rows = this.statement(
        `${summary} SELECT ${column} AS k, COUNT(*) AS n FROM s WHERE ${column} IS NOT NULL GROUP BY ${column} ORDER BY ${column}`,
      ).all(since) as Row[];
      return Object.fromEntries(rows.map((row) => [String(row.k), Number(row.n)]));
    };
    const totals = this.statement(
      `${summary} SELECT COUNT(*) AS requests, COALESCE(SUM(attempts), 0) AS attempts,
        COALESCE(SUM(confession_id IS NOT NULL), 0) AS with_confession,
        COALESCE(SUM(flagged), 0) AS flagged,
        COALESCE(SUM(confession_status = 'ok' AND passed = 1), 0) AS passed FROM s`,
    ).get(since) as Row;
    const latencies = (
      this.statement(
        "SELECT latency_ms FROM monitor_requests WHERE created_at >= ? AND outcome = 'ok' ORDER BY latency_ms",
      ).all(since) as Row[]
    ).map((row) => Number(row.latency_ms));
    const answerTokens = this.tokensByKey("monitor_attempts", since);
    const confessionTokens = this.tokensByKey("monitor_confessions", since);
    const withConfession = Number(totals.with_confession);
    const flagged = Number(totals.flagged);
    const passed = Number(totals.passed);
    return {
      since: q.since ?? null,
      requests: Number(totals.requests),
      byOutcome: counts("outcome"),
      byMode: counts("mode"),
      attempts: Number(totals.attempts),
      confessions: counts("confession_status"),
      withConfession,
      flagged,
      flaggedRate: withConfession > 0 ? flagged / withConfession : null,
      passed,
      passRate: withConfession > 0 ? passed / withConfession : null,
      latencyMs:
        latencies.length > 0
          ? {
              p50: percentile(latencies, 0.5),
              p95: percentile(latencies, 0.95),
              p99: percentile(latencies, 0.99),
            }
          : null,
      tokens: {
        answers: sumTokens(answerTokens.values()),
        confessions: sumTokens(confessionTokens.values()),
      },
      byKey: this.keyStats(summary, since, answerTokens, confessionTokens),
    };
  }

  /** Token sums of the attempts or confessions of the requests since `since`, per client key. */
  private tokensByKey(
    table: "monitor_attempts" | "monitor_confessions",
    since: string,
  ): Map<string | null, MonitorTokenSums> {
    const rows = this.statement(
      `SELECT r.key_id,
        COALESCE(SUM(json_extract(t.usage, '$.inputTokens')), 0) AS input,
        COALESCE(SUM(json_extract(t.usage, '$.outputTokens')), 0) AS output,
        COALESCE(SUM(json_extract(t.usage, '$.reasoningTokens')), 0) AS reasoning
       FROM ${table} t JOIN monitor_requests r ON r.id = t.request_id
       WHERE r.created_at >= ? GROUP BY r.key_id`,
    ).all(since) as Row[];
    return new Map(
      rows.map((row) => [
        row.key_id === null ? null : String(row.key_id),
        {
          inputTokens: Number(row.input),
          outputTokens: Number(row.output),
          reasoningTokens: Number(row.reasoning),
        },
      ]),
    );
  }

  private keyStats(
    summary: string,
    since: string,
    answers: Map<string | null, MonitorTokenSums>,
    confessions: Map<string | null, MonitorTokenSums>,
  ): MonitorKeyStats[] {
    const rows = this.statement(
      `${summary} SELECT s.key_id, k.name, COUNT(*) AS requests, COALESCE(SUM(s.flagged), 0) AS flagged
       FROM s LEFT JOIN api_keys k ON k.id = s.key_id GROUP BY s.key_id ORDER BY requests DESC, s.key_id`,
    ).all(since) as Row[];
    return rows.map((row) => {
      const keyId = row.key_id === null ? null : String(row.key_id);
      return {
        keyId,
        name: row.name === null || row.name === undefined ? null : String(row.name),
        requests: Number(row.requests),
        flagged: Number(row.flagged),
        tokens: sumTokens([answers.get(keyId), confessions.get(keyId)]),
      };
    });
  }
}

function sumTokens(parts: Iterable<MonitorTokenSums | undefined>): MonitorTokenSums {
  const total = noTokens();
  for (const part of parts) {
    if (!part) continue;
    total.inputTokens += part.inputTokens;
    total.outputTokens += part.outputTokens;
    total.reasoningTokens += part.reasoningTokens;
  }
  return total;
}

/** The request columns both listings and details read, everything but the body. */
function requestFields(row: Row): Omit<MonitorRequestRecord, "request"> {
  return withError(
    {
      id: String(row.id),
      ...(row.client_request_id !== null && row.client_request_id !== undefined
        ? { clientRequestId: String(row.client_request_id) }
        : {}),
      createdAt: String(row.created_at),
      api: String(row.api) as MonitorApi,
      model: String(row.model),
      keyId: row.key_id === null ? null : String(row.key_id),
      mode: String(row.mode) as MonitorMode,
      stream: Number(row.stream) === 1,
      httpStatus: Number(row.http_status),
      outcome: String(row.outcome) as RequestOutcome,
      latencyMs: Number(row.latency_ms),
      attempts: Number(row.attempts),
      chosenAttempt: numberOrNull(row.chosen_attempt),
    },
    row.error,
  );
}

function toSummary(row: Row): MonitorRequestSummary {
  return {
    ...requestFields(row),
    confessionStatus:
      row.confession_status === null ? null : (String(row.confession_status) as MonitorSummaryStatus),
    grade: numberOrNull(row.grade),
    passed: boolOrNull(row.passed),
    flagged: Number(row.flagged) === 1,
    reasons: parseOrNull<string[]>(row.reasons) ?? [],
  };
}

function toRequest(row: Row): MonitorRequestRecord {
  return { ...requestFields(row), request: parse<unknown>(row.request) };
}

function toAttempt(row: Row): MonitorAttemptRecord {
  return {
    requestId: String(row.request_id),
    index: Number(row.idx),
    answer: parse<MonitorAnswer>(row.answer),
    finishReason: row.finish_reason === null ? null : String(row.finish_reason),
    usage: parseOrNull<Usage>(row.usage),
    latencyMs: Number(row.latency_ms),
    createdAt: String(row.created_at),
  };
}

function toConfession(row: Row): MonitorConfessionRecord {
  return withError(
    {
      requestId: String(row.request_id),
      attempt: Number(row.attempt),
      status: String(row.status) as MonitorConfessionStatus,
      confession: parseOrNull<ConfessionParseResult>(row.confession),
      text: row.text === null ? null : String(row.text),
      grade: numberOrNull(row.grade),
      passed: boolOrNull(row.passed),
      flagged: Number(row.flagged) === 1,
      reasons: parse<string[]>(row.reasons),
      usage: parseOrNull<Usage>(row.usage),
      latencyMs: Number(row.latency_ms),
      createdAt: String(row.created_at),
    },
    row.error,
  );
}

function toWebhook(row: Row): MonitorWebhookRecord {
  return withError(
    {
      requestId: String(row.request_id),
      url: String(row.url),
      status: String(row.status) as MonitorWebhookRecord["status"],
      tries: Number(row.tries),
      httpStatus: numberOrNull(row.http_status),
      createdAt: String(row.created_at),
    },
    row.error,
  );
}
