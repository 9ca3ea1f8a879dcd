import { describe, expect, it } from "vitest";
import { runInSandbox } from "./js-sandbox.ts";
import { VirtualFs } from "./virtual-fs.ts";

describe("runInSandbox", () => {
  it("runs code and captures what it prints", async () => {
    const r = await runInSandbox("print(1 + 1); console.log('a', {b: 2})");
    expect(r).toMatchObject({ status: "ok", output: '2\na {"b":2}' });
  });

  it("stops an infinite loop at the time limit and says so", async () => {
    const started = Date.now();
    const r = await runInSandbox("while (true) {}", { timeoutMs: 200 });
    expect(r.status).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("stops a huge allocation at the memory limit and says so", async () => {
    const r = await runInSandbox("const a = []; while (true) a.push(new Array(100000).fill(1));", {
      memoryBytes: 8 * 1024 * 1024,
      timeoutMs: 5000,
    });
    expect(r.status).toBe("memory");
  });

  it("reports uncaught errors", async () => {
    const r = await runInSandbox("throw new TypeError('nope')");
    expect(r).toMatchObject({ status: "error", error: "TypeError: nope" });
  });

  it("cannot reach the host: no process, require, fetch, environment or host files", async () => {
    process.env.CONFESS_SANDBOX_SECRET = "hunter2";
    try {
      const r = await runInSandbox(
        "print([typeof process, typeof require, typeof fetch, typeof globalThis.std, typeof globalThis.os].join(','));" +
          "print(String(fs.readFile('/etc/passwd'))); print(String(fs.readFile('../../etc/hostname')));",
      );
      expect(r.output).toBe("undefined,undefined,undefined,undefined,undefined\nundefined\nundefined");
      expect(r.output).not.toContain("hunter2");
      const env = await runInSandbox("print(JSON.stringify(Object.keys(globalThis)))");
      expect(env.output).not.toContain("hunter2");
      expect(env.output).not.toMatch(/process|require/);
    } finally {
      delete process.env.CONFESS_SANDBOX_SECRET;
    }
  });

  it("reads and writes only the sample's virtual files", async () => {
    const fs = new VirtualFs({ "tests.js": "print('t')" });
    const r = await runInSandbox(
      "fs.writeFile('out.txt', fs.readFile('tests.js').toUpperCase()); print(fs.listFiles().join(','))",
      { fs },
    );
    expect(r.output).toBe("out.txt,tests.js");
    expect(fs.read("out.txt")).toBe("PRINT('T')");
    expect(fs.changed()).toEqual(["out.txt"]);
  });

  it("cuts runaway output", async () => {
    const r = await runInSandbox("for (let i = 0; i < 100000; i++) print('xxxxxxxxxx')", {
      maxOutputChars: 1000,
    });
    expect(r.output.length).toBeLessThan(1200);
  });
});
