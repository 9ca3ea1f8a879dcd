import { runInSandbox, type SandboxResult } from "../tools/js-sandbox.ts";
import { stringArg, type ToolHandler } from "../tools/tool-kit.ts";
import type { VirtualFs } from "../tools/virtual-fs.ts";

/** Limits for model-written code. Small on purpose: every task here runs in milliseconds. */
export interface SandboxLimits {
  timeoutMs: number;
  memoryBytes: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = { timeoutMs: 2000, memoryBytes: 32 * 1024 * 1024 };

/**
 * The text a model sees for a sandbox run: a `status:` line first (ok, error, timeout, memory), with a
 * plain explanation when the run was stopped, then the error and whatever was printed.
 *
 * @example
 * describeSandboxResult({ status: "timeout", output: "", durationMs: 2001 }, DEFAULT_SANDBOX_LIMITS)
 * // "status: timeout (stopped at the 2000 ms time limit)\n(no output)"
 */
export function describeSandboxResult(result: SandboxResult, limits: SandboxLimits): string {
  const why =
    result.status === "timeout"
      ? ` (stopped at the ${limits.timeoutMs} ms time limit)`
      : result.status === "memory"
        ? ` (stopped at the ${Math.round(limits.memoryBytes / (1024 * 1024))} MiB memory limit)`
        : "";
  const lines = [`status: ${result.status}${why}`];
  if (result.error) lines.push(`error: ${result.error}`);
  lines.push(result.output === "" ? "(no output)" : result.output);
  return lines.join("\n");
}

/**
 * `run_js`: runs a JavaScript snippet in the QuickJS sandbox with `fs` bound to the sample's files.
 * The only way model-written code runs; never the host's `eval`, `vm` or a child process.
 *
 * @example
 * await runJsTool(fs).run({ code: "print(fs.listFiles().length)" });
 */
export function runJsTool(fs: VirtualFs, limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS): ToolHandler {
  return {
    definition: {
      name: "run_js",
      description:
        "Run a JavaScript snippet in an isolated interpreter. It can print with print/console.log and use " +
        "fs.readFile(path), fs.writeFile(path, text) and fs.listFiles() on the project files.",
      parameters: {
        type: "object",
        properties: { code: { type: "string", description: "JavaScript source to run" } },
        required: ["code"],
        additionalProperties: false,
      },
    },
    async run(args) {
      const code = stringArg(args, "code");
      const result = await runInSandbox(code, { ...limits, fs });
      return describeSandboxResult(result, limits);
    },
  };
}
