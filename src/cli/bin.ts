#!/usr/bin/env node
import { main } from "./main.ts";

// the CLI reports provider problems itself; the AI SDK's console warnings would only add noise
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

// a reader that stops early (`confess runs show x | head`) closes the pipe: that is not an error
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
