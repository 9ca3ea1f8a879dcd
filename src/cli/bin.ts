#!/usr/bin/env node
import { main } from "./main.ts";

// the CLI reports provider problems itself; the AI SDK's console warnings would only add noise
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

process.exitCode = await main(process.argv.slice(2));
