import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";
import { UsageError } from "../errors/confess-error.ts";

/** A client key as listed: never the key itself, never its hash. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  /** The key's first characters, enough to tell keys apart in a list (e.g. `ck-Ab3xY`). */
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Every key starts with this, so a leaked one is easy to recognise in logs and secret scanners. */
export const API_KEY_PREFIX = "ck-";
/** Characters of the key kept for display: the marker plus 5 of its 43 random characters (30 of 256 bits). */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 5;
/** How long a verifier trusts its cached hashes before reading the table again (revocations from other processes). */
export const KEY_CACHE_MS = 1000;
/** A flood of wrong keys re-reads the table at most this often. */
const MISS_REFRESH_MS = 100;

type Row = Record<string, unknown>;

/**
 * Bumped by `createApiKey` and `revokeApiKey` on a connection, so verifiers sharing it see the change on their
 * next call instead of after `KEY_CACHE_MS`.
 */
const generations = new WeakMap<DatabaseSync, number>();
const bump = (db: DatabaseSync): void => {
  generations.set(db, (generations.get(db) ?? 0) + 1);
};

const sha256 = (key: string): Buffer => createHash("sha256").update(key, "utf8").digest();

const toInfo = (row: Row): ApiKeyInfo => ({
  id: String(row.id),
  name: String(row.name),
  prefix: String(row.prefix),
  createdAt: String(row.created_at),
  revokedAt: row.revoked_at === null || row.revoked_at === undefined ? null : String(row.revoked_at),
});

/**
 * Creates a client key for `confess serve`. The key is returned once; only its SHA-256 and a short display
 * prefix are stored, so a copy of the database does not hand out working keys. (A fast hash is enough here:
 * the key carries 256 random bits, so there is nothing to guess by brute force, unlike a password.)
 *
 * @example
 * const { id, key } = createApiKey(db, "ci");
 * console.log(`${id}: ${key}`); // shown once; store it in the client's secret manager
 */
export function createApiKey(db: DatabaseSync, name: string): { id: string; key: string; info: ApiKeyInfo } {
  const trimmed = name.trim();
  if (trimmed === "") throw new UsageError("a key needs a name (--name), e.g. the client or team using it");
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const exists = db.prepare("SELECT 1 FROM api_keys WHERE id = ?");
  let id: string;
  // 32-bit ids: a collision is unlikely but cheap to rule out
  do id = `key_${randomBytes(4).toString("hex")}`;
  while (exists.get(id) !== undefined);
  const info: ApiKeyInfo = {
    id,
    name: trimmed,
    prefix: key.slice(0, DISPLAY_PREFIX_LENGTH),
    createdAt: new Date().toISOString(),
    revokedAt: null,
  };
  db.prepare(
    "INSERT INTO api_keys (id, name, hash, prefix, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, NULL)",
  ).run(info.id, info.name, sha256(key).toString("hex"), info.prefix, info.createdAt);
  bump(db);
  return { id, key, info };
}

/**
 * Lists the client keys, oldest first, revoked ones included (with `revokedAt`).
 *
 * @example
 * for (const k of listApiKeys(db)) console.log(k.id, k.name, k.revokedAt ?? "active");
 */
export function listApiKeys(db: DatabaseSync): ApiKeyInfo[] {
  const rows = db
    .prepare("SELECT id, name, prefix, created_at, revoked_at FROM api_keys ORDER BY created_at, rowid")
    .all() as Row[];
  return rows.map(toInfo);
}

/**
 * Revokes a key: verifiers refuse it from their next call on this connection, and within `KEY_CACHE_MS` in
 * other processes. Returns false when no key has this id; revoking a revoked key keeps its first date.
 *
 * @example
 * if (!revokeApiKey(db, "key_1a2b3c4d")) console.error("no such key");
 */
export function revokeApiKey(db: DatabaseSync, id: string): boolean {
  const found = db.prepare("SELECT 1 FROM api_keys WHERE id = ?").get(id) !== undefined;
  if (!found) return false;
  db.prepare("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL").run(
    new Date().toISOString(),
    id,
  );
  bump(db);
  return true;
}

export interface KeyVerifierOptions {
  /** Milliseconds the cached hashes are trusted; default `KEY_CACHE_MS`. */
  cacheMs?: number;
  /** Clock in milliseconds; tests pass their own. */
  now?: () => number;
}

/** Checks presented client keys against the active (not revoked) keys. */
export interface KeyVerifier {
  /** The key's id when `key` is an active client key, otherwise null. */
  verify(key: string): { id: string } | null;
}

/**
 * Builds the server's key check. The presented key is hashed first and only the hash is looked up, then
 * compared with `timingSafeEqual`. Why that does not leak the secret through timing: the lookup's time depends
 * on SHA-256 of what the client sent, which the client cannot steer towards a stored hash byte by byte
 * (a preimage problem), so timing a guess says nothing about how close it was; the final comparison of the
 * two 32-byte hashes takes the same time wherever they differ. The raw key is never used as a lookup key or
 * compared with `===`.
 *
 * Active hashes are cached in memory; the table is read again when the cache is older than `cacheMs` (so a
 * revocation by `confess keys revoke` in another process applies within a second), on a miss (so a key
 * created meanwhile works at once; at most every 100 ms), and right after a create or revoke on the same
 * connection.
 *
 * @example
 * const verifier = createKeyVerifier(db);
 * const client = verifier.verify(bearerToken); // { id: "key_1a2b3c4d" } or null
 */
export function createKeyVerifier(db: DatabaseSync, options: KeyVerifierOptions = {}): KeyVerifier {
  const cacheMs = options.cacheMs ?? KEY_CACHE_MS;
  const now = options.now ?? Date.now;
  const select = db.prepare("SELECT id, hash FROM api_keys WHERE revoked_at IS NULL");
  let byHash = new Map<string, { id: string; hash: Buffer }>();
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loadedGeneration = -1;

  const load = (): void => {
    const next = new Map<string, { id: string; hash: Buffer }>();
    for (const row of select.all() as Row[]) {
      const hex = String(row.hash);
      next.set(hex, { id: String(row.id), hash: Buffer.from(hex, "hex") });
    }
    byHash = next;
    loadedAt = now();
    loadedGeneration = generations.get(db) ?? 0;
  };

  const lookup = (digest: Buffer): { id: string } | null => {
    const entry = byHash.get(digest.toString("hex"));
    if (!entry || entry.hash.length !== digest.length) return null;
    return timingSafeEqual(entry.hash, digest) ? { id: entry.id } : null;
  };

  return {
    verify(key: string): { id: string } | null {
      if (typeof key !== "string" || key === "") return null;
      const digest = sha256(key);
      if (now() - loadedAt >= cacheMs || loadedGeneration !== (generations.get(db) ?? 0)) load();
      const found = lookup(digest);
      if (found || now() - loadedAt < MISS_REFRESH_MS) return found;
      load();
      return lookup(digest);
    },
  };
}
