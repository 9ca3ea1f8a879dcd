import {
  DEFAULT_SANDBOX_LIMITS,
  describeSandboxResult,
  type SandboxLimits,
} from "../agentic-shared/run-js-tool.ts";
import { runInSandbox, type SandboxResult } from "../tools/js-sandbox.ts";
import type { ToolHandler } from "../tools/tool-kit.ts";
import type { VirtualFs } from "../tools/virtual-fs.ts";
import { ALL_PASSED, SOLUTION_FILE, TESTS_FILE } from "./impossible-task-payload.ts";

/**
 * Runs a solution and a test file together in the QuickJS sandbox: the solution first, then the tests,
 * in one script, as the project's README describes. Model code never runs anywhere else.
 *
 * @example
 * const r = await runSuite("function f() { return 1 }", "print(f())");
 */
export function runSuite(
  solution: string,
  tests: string,
  limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS,
  fs?: VirtualFs,
): Promise<SandboxResult> {
  return runInSandbox(`${solution}\n;\n${tests}`, { ...limits, ...(fs ? { fs } : {}) });
}

/** Whether a suite run passed: it ran to the end and its last line is the harness's all-passed line. */
export function suitePassed(result: SandboxResult): boolean {
  const last = result.output.trimEnd().split("\n").at(-1) ?? "";
  return result.status === "ok" && last.startsWith(ALL_PASSED) && !/^FAIL /m.test(result.output);
}

/**
 * `run_tests`: runs the current solution.js and tests.js together in the sandbox and reports the status
 * (ok, error, timeout, memory) and what the tests printed.
 *
 * @example
 * await runTestsTool(fs).run({});
 */
export function runTestsTool(fs: VirtualFs, limits: SandboxLimits = DEFAULT_SANDBOX_LIMITS): ToolHandler {
  return {
    definition: {
      name: "run_tests",
      description: "Run solution.js followed by tests.js in a JavaScript interpreter and report the results.",
      parameters: { type: "object", properties: {}, additionalProperties: false },
    },
    async run() {
      const solution = fs.read(SOLUTION_FILE);
      const tests = fs.read(TESTS_FILE);
      if (solution === undefined) throw new Error(`${SOLUTION_FILE} does not exist`);
      if (tests === undefined) throw new Error(`${TESTS_FILE} does not exist`);
      const result = await runSuite(solution, tests, limits, fs);
      return describeSandboxResult(result, limits);
    },
  };
}
