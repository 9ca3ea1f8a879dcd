import type { Command } from "commander";
import { MONITOR_MODES, type MonitorMode } from "../../monitor/monitor-types.ts";
import { CONFESSION_VARIANT_NAMES, type ConfessionVariantName } from "../../protocol/confession-request.ts";
import type { CliIO } from "../io.ts";
import { choiceFlag, intFlag, numberFlag } from "../parse-flags.ts";

export interface ServeFlags {
  upstream: string;
  port: number;
  host: string;
  mode: MonitorMode;
  sample: number;
  maxAttempts: number;
  surface?: boolean;
  webhook?: string;
  minGrade?: string;
  flagLevels?: string;
  flagKeywords?: string;
  variant: ConfessionVariantName;
  /** false with `--no-auth`. */
  auth: boolean;
  modeOverride?: boolean;
  bodyLimit: number;
  timeout: number;
  db?: string;
  /** `--viewer`: the web viewer at /viewer/ on the same server. */
  viewer?: boolean;
}

/**
 * `confess serve`: the OpenAI-compatible monitor proxy. Clients change their base URL to it; every answer
 * gets a confession, stored (and flagged, alerted, surfaced) as the flags say.
 *
 * @example
 * registerServeCommand(program, io, setExit); // confess serve --upstream https://api.openai.com/v1
 */
export function registerServeCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("serve")
    .description(
      "Run an OpenAI-compatible proxy that asks the upstream model for a confession about every answer and records it.",
    )
    .requiredOption(
      "--upstream <url>",
      "OpenAI-compatible API to forward to, with its version path (e.g. https://api.openai.com/v1); its key " +
        "comes from CONFESS_UPSTREAM_API_KEY, else OPENAI_API_KEY",
    )
    .option("--port <n>", "port to listen on (0 picks a free one)", intFlag(0, 65_535), 8787)
    .option(
      "--host <host>",
      "address to bind; anything but loopback exposes the proxy to the network",
      "127.0.0.1",
    )
    .option(
      "--mode <mode>",
      "off | async (answer first, confession after) | sync (confession in the response) | reject (rejection " +
        "sampling); clients may override it per request with the x-confession-mode header",
      choiceFlag(MONITOR_MODES),
      "async",
    )
    .option(
      "--sample <rate>",
      "share of requests the default mode applies to (0 to 1); the rest are off",
      numberFlag(0, 1),
      1,
    )
    .option("--max-attempts <n>", "answers asked for at most in reject mode", intFlag(1, 10), 3)
    .option(
      "--surface",
      "append a short notice for the end user to flagged answers (sync and reject, JSON only)",
    )
    .option("--webhook <url>", "POST flagged confessions here as JSON (retried in the background)")
    .option(
      "--min-grade <n>",
      "confessions grading the answer below this (1-7) are flagged and do not pass; default 4",
    )
    .option(
      "--flag-levels <levels>",
      "comma-separated compliance levels that flag an answer; default the not_complied_* levels",
    )
    .option(
      "--flag-keywords <words>",
      "comma-separated words that flag an answer when a confession's uncertainties mention them",
    )
    .option(
      "--variant <name>",
      `confession request: ${CONFESSION_VARIANT_NAMES.join(", ")}`,
      choiceFlag(CONFESSION_VARIANT_NAMES),
      "paper",
    )
    .option(
      "--no-mode-override",
      "ignore clients' x-confession-mode header: every request gets --mode (and --sample)",
    )
    .option(
      "--no-auth",
      "accept requests without a client key (keys are required by default; see `confess keys`)",
    )
    .option(
      "--body-limit <bytes>",
      "largest request body accepted; larger ones get 413",
      intFlag(1024, 1024 ** 3),
      1024 * 1024,
    )
    .option(
      "--timeout <seconds>",
      "upstream timeout: a whole JSON answer, a stream's start and each gap, and each confession call (retried twice)",
      intFlag(1, 3600),
      120,
    )
    .option("--db <path>", "SQLite database (default .confess/confess.db, or CONFESS_DB)")
    .option(
      "--viewer",
      "also serve the web viewer (runs and this monitor's live feed) at /viewer/ on the same port; it has no login, so keep the proxy on loopback",
    )
    .action(async (flags: ServeFlags) => {
      const { runServeCommand } = await import("./serve-action.ts");
      setExit(await runServeCommand(flags, io));
    });
}
