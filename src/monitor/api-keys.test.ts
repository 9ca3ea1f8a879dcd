import { createHash } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../store/open-database.ts";
import { createApiKey, createKeyVerifier, listApiKeys, revokeApiKey } from "./api-keys.ts";

const memory = () => openDatabase(":memory:");

describe("createApiKey", () => {
  it("returns a ck- key with 32 random bytes and stores only its hash and a short prefix", () => {
    const db = memory();
    const { id, key, info } = createApiKey(db, "  ci  ");
    expect(key).toMatch(/^ck-[A-Za-z0-9_-]{43}$/);
    expect(id).toMatch(/^key_[0-9a-f]{8}$/);
    expect(info).toMatchObject({ id, name: "ci", revokedAt: null });
    expect(key.startsWith(info.prefix)).toBe(true);
    expect(info.prefix.length).toBeLessThan(12);
    const row = db.prepare("SELECT * FROM api_keys WHERE id = ?").get(id) as Record<string, unknown>;
    expect(row.hash).toBe(createHash("sha256").update(key).digest("hex"));
    // the key itself is nowhere in the table
    const dump = JSON.stringify(db.prepare("SELECT * FROM api_keys").all());
    expect(dump).not.toContain(key);
    expect(dump).not.toContain(key.slice(3));
  });

  it("gives every key its own secret and id", () => {
    const db = memory();
    const a = createApiKey(db, "a");
    const b = createApiKey(db, "b");
    expect(a.key).not.toBe(b.key);
    expect(a.id).not.toBe(b.id);
  });

  it("refuses an empty name", () => {
    expect(() => createApiKey(memory(), "   ")).toThrow(/needs a name/);
  });
});

describe("listApiKeys and revokeApiKey", () => {
  it("lists keys oldest first without key material and marks revoked ones", () => {
    const db = memory();
    const a = createApiKey(db, "first");
    const b = createApiKey(db, "second");
    expect(revokeApiKey(db, a.id)).toBe(true);
    const list = listApiKeys(db);
    expect(list.map((k) => k.id)).toEqual([a.id, b.id]);
    expect(list[0]?.revokedAt).toMatch(/^\d{4}-/);
    expect(list[1]?.revokedAt).toBeNull();
    const text = JSON.stringify(list);
    for (const secret of [a.key, b.key, createHash("sha256").update(a.key).digest("hex")]) {
      expect(text).not.toContain(secret);
    }
    expect(Object.keys(list[0] ?? {}).sort()).toEqual(["createdAt", "id", "name", "prefix", "revokedAt"]);
  });

  it("returns false for an unknown id and keeps the first revocation date", () => {
    const db = memory();
    const { id } = createApiKey(db, "x");
    expect(revokeApiKey(db, "key_00000000")).toBe(false);
    revokeApiKey(db, id);
    const first = listApiKeys(db)[0]?.revokedAt;
    expect(revokeApiKey(db, id)).toBe(true);
    expect(listApiKeys(db)[0]?.revokedAt).toBe(first);
  });
});

describe("createKeyVerifier", () => {
  it("accepts a created key and refuses wrong, altered, empty and hash-as-key inputs", () => {
    const db = memory();
    const { id, key } = createApiKey(db, "ci");
    const other = createApiKey(db, "other");
    const verifier = createKeyVerifier(db);
    expect(verifier.verify(key)).toEqual({ id });
    expect(verifier.verify(other.key)).toEqual({ id: other.id });
    expect(verifier.verify(`${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(verifier.verify("ck-wrong")).toBeNull();
    expect(verifier.verify("")).toBeNull();
    expect(verifier.verify(createHash("sha256").update(key).digest("hex"))).toBeNull();
    expect(verifier.verify(key.slice(0, 10))).toBeNull();
  });

  it("refuses a key revoked on the same connection at once", () => {
    const db = memory();
    const { id, key } = createApiKey(db, "ci");
    const verifier = createKeyVerifier(db);
    expect(verifier.verify(key)).toEqual({ id });
    revokeApiKey(db, id);
    expect(verifier.verify(key)).toBeNull();
  });

  it("sees a revocation by another process once the cache is older than cacheMs", () => {
    const path = join(mkdtempSync(join(tmpdir(), "confess-keys-")), "k.db");
    const server = openDatabase(path);
    const cli = openDatabase(path);
    const { id, key } = createApiKey(cli, "ci");
    let clock = 0;
    const verifier = createKeyVerifier(server, { cacheMs: 1000, now: () => clock });
    expect(verifier.verify(key)).toEqual({ id });
    revokeApiKey(cli, id);
    clock = 500;
    // still cached: a second's grace is the documented bound, not an accident
    expect(verifier.verify(key)).toEqual({ id });
    clock = 1000;
    expect(verifier.verify(key)).toBeNull();
    server.close();
    cli.close();
  });

  it("accepts a key created by another process on the first try after the miss window", () => {
    const path = join(mkdtempSync(join(tmpdir(), "confess-keys-")), "k.db");
    const server = openDatabase(path);
    const cli = openDatabase(path);
    let clock = 0;
    const verifier = createKeyVerifier(server, { cacheMs: 60_000, now: () => clock });
    expect(verifier.verify("ck-nothing-yet")).toBeNull();
    const { id, key } = createApiKey(cli, "late");
    clock = 200;
    expect(verifier.verify(key)).toEqual({ id });
    server.close();
    cli.close();
  });
});
