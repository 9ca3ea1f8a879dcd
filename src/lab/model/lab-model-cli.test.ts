import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { CliIO } from "../../cli/io.ts";
import { main } from "../../cli/main.ts";
import { ConfessStore } from "../../store/confess-store.ts";
import { tinyLabPolicy, writeLabCheckpoint } from "./tiny-lab-checkpoint.ts";

const dir = mkdtempSync(join(tmpdir(), "lab-model-cli-"));
const checkpoint = join(dir, "step-0000.json");
writeLabCheckpoint(checkpoint, tinyLabPolicy({ steps: 10, seed: 2 }).policy);

const io = (): CliIO & { out: string[]; err: string[] } => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    stdin: async () => "",
    env: {},
    isTTY: false,
  };
};

const stores: ConfessStore[] = [];
afterAll(() => {
  for (const store of stores) store.close();
});

describe("confess eval --model lab:<checkpoint>", () => {
  const db = join(dir, "confess.db");
  const common = ["--suite", "word-count", "--samples", "3", "--db", db, "--no-progress", "--json"];
  const fits = ["--targets", "4,6,4,6,4", "--bracket-labels"];

  it("evaluates a lab checkpoint like any model", async () => {
    const ok = io();
    expect(
      await main(["eval", ...common, ...fits, "--model", `lab:${checkpoint}`, "--run", "lab-cli"], ok),
    ).toBe(0);
    expect(ok.err.join("")).toBe("");
    const summary = JSON.parse(ok.out.join(""));
    const id = `lab:${basename(dirname(checkpoint))}/step-0000.json`;
    expect(JSON.stringify(summary)).toContain(id);
    const store = ConfessStore.open(db);
    stores.push(store);
    const samples = [...store.samples("lab-cli")];
    expect(samples).toHaveLength(3);
    for (const s of samples) {
      expect(s.model).toBe(id);
      expect(s.case.payload).toMatchObject({ targets: [4, 6, 4, 6, 4], bracketLabels: true });
      expect(s.confession.status).toBe("ok");
    }
  });

  it.each([
    [
      "a missing checkpoint",
      () => [...fits, "--model", `lab:${join(dir, "none.json")}`],
      /no checkpoint file at .*none\.json/,
    ],
    [
      "a file that is not JSON",
      () => {
        const path = join(dir, "bad.json");
        writeFileSync(path, "step 12, loss 0.3");
        return [...fits, "--model", `lab:${path}`];
      },
      /bad\.json is not valid JSON/,
    ],
    [
      "targets the world cannot take",
      () => ["--model", `lab:${checkpoint}`],
      /cannot take the targets 12,18,12,18,12.*--targets/,
    ],
    ["an empty path", () => ["--model", "lab:"], /missing model name after the colon/],
  ])("exits 2 on %s, saying what to fix", async (_what, args, message) => {
    const bad = io();
    expect(await main(["eval", ...common, ...args()], bad)).toBe(2);
    expect(bad.err.join("")).toMatch(message);
  });
});
