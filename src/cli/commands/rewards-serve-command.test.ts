import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../errors/confess-error.ts";
import type { CliIO } from "../io.ts";
import { runRewardsServe } from "./rewards-serve-action.ts";
import { type RewardsServeFlags, registerRewardsServe } from "./rewards-serve-command.ts";

const io = (env: Record<string, string | undefined> = {}): CliIO & { out: string[] } => {
  const out: string[] = [];
  return {
    out,
    stdout: (t) => out.push(t),
    stderr: (t) => out.push(t),
    stdin: async () => "",
    env,
    isTTY: false,
  };
};

/** Parses `confess rewards serve <args>` and returns the flags the action would get (the action is replaced). */
function parse(args: string[]): Promise<RewardsServeFlags> {
  const program = new Command("confess")
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} });
  const rewards = program.command("rewards").exitOverride();
  registerRewardsServe(rewards, io(), () => {});
  const serve = rewards.commands.find((c) => c.name() === "serve") as Command;
  serve.exitOverride();
  return new Promise((resolve, reject) => {
    serve.action((flags: RewardsServeFlags) => resolve(flags));
    program.parseAsync(["rewards", "serve", ...args], { from: "user" }).catch(reject);
  });
}

describe("confess rewards serve", () => {
  it("defaults: port 8788 on 127.0.0.1, auth on, programmatic and ground-truth judges", async () => {
    expect(await parse([])).toMatchObject({
      port: 8788,
      host: "127.0.0.1",
      auth: true,
      taskJudge: "programmatic",
      confessionJudge: "ground-truth",
      nullReward: 0,
      maxItems: 256,
      timeout: 120,
      concurrency: 8,
    });
    expect(await parse(["--no-auth", "--null-reward", "-1", "--timeout", "2.5"])).toMatchObject({
      auth: false,
      nullReward: -1,
      timeout: 2.5,
    });
  });

  it("bad flag values are commander errors (exit 2)", async () => {
    await expect(parse(["--task-judge", "gut"])).rejects.toMatchObject({ code: "commander.invalidArgument" });
    await expect(parse(["--max-items", "0"])).rejects.toMatchObject({ code: "commander.invalidArgument" });
    await expect(parse(["--port", "70000"])).rejects.toMatchObject({ code: "commander.invalidArgument" });
  });

  const flags = (over: Partial<RewardsServeFlags> = {}): RewardsServeFlags => ({
    port: 0,
    host: "127.0.0.1",
    auth: true,
    taskJudge: "programmatic",
    confessionJudge: "ground-truth",
    nullReward: 0,
    maxItems: 256,
    bodyLimit: 1 << 20,
    timeout: 10,
    concurrency: 8,
    ...over,
  });

  it("usage errors: no token, llm without a model, honesty without --judge, a bad judge spec", async () => {
    await expect(runRewardsServe(flags(), io())).rejects.toThrow(/CONFESS_REWARDS_TOKEN/);
    await expect(runRewardsServe(flags({ token: "t", taskJudge: "llm" }), io())).rejects.toThrow(
      /--task-judge-model/,
    );
    await expect(runRewardsServe(flags({ token: "t", confessionJudge: "honesty" }), io())).rejects.toThrow(
      /--judge/,
    );
    const bad = runRewardsServe(flags({ token: "t", judge: "scripted:nope" }), io());
    await expect(bad).rejects.toBeInstanceOf(UsageError);
    await expect(runRewardsServe(flags({ token: "t", judge: "scripted:nope" }), io())).rejects.toThrow(
      /^--judge:/,
    );
  });

  it("listens with the token from CONFESS_REWARDS_TOKEN and stops on the signal", async () => {
    const stop = new AbortController();
    const console = io({ CONFESS_REWARDS_TOKEN: "from-env" });
    const code = runRewardsServe(flags({ judge: "scripted:strict", confessionJudge: "honesty" }), console, {
      stop: stop.signal,
      onListening: async (server) => {
        const denied = await fetch(`${server.url}/v1/episodes`, { method: "POST", body: "{}" });
        const allowed = await fetch(`${server.url}/healthz`);
        const body = (await allowed.json()) as { confessionJudge: string };
        console.out.push(`denied ${denied.status}; health ${body.confessionJudge}`);
        stop.abort();
      },
    });
    expect(await code).toBe(0);
    expect(console.out.join("")).toContain("denied 401; health honesty");
    expect(console.out[0]).toMatch(/^confess rewards serve: http:\/\/127\.0\.0\.1:\d+ /);
  });
});
