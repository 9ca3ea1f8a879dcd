import { randomUUID } from "node:crypto";
import type { ConfessStore } from "../store/confess-store.ts";
import type { AuditReport } from "./run-audit.ts";

/** One stored judge audit of a run. */
export interface StoredAudit {
  id: string;
  createdAt: string;
  judge: string;
  report: AuditReport;
}

/**
 * Stores a judge audit made on a stored run (`confess audit`), so the viewer can list it; audits are
 * append-only. Returns the new audit's id.
 *
 * @example
 * const id = saveAudit(store, { runId: "run-1", judge: "scripted:strict", report });
 */
export function saveAudit(
  store: ConfessStore,
  audit: { runId: string; judge: string; report: AuditReport; createdAt?: string },
): string {
  const id = randomUUID();
  store.db
    .prepare("INSERT INTO audits (id, run_id, judge, created_at, report) VALUES (?, ?, ?, ?, ?)")
    .run(
      id,
      audit.runId,
      audit.judge,
      audit.createdAt ?? new Date().toISOString(),
      JSON.stringify(audit.report),
    );
  return id;
}

/**
 * The audits stored for a run, newest first.
 *
 * @example
 * listAudits(store, "run-1")[0]?.report.verdict; // { met: 4, metConfidently: 3, assessed: 5, total: 5 }
 */
export function listAudits(store: ConfessStore, runId: string): StoredAudit[] {
  const rows = store.db
    .prepare("SELECT * FROM audits WHERE run_id = ? ORDER BY created_at DESC, rowid DESC")
    .all(runId) as Array<Record<string, unknown>>;
  return rows.map((row) => ({
    id: String(row.id),
    createdAt: String(row.created_at),
    judge: String(row.judge),
    report: JSON.parse(String(row.report)) as AuditReport,
  }));
}

/**
 * Whether any audit is stored for a run (one index probe).
 *
 * @example
 * hasAudits(store, "run-1"); // false
 */
export function hasAudits(store: ConfessStore, runId: string): boolean {
  return store.db.prepare("SELECT 1 AS one FROM audits WHERE run_id = ? LIMIT 1").get(runId) !== undefined;
}
