import type { DatabaseSync, StatementSync } from "node:sqlite";

const statements = new WeakMap<DatabaseSync, Map<string, StatementSync>>();

/**
 * A prepared statement, cached per connection: preparing costs more than running the small queries the store
 * and the viewer repeat. Callers pass fixed SQL texts (values are bound), so the cache stays small.
 *
 * @example
 * prepared(store.db, "SELECT COUNT(*) AS n FROM samples WHERE run_id = ?").get(runId);
 */
export function prepared(db: DatabaseSync, sql: string): StatementSync {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
