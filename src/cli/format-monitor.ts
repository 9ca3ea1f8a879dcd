import { percent } from "../metrics/format-table.ts";
import type { Usage } from "../models/model.ts";
import type {
  MonitorRequestDetail,
  MonitorRequestSummary,
  MonitorStats,
  MonitorTokenSums,
} from "../monitor/monitor-store.ts";
import type { MonitorConfessionRecord } from "../monitor/monitor-types.ts";
import { complianceClaim } from "../protocol/compliance-level.ts";
import { textColumns } from "./text-columns.ts";

/** Longest stretch of prompt or answer text `monitor show` prints before cutting it. */
const TEXT_LIMIT = 2000;

const table = textColumns;

const when = (iso: string): string => iso.slice(0, 19).replace("T", " ");
const cut = (text: string, limit = TEXT_LIMIT): string =>
  text.length > limit ? `${text.slice(0, limit)}… (${text.length - limit} more characters)` : text;
const indent = (text: string, pad: string): string => text.replace(/\n/g, `\n${pad}`);
const counts = (record: Partial<Record<string, number>>): string =>
  Object.entries(record)
    .map(([k, n]) => `${k} ${n}`)
    .join(" · ") || "none";
const tokens = (t: MonitorTokenSums): string =>
  `${t.inputTokens} in / ${t.outputTokens} out${t.reasoningTokens ? ` (${t.reasoningTokens} reasoning)` : ""}`;
const usage = (u: Usage | null): string =>
  u ? `${u.inputTokens ?? "?"} in / ${u.outputTokens ?? "?"} out tokens` : "usage not reported";

/**
 * A webhook address cut to its origin: webhook paths often carry the secret that authorises posting
 * (Slack, Discord), and a terminal is not the place for it.
 *
 * @example
 * redactUrl("https://hooks.slack.com/services/T0/B0/secret"); // "https://hooks.slack.com/…"
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname === "/" && !parsed.search ? parsed.origin : `${parsed.origin}/…`;
  } catch {
    return "(unreadable address)";
  }
}

/**
 * `confess monitor list` as a table, newest first.
 *
 * @example
 * io.stdout(formatRequestList(store.listRequests({ limit: 20 })));
 */
export function formatRequestList(list: MonitorRequestSummary[]): string {
  if (list.length === 0) return "no monitored requests yet; point a client at `confess serve`\n";
  const rows = list.map((r) => [
    r.id,
    when(r.createdAt),
    r.api === "responses" ? "responses" : "chat",
    r.model,
    r.mode,
    r.outcome === "ok" ? String(r.httpStatus) : `${r.httpStatus} ${r.outcome}`,
    r.confessionStatus ?? "–",
    r.grade === null ? "–" : String(r.grade),
    r.flagged ? "FLAGGED" : "",
    `${r.latencyMs} ms`,
  ]);
  return table(
    ["request", "created", "api", "model", "mode", "http", "confession", "grade", "flag", "latency"],
    rows,
  );
}

/** What the client asked, one line per message: chat `messages` or the Responses API's `input`. */
function promptLines(body: unknown): string[] {
  if (typeof body !== "object" || body === null) return [cut(JSON.stringify(body) ?? String(body))];
  const b = body as Record<string, unknown>;
  if (typeof b.input === "string") return [`user: ${cut(b.input)}`];
  const items = Array.isArray(b.messages) ? b.messages : Array.isArray(b.input) ? b.input : undefined;
  if (!items) return [cut(JSON.stringify(body))];
  return items.map((item) => {
    if (typeof item !== "object" || item === null) return cut(JSON.stringify(item));
    const m = item as Record<string, unknown>;
    const role = typeof m.role === "string" ? m.role : typeof m.type === "string" ? m.type : "item";
    return `${role}: ${indent(cut(contentText(m.content ?? m.output ?? m.arguments ?? m)), "    ")}`;
  });
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part) =>
        typeof part === "object" && part !== null && typeof (part as { text?: unknown }).text === "string"
          ? (part as { text: string }).text
          : JSON.stringify(part),
      )
      .join("\n");
  }
  return JSON.stringify(content);
}

function confessionLines(c: MonitorConfessionRecord): string[] {
  const verdict = c.passed === null ? "" : c.passed ? " · passes the policy" : " · does not pass the policy";
  const lines = [
    `confession: ${c.status}${c.grade === null ? "" : ` · grade ${c.grade}`}${verdict} · ` +
      `${c.flagged ? "FLAGGED" : "not flagged"} · ${c.latencyMs} ms · ${usage(c.usage)}`,
  ];
  if (c.reasons.length) lines.push(`  reasons: ${c.reasons.join("; ")}`);
  if (c.error) lines.push(`  error: ${c.error}`);
  const report = c.confession?.report;
  if (report) {
    for (const o of report.compliance_analysis) {
      if (complianceClaim(o.compliance) === "complied") continue;
      lines.push(`  ${o.compliance}: ${indent(o.objective, "    ")}`);
    }
    for (const u of report.uncertainties_and_conflicts) lines.push(`  uncertain: ${indent(u, "    ")}`);
  } else if (c.confession?.issues.length) {
    lines.push(`  parse: ${c.confession.issues.join("; ")}`);
  }
  return lines;
}

/**
 * `confess monitor show <id>`: the request, what the client asked, every attempt with its confessions, and
 * the webhook deliveries (addresses cut to their origin).
 *
 * @example
 * const detail = store.getRequest(id);
 * if (detail) io.stdout(formatRequestDetail(detail));
 */
export function formatRequestDetail(detail: MonitorRequestDetail, keyName?: string | null): string {
  const r = detail.request;
  const out: string[] = [
    `request ${r.id} · ${when(r.createdAt)} · ${r.api} · model ${r.model}`,
    [
      r.keyId ? `key ${r.keyId}${keyName ? ` (${keyName})` : ""}` : "no client key",
      `mode ${r.mode}`,
      r.stream ? "streamed" : "not streamed",
      `HTTP ${r.httpStatus} ${r.outcome}`,
      `${r.latencyMs} ms`,
      `${r.attempts} attempt${r.attempts === 1 ? "" : "s"}` +
        (r.chosenAttempt === null ? ", none returned" : `, returned #${r.chosenAttempt}`),
    ].join(" · "),
  ];
  if (r.error) out.push(`error: ${r.error}`);
  out.push("", "prompt:", ...promptLines(r.request).map((line) => `  ${line}`));
  const attempts = new Set([
    ...detail.attempts.map((a) => a.index),
    ...detail.confessions.map((c) => c.attempt),
  ]);
  for (const index of [...attempts].sort((a, b) => a - b)) {
    const a = detail.attempts.find((x) => x.index === index);
    out.push("");
    const returned = index === r.chosenAttempt ? " (returned)" : "";
    if (a) {
      out.push(
        `attempt #${index}${returned} · finish ${a.finishReason ?? "unknown"} · ${a.latencyMs} ms · ${usage(a.usage)}`,
      );
      out.push(`  answer: ${a.answer.text ? indent(cut(a.answer.text), "    ") : "(no text)"}`);
      for (const call of a.answer.toolCalls) {
        out.push(`  tool call ${call.name}: ${cut(JSON.stringify(call.arguments), 300)}`);
      }
    } else {
      out.push(`attempt #${index}${returned} · answer not stored`);
    }
    for (const c of detail.confessions.filter((x) => x.attempt === index)) {
      out.push(...confessionLines(c).map((line) => `  ${line}`));
    }
    if (!detail.confessions.some((x) => x.attempt === index) && r.mode !== "off") {
      out.push("  confession: none stored (pending, or not obtained)");
    }
  }
  if (detail.webhooks.length) {
    out.push("", "webhooks:");
    for (const w of detail.webhooks) {
      out.push(
        `  ${w.status} · ${redactUrl(w.url)} · ${w.tries} tr${w.tries === 1 ? "y" : "ies"}` +
          `${w.httpStatus === null ? "" : ` · HTTP ${w.httpStatus}`}${w.error ? ` · ${w.error}` : ""}`,
      );
    }
  }
  return `${out.join("\n")}\n`;
}

/**
 * `confess monitor stats`: volumes, confession outcomes, flag and pass rates, latency, tokens, and a table
 * per client key.
 *
 * @example
 * io.stdout(formatMonitorStats(store.stats({ since: "2025-06-01T00:00:00Z" })));
 */
export function formatMonitorStats(s: MonitorStats): string {
  if (s.requests === 0) {
    return `no monitored requests${s.since ? ` since ${s.since}` : ""}; point a client at \`confess serve\`\n`;
  }
  const lines = [
    `${s.requests} requests${s.since ? ` since ${s.since}` : ""} · ${s.attempts} answers from the upstream`,
    `  outcomes: ${counts(s.byOutcome)}`,
    `  modes: ${counts(s.byMode)}`,
    `confessions: ${counts(s.confessions)}`,
    `  flagged ${s.flagged} of ${s.withConfession} (${percent(s.flaggedRate)}) · ` +
      `passed ${s.passed} of ${s.withConfession} (${percent(s.passRate)}); only an ok confession can pass`,
    s.latencyMs
      ? `latency of answered requests: p50 ${round(s.latencyMs.p50)} ms · p95 ${round(s.latencyMs.p95)} ms · ` +
        `p99 ${round(s.latencyMs.p99)} ms`
      : "latency: no answered requests",
    `tokens: answers ${tokens(s.tokens.answers)} · confessions ${tokens(s.tokens.confessions)}`,
  ];
  const rows = s.byKey.map((k) => [
    k.keyId ?? "(no key)",
    k.name ?? "",
    String(k.requests),
    String(k.flagged),
    String(k.tokens.inputTokens),
    String(k.tokens.outputTokens),
  ]);
  return `${lines.join("\n")}\n\n${table(["key", "name", "requests", "flagged", "tokens in", "tokens out"], rows)}`;
}

const round = (ms: number): string => (Number.isInteger(ms) ? String(ms) : ms.toFixed(1));
