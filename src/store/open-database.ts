import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { ConfessError } from "../errors/confess-error.ts";
import { MIGRATIONS } from "./schema.ts";

/** Where the store lives unless `--db` or `CONFESS_DB` says otherwise. */
export const DEFAULT_DB_PATH = ".confess/confess.db";

/**
 * Resolves the database path: an explicit flag wins, then `CONFESS_DB`, then the default.
 *
 * @example
 * resolveDbPath(undefined, process.env) // ".confess/confess.db"
 */
export function resolveDbPath(flag: string | undefined, env: Record<string, string | undefined>): string {
  return flag ?? env.CONFESS_DB ?? DEFAULT_DB_PATH;
}

/**
 * Opens (and creates or migrates) the SQLite store. WAL keeps readers off the writer's back and makes a
 * killed process lose at most its open transaction; the busy timeout rides out a second process.
 */
export function openDatabase(path: string): DatabaseSync {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path);
    db.exec("PRAGMA busy_timeout = 5000");
    if (path !== ":memory:") db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");
  } catch (cause) {
    throw new ConfessError("CONFESS_STORE_ERROR", `cannot open the database at ${path}: ${String(cause)}`, {
      cause,
    });
  }
  migrate(db);
  return db;
}

function migrate(db: DatabaseSync): void {
  const row = db.prepare("PRAGMA user_version").get() as { user_version: number };
  const current = row.user_version;
  if (current > MIGRATIONS.length) {
    throw new ConfessError(
      "CONFESS_STORE_ERROR",
      `the database was written by a newer confessional (schema ${current}, this one knows ${MIGRATIONS.length})`,
    );
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(MIGRATIONS[version] as string);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  }
}
