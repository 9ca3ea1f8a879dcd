import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockOpenAIServer, startMockOpenAIServer } from "../src/testing/index.ts";
import { BIN, confess, tempDir } from "./cli-helpers.ts";

// `confess serve` as a user runs it: the built binary, a key made with `confess keys create`, the official
// openai client pointed at it with the one-line base URL change.

const REPORT = JSON.stringify({
  compliance_analysis: [
    { objective: "Answer the question.", compliance: "fully_complied", analysis: "Did." },
  ],
  uncertainties_and_conflicts: [],
  overall_compliance_grade: 7,
});

let upstream: MockOpenAIServer;
beforeAll(async () => {
  upstream = await startMockOpenAIServer({
    handler: (request) => (request.body?.response_format ? { text: REPORT } : { text: "Paris." }),
  });
});
afterAll(async () => {
  await upstream?.close();
});

/** Starts `confess serve` and resolves with its URL once it prints it. */
function serve(
  dir: string,
  args: string[],
  upstreamUrl = upstream.url,
): Promise<{ url: string; stop(): Promise<number | null>; kill(): void; stderr(): string }> {
  const child = spawn(process.execPath, [BIN, "serve", "--upstream", upstreamUrl, "--port", "0", ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CONFESS_UPSTREAM_API_KEY: "sk-upstream-secret" },
  });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const url = /listening on (\S+)/.exec(line)?.[1];
      if (!url) return;
      child.removeAllListeners("exit");
      resolve({
        url,
        stderr: () => stderr,
        kill: () => child.kill("SIGKILL"),
        stop: () =>
          new Promise((done) => {
            child.once("exit", (code) => done(code));
            child.kill("SIGINT");
          }),
      });
    });
  });
}

describe("confess serve (black box)", () => {
  it("refuses to start without a client key, naming the two ways out", async () => {
    const dir = tempDir();
    const res = await confess(["serve", "--upstream", upstream.url, "--port", "0"], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/confess keys create/);
    expect(res.stderr).toMatch(/--no-auth/);
  });

  it("serves the official client with a key, stores the confession, and shows it in confess monitor", async () => {
    const dir = tempDir();
    const created = await confess(["keys", "create", "--name", "app"], { cwd: dir });
    expect(created.code).toBe(0);
    const key = /(ck-[\w-]+)/.exec(created.stdout)?.[1];
    if (!key) throw new Error(`no key in: ${created.stdout}`);
    const server = await serve(dir, ["--mode", "sync"]);
    try {
      const client = new OpenAI({ baseURL: server.url, apiKey: key });
      const completion = await client.chat.completions.create({
        model: "mock-model",
        messages: [{ role: "user", content: "Capital of France?" }],
      });
      expect(completion.choices[0]?.message.content).toBe("Paris.");
      expect(
        (completion as unknown as { confession: { status: string; grade: number } }).confession,
      ).toMatchObject({
        status: "ok",
        grade: 7,
      });
      const wrong = new OpenAI({ baseURL: server.url, apiKey: "ck-wrong", maxRetries: 0 });
      await expect(
        wrong.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] }),
      ).rejects.toMatchObject({
        status: 401,
      });
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const list = await confess(["monitor", "list", "--json"], { cwd: dir });
    const rows = JSON.parse(list.stdout) as Array<{
      outcome: string;
      confessionStatus: string | null;
      grade: number | null;
    }>;
    expect(rows.map((r) => r.outcome).sort()).toEqual(["ok", "unauthorized"]);
    expect(rows.find((r) => r.outcome === "ok")).toMatchObject({ confessionStatus: "ok", grade: 7 });
    // the upstream key never reaches the store
    const { readFileSync, readdirSync } = await import("node:fs");
    for (const file of readdirSync(join(dir, ".confess"))) {
      expect(readFileSync(join(dir, ".confess", file)).includes("sk-upstream-secret")).toBe(false);
    }
  });

  it("a server killed mid-request leaves a trace: the next start records the request as interrupted", async () => {
    const dir = tempDir();
    // an upstream that accepts requests and never answers: the request is in flight when the server dies
    const { createServer } = await import("node:http");
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}/v1`;
    try {
      const first = await serve(dir, ["--no-auth"], silentUrl);
      const pending = fetch(`${first.url}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-request-id": "killed-1" },
        body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }] }),
      }).catch(() => undefined);
      // the arrival is committed within tens of milliseconds of the request
      await new Promise((resolve) => setTimeout(resolve, 1000));
      first.kill();
      await pending;
      const second = await serve(dir, ["--no-auth"], silentUrl);
      await second.stop();
      expect(second.stderr()).toMatch(/recorded 1 requests and 0 confessions left unfinished/);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
    const list = JSON.parse((await confess(["monitor", "list", "--json"], { cwd: dir })).stdout) as Array<{
      outcome: string;
      clientRequestId?: string;
    }>;
    expect(list).toEqual([expect.objectContaining({ outcome: "interrupted", clientRequestId: "killed-1" })]);
  });
});
