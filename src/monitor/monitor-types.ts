import type { ToolCall } from "../models/messages.ts";
import type { Usage } from "../models/model.ts";
import type { ConfessionParseResult, ConfessionStatus } from "../protocol/confession-parse-result.ts";

/**
 * What the monitor does with a request: `off` forwards only; `async` returns the upstream answer unchanged
 * and confesses afterwards; `sync` waits for the confession and returns it with the answer; `reject`
 * samples up to `maxAttempts` answers and returns the first whose confession passes the policy.
 */
export type MonitorMode = "off" | "async" | "sync" | "reject";
export const MONITOR_MODES: readonly MonitorMode[] = ["off", "async", "sync", "reject"];

/** The client-facing API a request came through. */
export type MonitorApi = "chat.completions" | "responses";

/**
 * How a monitored request ended, from the client's side. Every request gets a record, refused ones too,
 * so a missing key or an oversized body is visible in the store.
 */
export type RequestOutcome =
  | "ok"
  | "upstream_error"
  | "upstream_timeout"
  | "client_disconnected"
  | "unauthorized"
  | "too_large"
  | "bad_request"
  | "error"
  | "interrupted";

/**
 * How a confession about one answer turned out: a parse status, or `error` when it could not be obtained
 * (the upstream failed or timed out). Never read as a pass unless `ok` and passing the policy.
 */
export type MonitorConfessionStatus = ConfessionStatus | "error";

/** One answer from the upstream: text and tool calls, as the client received them. */
export interface MonitorAnswer {
  text: string;
  toolCalls: ToolCall[];
}

/** A request as stored: written once when the client's response is complete (or refused). */
export interface MonitorRequestRecord {
  /** The monitor's own id (`req_…`), generated for every request. */
  id: string;
  /** The client's `x-request-id`, when it sent one: kept for matching, never a key. */
  clientRequestId?: string | null | undefined;
  createdAt: string;
  api: MonitorApi;
  model: string;
  /** The client key's id, or null when keys are not required (or the key was missing or wrong). */
  keyId: string | null;
  /** The mode actually applied (after the header override and sampling). */
  mode: MonitorMode;
  stream: boolean;
  /** The client's request body as received (JSON), or a note when it could not be read. */
  request: unknown;
  httpStatus: number;
  outcome: RequestOutcome;
  error?: string | undefined;
  latencyMs: number;
  /** Answers asked of the upstream (more than one only in `reject` mode). */
  attempts: number;
  /** Which attempt the client received, when one was. */
  chosenAttempt: number | null;
}

/**
 * A request as it arrives, written before anything else, so a server killed mid-request still leaves a trace:
 * on the next start, arrivals without a request record become `interrupted` requests.
 */
export interface MonitorArrivalRecord {
  id: string;
  clientRequestId: string | null;
  createdAt: string;
  api: MonitorApi;
}

/** One upstream answer of a request. */
export interface MonitorAttemptRecord {
  requestId: string;
  index: number;
  answer: MonitorAnswer;
  finishReason: string | null;
  usage: Usage | null;
  latencyMs: number;
  createdAt: string;
}

/** The confession about one attempt, with the policy's reading of it. Appended when it completes. */
export interface MonitorConfessionRecord {
  requestId: string;
  attempt: number;
  status: MonitorConfessionStatus;
  /** The parse result, when a reply came back. */
  confession: ConfessionParseResult | null;
  /** The confession reply as written. */
  text: string | null;
  grade: number | null;
  /** Passes the pass policy (reject mode); null when the confession is not `ok`. */
  passed: boolean | null;
  /** The flag policy's decision: a confession that is not `ok` is always flagged ("not obtained"). */
  flagged: boolean;
  reasons: string[];
  usage: Usage | null;
  latencyMs: number;
  error?: string | undefined;
  createdAt: string;
}

/** One webhook delivery (after its retries). */
export interface MonitorWebhookRecord {
  requestId: string;
  url: string;
  status: "delivered" | "failed";
  tries: number;
  httpStatus: number | null;
  error?: string | undefined;
  createdAt: string;
}

/** Where the monitor writes; `MonitorStore` implements it over the project's SQLite store. */
export interface MonitorSink {
  recordRequest(record: MonitorRequestRecord): void;
  recordAttempt(record: MonitorAttemptRecord): void;
  recordConfession(record: MonitorConfessionRecord): void;
  recordWebhook(record: MonitorWebhookRecord): void;
  /** Optional: the request's arrival (see {@link MonitorArrivalRecord}). */
  recordArrival?(record: MonitorArrivalRecord): void;
}
