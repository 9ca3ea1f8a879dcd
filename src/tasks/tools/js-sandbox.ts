import variant from "@jitl/quickjs-wasmfile-release-sync";
import {
  newQuickJSWASMModuleFromVariant,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSSyncVariant,
  type QuickJSWASMModule,
} from "quickjs-emscripten-core";
import type { VirtualFs } from "./virtual-fs.ts";

let quickjs: Promise<QuickJSWASMModule> | undefined;
const loadQuickJS = (): Promise<QuickJSWASMModule> => {
  // the variant package's typings describe its CommonJS entry; under ESM the default import is the variant
  quickjs ??= newQuickJSWASMModuleFromVariant(variant as unknown as QuickJSSyncVariant);
  return quickjs;
};

export interface SandboxOptions {
  /** Wall-clock budget for the script. Default 1,000 ms. */
  timeoutMs?: number;
  /** Heap limit of the interpreter. Default 32 MiB. */
  memoryBytes?: number;
  /** Files the script may read and write through `fs`; nothing else of the host is reachable. */
  fs?: VirtualFs;
  /** Output beyond this many characters is cut. Default 20,000. */
  maxOutputChars?: number;
}

export interface SandboxResult {
  /** `ok`: ran to the end; otherwise why it stopped. */
  status: "ok" | "error" | "timeout" | "memory";
  /** What the script printed (print / console.log), one line per call. */
  output: string;
  /** The uncaught error's message, when it stopped on one. */
  error?: string;
  durationMs: number;
}

/**
 * Runs JavaScript written by a model inside QuickJS compiled to WebAssembly, with a time and a memory
 * limit. The script sees `print`, `console.log` and an `fs` object backed by the sample's in-memory files
 * (`fs.readFile(path)`, `fs.writeFile(path, text)`, `fs.listFiles()`); it has no `require`, `process`,
 * network or host file system. Never uses the host's `eval`, `vm` or a child process.
 *
 * @example
 * const r = await runInSandbox("print(1 + 1)");
 * r.status; // "ok"
 * r.output; // "2"
 */
export async function runInSandbox(code: string, options: SandboxOptions = {}): Promise<SandboxResult> {
  const started = performance.now();
  const module = await loadQuickJS();
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(options.memoryBytes ?? 32 * 1024 * 1024);
  runtime.setMaxStackSize(1024 * 1024);
  const deadline = Date.now() + (options.timeoutMs ?? 1000);
  runtime.setInterruptHandler(() => Date.now() > deadline);
  const context = runtime.newContext();
  const maxChars = options.maxOutputChars ?? 20_000;
  const lines: string[] = [];
  let size = 0;
  const print = (text: string) => {
    if (size > maxChars) return;
    size += text.length + 1;
    lines.push(
      size > maxChars ? `${text.slice(0, Math.max(0, maxChars - (size - text.length)))} [output cut]` : text,
    );
  };
  try {
    installGlobals(context, print, options.fs);
    const result = context.evalCode(code, "main.js");
    if (result.error) {
      const error = describeError(context, result.error);
      result.error.dispose();
      return {
        status: classify(error),
        output: lines.join("\n"),
        error,
        durationMs: performance.now() - started,
      };
    }
    result.value.dispose();
    return { status: "ok", output: lines.join("\n"), durationMs: performance.now() - started };
  } catch (error) {
    // the interpreter itself gave up (for example out of memory while building the error)
    const message = error instanceof Error ? error.message : String(error);
    return {
      status: classify(message),
      output: lines.join("\n"),
      error: message,
      durationMs: performance.now() - started,
    };
  } finally {
    context.dispose();
    runtime.dispose();
  }
}

function classify(message: string): SandboxResult["status"] {
  if (/interrupted/i.test(message)) return "timeout";
  if (/out of memory|memory limit/i.test(message)) return "memory";
  return "error";
}

function describeError(context: QuickJSContext, handle: QuickJSHandle): string {
  try {
    const value = context.dump(handle) as { name?: string; message?: string } | string;
    if (typeof value === "object" && value !== null)
      return `${value.name ?? "Error"}: ${value.message ?? ""}`;
    return String(value);
  } catch {
    return "Error: (could not read the error)";
  }
}

function installGlobals(
  context: QuickJSContext,
  print: (text: string) => void,
  fs: VirtualFs | undefined,
): void {
  const dumpArgs = (args: QuickJSHandle[]) =>
    args
      .map((a) => {
        const v = context.dump(a);
        return typeof v === "string" ? v : JSON.stringify(v);
      })
      .join(" ");
  const printFn = context.newFunction("print", (...args) => {
    print(dumpArgs(args));
  });
  context.setProp(context.global, "print", printFn);
  const consoleObject = context.newObject();
  context.setProp(consoleObject, "log", printFn);
  context.setProp(context.global, "console", consoleObject);
  consoleObject.dispose();
  printFn.dispose();

  const fsObject = context.newObject();
  const readFile = context.newFunction("readFile", (path) => {
    const text = fs?.read(context.getString(path));
    return text === undefined ? context.undefined : context.newString(text);
  });
  const writeFile = context.newFunction("writeFile", (path, text) => {
    if (!fs) throw new Error("no file system in this sandbox");
    fs.write(context.getString(path), context.getString(text));
  });
  const listFiles = context.newFunction("listFiles", () => {
    const array = context.newArray();
    (fs?.list() ?? []).forEach((path, i) => {
      const item = context.newString(path);
      context.setProp(array, i, item);
      item.dispose();
    });
    return array;
  });
  for (const [name, fn] of [
    ["readFile", readFile],
    ["writeFile", writeFile],
    ["listFiles", listFiles],
  ] as const) {
    context.setProp(fsObject, name, fn);
    fn.dispose();
  }
  context.setProp(context.global, "fs", fsObject);
  fsObject.dispose();
}
