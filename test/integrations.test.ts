// Checks the Python adapters in integrations/ against the reward service's wire contract: each file compiles,
// and every request its `--print-requests` self-check would send has a known route and a body the service's
// zod schema accepts.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  confessionRewardRequestSchema,
  engineLabelSchema,
  episodesRequestSchema,
  nemoSeedRequestSchema,
  nemoVerifyRequestSchema,
  openrlhfRequestSchema,
  slimeRequestSchema,
  taskRewardRequestSchema,
} from "../src/training/reward-api.ts";
import { type RewardServer, startRewardServer } from "../src/training/service/start-reward-server.ts";

const ROOT = join(import.meta.dirname, "..");
const INTEGRATIONS = join(ROOT, "integrations");

/** The service's routes (reward-api.ts): method + path → the schema its body must satisfy. */
const ROUTES: Record<string, z.ZodType> = {
  "POST /v1/rewards/task": taskRewardRequestSchema,
  "POST /v1/rewards/confession": confessionRewardRequestSchema,
  "POST /v1/episodes": episodesRequestSchema,
  "POST /openrlhf/reward": openrlhfRequestSchema,
  "POST /slime/reward": slimeRequestSchema,
  "POST /nemo-gym/seed_session": nemoSeedRequestSchema,
  "POST /nemo-gym/verify": nemoVerifyRequestSchema,
};

interface PrintedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

function adapterFiles(): string[] {
  const files: string[] = [];
  for (const engine of readdirSync(INTEGRATIONS)) {
    const dir = join(INTEGRATIONS, engine);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir)) if (name.endsWith(".py")) files.push(join(dir, name));
  }
  return files.sort();
}

function python(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync("python3", args, {
    cwd: ROOT,
    encoding: "utf8",
    // No __pycache__ beside the adapters, and no service address leaking in from the environment.
    env: { PATH: process.env.PATH ?? "", PYTHONDONTWRITEBYTECODE: "1" },
  });
  if (result.error) throw new Error(`python3 is required for these checks: ${result.error.message}`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Problems with one printed request, empty when it matches the contract. */
function contractProblems(request: PrintedRequest): string[] {
  const path = request.path.split("?")[0] ?? "";
  const schema = ROUTES[`${request.method} ${path}`];
  if (!schema) return [`${request.method} ${request.path} is not a route of the reward service`];
  const problems: string[] = [];
  const parsed = schema.safeParse(request.body);
  if (!parsed.success) problems.push(...parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  if (path === "/openrlhf/reward" && parsed.success) {
    for (const label of (request.body as { labels: string[] }).labels) {
      const result = engineLabelSchema.safeParse(JSON.parse(label));
      if (!result.success)
        problems.push(...result.error.issues.map((i) => `label ${i.path.join(".")}: ${i.message}`));
    }
  }
  const auth = request.headers.Authorization;
  if (auth !== undefined && auth !== "Bearer <token>") problems.push("the token value is printed");
  if (request.path.includes("token=") && !request.path.includes("token=<token>"))
    problems.push("the token value is printed in the query");
  return problems;
}

describe("contractProblems", () => {
  it("rejects an unknown route, a bad body and a printed token", () => {
    expect(contractProblems({ method: "GET", path: "/v1/rewards/task", headers: {}, body: {} })).toEqual([
      "GET /v1/rewards/task is not a route of the reward service",
    ]);
    const bad = contractProblems({
      method: "POST",
      path: "/v1/rewards/task",
      headers: { Authorization: "Bearer s3cret" },
      body: { items: [{ task: "word-count", case: { id: "c", messages: [] }, answer: "a" }] },
    });
    expect(bad).toContain("items.0.case.messages: Too small: expected array to have >=1 items");
    expect(bad).toContain("the token value is printed");
  });
});

describe("python adapters", () => {
  it("python3 is installed", () => {
    expect(python(["--version"]).stdout).toMatch(/^Python 3\./);
  });

  const files = adapterFiles();
  it("covers every engine the brief names", () => {
    expect(files.map((f) => f.slice(INTEGRATIONS.length + 1).split("/")[0])).toEqual([
      "openrlhf",
      "trl",
      "verifiers",
      "verl",
    ]);
  });

  const cacheDir = mkdtempSync(join(tmpdir(), "confess-pyc-"));
  for (const file of files) {
    const name = file.slice(INTEGRATIONS.length + 1);
    describe(name, () => {
      it("compiles", () => {
        const code = `import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)`;
        const result = python(["-c", code, file, join(cacheDir, `${name.replaceAll("/", "_")}c`)]);
        expect(result.stderr).toBe("");
        expect(result.status).toBe(0);
      });

      it("sends only requests the reward service accepts", () => {
        const result = python([file, "--print-requests"]);
        expect(result.status, result.stderr).toBe(0);
        const lines = result.stdout.split("\n").filter((line) => line.trim() !== "");
        expect(lines.length).toBeGreaterThan(0);
        const requests = lines.map((line) => JSON.parse(line) as PrintedRequest);
        const problems = requests.flatMap((r) => contractProblems(r).map((p) => `${r.path}: ${p}`));
        expect(problems).toEqual([]);
        // Each adapter scores with the endpoints its design needs (task and confession streams).
        const paths = new Set(requests.map((r) => r.path.split("?")[0]));
        expect(paths.has("/v1/rewards/task") || paths.has("/openrlhf/reward")).toBe(true);
        expect(paths.has("/v1/rewards/confession")).toBe(true);
      });
    });
  }

  it("an adapter imports without its engine installed", () => {
    const out = execFileSync(
      "python3",
      [
        "-c",
        "import importlib.util, sys\nfor f in sys.argv[1:]:\n  s = importlib.util.spec_from_file_location('m', f)\n  m = importlib.util.module_from_spec(s); s.loader.exec_module(m)\nprint('ok')",
        ...files,
      ],
      { cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH ?? "", PYTHONDONTWRITEBYTECODE: "1" } },
    );
    expect(out.trim()).toBe("ok");
  });
});

/** Runs `body` (Python) with the adapter of `engine` loaded as `m`; returns what it prints, parsed as JSON. */
function driveAdapter(engine: string, body: string[]): unknown {
  const dir = join(INTEGRATIONS, engine);
  const file = join(dir, readdirSync(dir).find((name) => name.endsWith(".py")) ?? "");
  const code = [
    "import asyncio, importlib.util, json, sys",
    "s = importlib.util.spec_from_file_location('m', sys.argv[1]); m = importlib.util.module_from_spec(s); s.loader.exec_module(m)",
    "lines = []",
    "client = m.RewardClient(url='http://127.0.0.1:9', token='t', transport=m._recording_transport(lines))",
    "def sent(path): return [l['body']['items'][0] for l in lines if l['path'] == path]",
    "case = m.EXAMPLE_CASE",
    "stored = 'STORED ANSWER'",
    "exported = {'task': 'word-count', 'case': case, 'mode': 'confession', 'answer': stored}",
    "on_policy = {'task': 'word-count', 'case': case, 'mode': 'confession'}",
    "conf_messages = case['messages'] + [{'role': 'assistant', 'content': stored}, {'role': 'system', 'content': 'x_c'}]",
    ...body,
  ].join("\n");
  const result = python(["-c", code, file]);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

// A confession row exported from a stored run (`confess rewards export`) has prompt x + y + x_c and a label
// with the stored y: the adapter must generate once (the confession) and score it about the stored y. A row
// without `answer` (on-policy, prompt x) still generates y, asks for x_c, then generates y_c.
describe("confession rows: exported (label.answer) and on-policy", () => {
  it("trl: make_rollout_func generates an exported row once and reports the stored answer", () => {
    const out = driveAdapter("trl", [
      "tok = m._FakeTokenizer(); calls = []; texts = ['MY CONFESSION', 'Y FRESH', 'MY CONFESSION']",
      "def gen(batch):",
      "  calls.append(len(batch)); t = texts.pop(0)",
      "  return [([ord(c) for c in t], [0.0] * len(t), 'stop') for _ in batch]",
      "rows = [{'prompt': conf_messages, 'mode': 'confession', 'label': json.dumps(exported)},",
      "        {'prompt': case['messages'], 'mode': 'confession', 'label': json.dumps(on_policy)}]",
      "rollout = m.make_rollout_func(rows, tok, gen, client)",
      "a = rollout([conf_messages]); a_calls = list(calls); a_paths = [l['path'] for l in lines]",
      "b = rollout([case['messages']])",
      "print(json.dumps({'exported': {'generations': a_calls, 'answer': a['answer'], 'completion': tok.decode(a['completion_ids'][0]),",
      "  'prompt_is_row': a['prompt_ids'][0] == tok.apply_chat_template(conf_messages, add_generation_prompt=True), 'requests': a_paths},",
      "  'on_policy': {'generations': calls[len(a_calls):], 'answer': b['answer'], 'completion': tok.decode(b['completion_ids'][0]),",
      "  'episodes_answer': [i['answer'] for i in sent('/v1/episodes')]}}))",
    ]);
    expect(out).toEqual({
      exported: {
        generations: [1],
        answer: ["STORED ANSWER"],
        completion: "MY CONFESSION",
        prompt_is_row: true,
        requests: [],
      },
      on_policy: {
        generations: [1, 1],
        answer: ["Y FRESH"],
        completion: "MY CONFESSION",
        episodes_answer: ["Y FRESH"],
      },
    });
  });

  it("openrlhf: AgentExecutor.execute confesses once on an exported row, about the stored answer", () => {
    const out = driveAdapter("openrlhf", [
      "tok = m._FakeTokenizer(); ex = m.AgentExecutor(client=client)",
      "def run(prompt, label, texts):",
      "  engine = m._FakeEngine(texts); n = len(texts)",
      "  o = asyncio.run(ex.execute(prompt, json.dumps(label), m._Params(), 4096, tok, engine))",
      "  (a, b), = o['action_ranges']",
      "  return {'generations': n - len(engine.texts), 'trained': tok.decode(o['observation_tokens'][a:b]), 'starts_at_prompt_end': a == len(prompt)}",
      "x = tok.apply_chat_template(case['messages'], add_generation_prompt=True)",
      "xyc = tok.apply_chat_template(conf_messages, add_generation_prompt=True)",
      "e = run(xyc, exported, ['MY CONFESSION', 'EXTRA'])",
      "e['answers_scored'] = [i['answer'] for i in sent('/v1/rewards/confession')]; e['episodes'] = len(sent('/v1/episodes'))",
      "del lines[:]",
      "p = run(x, on_policy, ['Y FRESH', 'MY CONFESSION'])",
      "p['answers_scored'] = [i['answer'] for i in sent('/v1/rewards/confession')]; p['episodes'] = len(sent('/v1/episodes'))",
      "print(json.dumps({'exported': e, 'on_policy': p}))",
    ]);
    expect(out).toEqual({
      exported: {
        generations: 1,
        trained: "MY CONFESSION",
        starts_at_prompt_end: true,
        answers_scored: ["STORED ANSWER"],
        episodes: 0,
      },
      on_policy: {
        generations: 2,
        trained: "MY CONFESSION",
        starts_at_prompt_end: false,
        answers_scored: ["Y FRESH"],
        episodes: 1,
      },
    });
  });

  it("verl: confession_rollout generates an exported row once; compute_score scores the stored answer", () => {
    const out = driveAdapter("verl", [
      "def run(messages, label, texts):",
      "  agent = m._FakeAgent(texts)",
      "  row = {'raw_prompt': messages, 'reward_model': {'ground_truth': json.dumps(label)}}",
      "  o = asyncio.run(m.confession_rollout(agent, {}, client=client, **row))",
      "  m.compute_score('confessional/word-count', agent.tokenizer.decode(o['response_ids']), json.dumps(label), o['extra_fields'], client=client)",
      "  r = {'generations': agent.generated, 'response': agent.tokenizer.decode(o['response_ids']), 'episodes': len(sent('/v1/episodes')),",
      "       'answers_scored': [i['answer'] for i in sent('/v1/rewards/confession')]}",
      "  del lines[:]; return r",
      "print(json.dumps({'exported': run(conf_messages, exported, ['MY CONFESSION', 'EXTRA']),",
      "  'on_policy': run(case['messages'], on_policy, ['Y FRESH', 'MY CONFESSION'])}))",
    ]);
    expect(out).toEqual({
      exported: { generations: 1, response: "MY CONFESSION", episodes: 0, answers_scored: ["STORED ANSWER"] },
      on_policy: { generations: 2, response: "MY CONFESSION", episodes: 1, answers_scored: ["Y FRESH"] },
    });
  });

  it("verifiers: run_episode runs only the confessor on an exported row, about the stored answer", () => {
    const out = driveAdapter("verifiers", [
      "def run(messages, label, texts):",
      "  agents = m._FakeAgents(texts)",
      "  asyncio.run(m.run_episode(m._FakeTask(label, messages), agents, client))",
      "  r = {'seats': agents.runs, 'confessor_prompt_is_row': agents.prompts[-1] == messages, 'episodes': len(sent('/v1/episodes')),",
      "       'answers_scored': [i['answer'] for i in sent('/v1/rewards/confession')]}",
      "  del lines[:]; return r",
      "print(json.dumps({'exported': run(conf_messages, exported, ['MY CONFESSION', 'EXTRA']),",
      "  'on_policy': run(case['messages'], on_policy, ['Y FRESH', 'MY CONFESSION'])}))",
    ]);
    expect(out).toEqual({
      exported: {
        seats: ["confessor"],
        confessor_prompt_is_row: true,
        episodes: 0,
        answers_scored: ["STORED ANSWER"],
      },
      on_policy: {
        seats: ["solver", "confessor"],
        confessor_prompt_is_row: false,
        episodes: 1,
        answers_scored: ["Y FRESH"],
      },
    });
  });
});

describe("the adapters against the running reward service", () => {
  const token = "tok-integrations";
  let server: RewardServer;
  beforeAll(async () => {
    server = await startRewardServer({ token, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  for (const file of adapterFiles()) {
    const name = file.slice(INTEGRATIONS.length + 1);
    it(`${name}: every request it sends is answered 200 with rewards`, async () => {
      const result = python([file, "--print-requests"]);
      expect(result.status, result.stderr).toBe(0);
      const requests = result.stdout
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => JSON.parse(line) as PrintedRequest);
      for (const request of requests) {
        const path = request.path.split("?")[0] ?? "";
        const response = await fetch(`${server.url}${path}`, {
          method: request.method,
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify(request.body),
        });
        const body = (await response.json()) as Record<string, unknown>;
        expect(response.status, `${path}: ${JSON.stringify(body)}`).toBe(200);
        if (path.startsWith("/v1/rewards/")) {
          const items = body.items as Array<{ reward: number | null; status: string }>;
          expect(items.length).toBe((request.body as { items: unknown[] }).items.length);
        }
      }
    });
  }

  it("verl's compute_score refuses a dual-span row instead of scoring it as a task row", () => {
    const file = join(INTEGRATIONS, "verl", "confessional_verl.py");
    const code = [
      "import importlib.util, json, sys",
      "s = importlib.util.spec_from_file_location('m', sys.argv[1]); m = importlib.util.module_from_spec(s); s.loader.exec_module(m)",
      "label = json.dumps({'task': 'word-count', 'case': m.EXAMPLE_CASE, 'mode': 'task'})",
      "sent = []",
      "client = m.RewardClient(url='http://127.0.0.1:9', token='t', transport=lambda *a: sent.append(a) or {'items': [{'reward': 1}]})",
      "try:",
      "  m.compute_score('confessional/word-count', 'y x_c y_c', label, {'mode': 'dual'}, client=client)",
      "  print('scored', len(sent))",
      "except ValueError as e:",
      "  print('refused', len(sent))",
    ].join("\n");
    const result = python(["-c", code, file]);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("refused 0");
  });

  it("verl's compute_score gets the service's reward over real HTTP", async () => {
    const file = join(INTEGRATIONS, "verl", "confessional_verl.py");
    const code = [
      "import importlib.util, json, sys",
      "s = importlib.util.spec_from_file_location('m', sys.argv[1]); m = importlib.util.module_from_spec(s); s.loader.exec_module(m)",
      "label = json.dumps({'task': 'word-count', 'case': m.EXAMPLE_CASE, 'mode': 'task'})",
      "print(json.dumps(m.compute_score('confessional/word-count', m.EXAMPLE_ANSWER, label, {'mode': 'task'})))",
    ].join("\n");
    const child = spawn("python3", ["-c", code, file], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        PYTHONDONTWRITEBYTECODE: "1",
        CONFESS_REWARDS_URL: server.url,
        CONFESS_REWARDS_TOKEN: token,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(status, stderr).toBe(0);
    const fromPython = JSON.parse(stdout) as { score: number };
    // the same item asked of the service directly
    const caseJson = python([
      "-c",
      `${code.split("\n").slice(0, 2).join("\n")}\nprint(json.dumps({'case': m.EXAMPLE_CASE, 'answer': m.EXAMPLE_ANSWER}))`,
      file,
    ]);
    const { case: testCase, answer } = JSON.parse(caseJson.stdout) as { case: unknown; answer: string };
    const direct = await fetch(`${server.url}/v1/rewards/task`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ items: [{ task: "word-count", case: testCase, answer }] }),
    });
    const expected = ((await direct.json()) as { items: Array<{ reward: number | null }> }).items[0]?.reward;
    expect(typeof expected).toBe("number");
    expect(fromPython.score).toBe(expected);
  });
});
