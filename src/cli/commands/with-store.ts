import { existsSync } from "node:fs";
import { UsageError } from "../../errors/confess-error.ts";
import { ConfessStore } from "../../store/confess-store.ts";
import { resolveDbPath } from "../../store/open-database.ts";
import type { CliIO } from "../io.ts";

/** Opens an existing store for reading commands; a missing file is a usage error, not a new empty store. */
export function withStore<T>(flag: string | undefined, io: CliIO, fn: (store: ConfessStore) => T): T {
  const path = resolveDbPath(flag, io.env);
  if (!existsSync(path)) {
    throw new UsageError(
      `no database at ${path}; run \`confess eval\` first or pass --db / CONFESS_DB`,
      "CONFESS_NOT_FOUND",
    );
  }
  const store = ConfessStore.open(path);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}
