import type { Command } from "commander";
import type { CliIO } from "../io.ts";
import { intFlag } from "../parse-flags.ts";

export interface ViewFlags {
  db?: string;
  port: number;
  host: string;
}

/**
 * `confess view`: the browser viewer for runs, samples, comparisons and the monitor.
 *
 * @example
 * registerViewCommand(program, io, setExit); // confess view --port 4873
 */
export function registerViewCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("view")
    .description(
      "Open the web viewer: runs, confusion matrices, samples with their confessions and verdicts, comparisons and the monitor.",
    )
    .option("--db <path>", "SQLite database (default .confess/confess.db, or CONFESS_DB)")
    .option("--port <n>", "port to listen on (0 picks a free one)", intFlag(0, 65_535), 4873)
    .option(
      "--host <host>",
      "address to bind; anything but loopback exposes your runs to the network",
      "127.0.0.1",
    )
    .action(async (flags: ViewFlags) => {
      const { runViewCommand } = await import("./view-action.ts");
      setExit(await runViewCommand(flags, io));
    });
}
