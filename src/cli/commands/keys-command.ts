import { existsSync } from "node:fs";
import type { Command } from "commander";
import type { CliIO } from "../io.ts";
import { textColumns } from "../text-columns.ts";

const DB_HELP = "SQLite database (default .confess/confess.db, or CONFESS_DB)";

/**
 * `confess keys create|list|revoke`: the client keys `confess serve` accepts. A key is printed once, at
 * creation; the store keeps only its hash, and nothing here prints a key or a hash again.
 *
 * @example
 * registerKeysCommand(program, io); // confess keys create --name ci
 */
export function registerKeysCommand(program: Command, io: CliIO): void {
  const keys = program
    .command("keys")
    .description("Create, list and revoke client keys for `confess serve`.");

  keys
    .command("create")
    .description("Create a client key and print it (only this once).")
    .requiredOption("--name <name>", "who the key is for, e.g. a team or a service")
    .option("--db <path>", DB_HELP)
    .option("--json", "print JSON: id, name, key, prefix, created_at")
    .action(async (flags: { name: string; db?: string; json?: boolean }) => {
      const { openDatabase, resolveDbPath } = await import("../../store/open-database.ts");
      const { createApiKey } = await import("../../monitor/api-keys.ts");
      // the first key usually comes before any monitored request, so the database may not exist yet
      const db = openDatabase(resolveDbPath(flags.db, io.env));
      try {
        const { key, info } = createApiKey(db, flags.name);
        if (flags.json) {
          const out = { id: info.id, name: info.name, key, prefix: info.prefix, created_at: info.createdAt };
          return io.stdout(`${JSON.stringify(out, null, 2)}\n`);
        }
        io.stdout(
          `created client key ${info.id} for "${info.name}":\n\n  ${key}\n\n` +
            "Copy it now: it cannot be shown again (only its hash is stored). " +
            `Clients send it as \`Authorization: Bearer <key>\`; revoke it with \`confess keys revoke ${info.id}\`.\n`,
        );
      } finally {
        db.close();
      }
    });

  keys
    .command("list")
    .description("List client keys: id, name, first characters, created, revoked.")
    .option("--db <path>", DB_HELP)
    .option("--json", "print JSON")
    .action(async (flags: { db?: string; json?: boolean }) => {
      const { resolveDbPath } = await import("../../store/open-database.ts");
      const { listApiKeys } = await import("../../monitor/api-keys.ts");
      const { withStore } = await import("./with-store.ts");
      // no database yet simply means no keys yet
      const list = existsSync(resolveDbPath(flags.db, io.env))
        ? withStore(flags.db, io, (store) => listApiKeys(store.db))
        : [];
      if (flags.json) {
        const out = list.map((k) => ({
          id: k.id,
          name: k.name,
          prefix: k.prefix,
          created_at: k.createdAt,
          revoked_at: k.revokedAt,
        }));
        return io.stdout(`${JSON.stringify(out, null, 2)}\n`);
      }
      if (list.length === 0)
        return io.stdout("no client keys yet; create one with `confess keys create --name <name>`\n");
      const rows = list.map((k) => [
        k.id,
        k.name,
        `${k.prefix}…`,
        k.createdAt.slice(0, 19).replace("T", " "),
        k.revokedAt ? `revoked ${k.revokedAt.slice(0, 19).replace("T", " ")}` : "active",
      ]);
      const header = ["id", "name", "key", "created", "status"];
      io.stdout(textColumns(header, rows));
    });

  keys
    .command("revoke")
    .description("Revoke a client key; a running `confess serve` refuses it within a second.")
    .argument("<id>", "key id, as `confess keys list` shows it (key_…)")
    .option("--db <path>", DB_HELP)
    .action(async (id: string, flags: { db?: string }) => {
      const { resolveDbPath } = await import("../../store/open-database.ts");
      const { listApiKeys, revokeApiKey } = await import("../../monitor/api-keys.ts");
      const { withStore } = await import("./with-store.ts");
      const { UsageError } = await import("../../errors/confess-error.ts");
      const path = resolveDbPath(flags.db, io.env);
      if (!existsSync(path)) {
        throw new UsageError(
          `no key "${id}": there is no database at ${path} (pass --db or CONFESS_DB)`,
          "CONFESS_NOT_FOUND",
        );
      }
      withStore(flags.db, io, (store) => {
        const before = listApiKeys(store.db).find((k) => k.id === id);
        if (!before || !revokeApiKey(store.db, id)) {
          throw new UsageError(`no key "${id}"; \`confess keys list\` shows the ids`, "CONFESS_NOT_FOUND");
        }
        if (before.revokedAt)
          io.stdout(`key ${id} ("${before.name}") was already revoked on ${before.revokedAt}\n`);
        else io.stdout(`revoked key ${id} ("${before.name}"); clients using it are refused from now on\n`);
      });
    });
}
