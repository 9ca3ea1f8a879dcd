import { existsSync } from "node:fs";
import { UsageError } from "../../errors/confess-error.ts";
import { ConfessStore } from "../../store/confess-store.ts";
import { resolveDbPath } from "../../store/open-database.ts";
import type { CliIO } from "../io.ts";

/**
 * Opens an existing store; a missing file is a usage error, not a new empty store. The caller closes it.
 */
export function openExistingStore(flag: string | undefined, io: CliIO): ConfessStore {
  const path = resolveDbPath(flag, io.env);
  if (!existsSync(path)) {
    throw new UsageError(
      `no database at ${path}; run \`confess eval\` first or pass --db / CONFESS_DB`,
      "CONFESS_NOT_FOUND",
    );
  }
  return ConfessStore.open(path);
}

/** Opens an existing store for reading commands and closes it after `fn`. */
export function withStore<T>(flag: string | undefined, io: CliIO, fn: (store: ConfessStore) => T): T {
  const store = openExistingStore(flag, io);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}
