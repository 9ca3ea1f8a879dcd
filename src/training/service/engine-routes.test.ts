import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJudgeModel } from "../../judges/create-judge-model.ts";
import { getTask } from "../../tasks/registry.ts";
import type { EngineLabel } from "../reward-api.ts";
import { createRewardApp } from "./create-reward-app.ts";
import type { RewardServiceOptions } from "./reward-service-options.ts";
import { type RewardServer, startRewardServer } from "./start-reward-server.ts";
import { CLAIMS_ALL_MET, OWNS_SENTENCE_2, paragraphOf, wordCountCases } from "./word-count-fixtures.ts";

const TOKEN = "engine-token";
const [testCase] = wordCountCases(1);
const GOOD = paragraphOf([12, 18, 12, 18, 12]);
const BAD = paragraphOf([12, 17, 12, 18, 12]);
const taskLabel: EngineLabel = { task: "word-count", case: testCase as EngineLabel["case"], mode: "task" };
const confessionLabel = (answer: string): EngineLabel => ({ ...taskLabel, mode: "confession", answer });

function appWith(options: Partial<RewardServiceOptions> = {}) {
  const app = createRewardApp({ token: TOKEN, ...options });
  return async (path: string, body: unknown) => {
    const res = await app.request(path, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in tests
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
}

describe("POST /openrlhf/reward ({ query, prompts, labels } lists)", () => {
  const prompt = "<|im_start|>user\nWrite five sentences.<|im_end|>\n<|im_start|>assistant\n";

  it("cuts the response out of each query and scores it under its label", async () => {
    const post = appWith();
    const res = await post("/openrlhf/reward", {
      query: [
        `${prompt}${GOOD}<|im_end|>`,
        `${prompt}${BAD}<|im_end|><|endoftext|>`,
        `${prompt}${OWNS_SENTENCE_2}<|im_end|>`,
        `${prompt}${CLAIMS_ALL_MET}`,
      ],
      prompts: [prompt, prompt, prompt, prompt],
      labels: [taskLabel, taskLabel, confessionLabel(BAD), confessionLabel(BAD)].map((l) =>
        JSON.stringify(l),
      ),
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      rewards: [1, 0, 1, 5 / 6],
      scores: [1, 0, 1, 5 / 6],
      extra_logs: { reward_null: [0, 0, 0, 0] },
    });
  });

  it("a query that does not start with its prompt: the tail after the prompt's last 200 characters", async () => {
    const post = appWith();
    const long = `${"x".repeat(300)}${prompt}`;
    const res = await post("/openrlhf/reward", {
      query: [`<bos>${long}${GOOD}`],
      prompts: [long],
      labels: [JSON.stringify(taskLabel)],
    });
    expect(res.body.rewards).toEqual([1]);
    const lost = await post("/openrlhf/reward", {
      query: [`something else entirely ${GOOD}`],
      prompts: [prompt],
      labels: [JSON.stringify(taskLabel)],
    });
    expect(lost.status).toBe(400);
    expect(lost.body.error.path).toBe("query.0");
  });

  it("an unparseable confession: --null-reward in its place and reward_null 1", async () => {
    const post = appWith({ nullReward: -1 });
    const res = await post("/openrlhf/reward", {
      query: [`${prompt}I did fine, trust me.`, `${prompt}${GOOD}`],
      prompts: [prompt, prompt],
      labels: [JSON.stringify(confessionLabel(BAD)), JSON.stringify(taskLabel)],
    });
    expect(res.body).toEqual({ rewards: [-1, 1], scores: [-1, 1], extra_logs: { reward_null: [1, 0] } });
  });

  it("400s: lists of different lengths, a label that is not JSON, a confession label without answer", async () => {
    const post = appWith();
    const lengths = await post("/openrlhf/reward", {
      query: ["a", "b"],
      prompts: ["a"],
      labels: ["{}", "{}"],
    });
    expect(lengths.status).toBe(400);
    expect(lengths.body.error.path).toBe("prompts");
    const notJson = await post("/openrlhf/reward", { query: ["a"], prompts: ["a"], labels: ["word-count"] });
    expect(notJson.body.error.path).toBe("labels.0");
    const offSchema = await post("/openrlhf/reward", {
      query: ["a"],
      prompts: ["a"],
      labels: [JSON.stringify({ ...taskLabel, mode: "both" })],
    });
    expect(offSchema.body.error.path).toBe("labels.0.mode");
    const noAnswer = await post("/openrlhf/reward", {
      query: ["a"],
      prompts: ["a"],
      labels: [JSON.stringify({ ...taskLabel, mode: "confession" })],
    });
    expect(noAnswer.status).toBe(400);
    expect(noAnswer.body.error.path).toBe("labels.0.answer");
  });

  it("413 past --max-items", async () => {
    const post = appWith({ maxItems: 1 });
    const res = await post("/openrlhf/reward", {
      query: ["a", "b"],
      prompts: ["a", "b"],
      labels: ["{}", "{}"],
    });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ code: "too_many_items", path: "query" });
  });
});

describe("POST /slime/reward ({ prompt, response, label })", () => {
  it("label as a JSON string or an object; reward, reward_null and status", async () => {
    const post = appWith();
    const task = await post("/slime/reward", {
      prompt: "Write five sentences.",
      response: BAD,
      label: JSON.stringify(taskLabel),
    });
    expect(task.body).toEqual({ reward: 0, reward_null: false, status: "ok" });
    const confession = await post("/slime/reward", {
      prompt: [{ role: "user", content: "Write five sentences." }],
      response: OWNS_SENTENCE_2,
      label: confessionLabel(BAD),
    });
    expect(confession.body).toEqual({ reward: 1, reward_null: false, status: "ok" });
  });

  it("a confession that is not a report: the null reward, flagged, with its parse status", async () => {
    const post = appWith({ nullReward: 0.5 });
    const res = await post("/slime/reward", { prompt: "x", response: "", label: confessionLabel(BAD) });
    expect(res.body).toEqual({ reward: 0.5, reward_null: true, status: "empty" });
  });

  it("the honesty judge (scripted:strict) as the confession judge", async () => {
    const post = appWith({
      confessionJudge: "honesty",
      honestyJudgeModel: createJudgeModel("scripted:strict", { tasks: getTask }),
    });
    const lie = await post("/slime/reward", {
      prompt: "x",
      response: CLAIMS_ALL_MET,
      label: confessionLabel(BAD),
    });
    expect(lie.body).toEqual({ reward: 0, reward_null: false, status: "ok" });
  });

  it("400 for a label off the schema", async () => {
    const post = appWith();
    const res = await post("/slime/reward", { prompt: "x", response: "y", label: { task: "word-count" } });
    expect(res.status).toBe(400);
    expect(res.body.error.path).toBe("label.case");
  });
});

describe("NeMo-Gym resources server (/nemo-gym/seed_session, /nemo-gym/verify)", () => {
  const row = (label: EngineLabel, texts: string[]) => ({
    responses_create_params: { input: [{ role: "user", content: "Write five sentences." }] },
    response: {
      id: "resp_1",
      object: "response",
      output: [
        { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "Count carefully. (99)" }] },
        {
          type: "message",
          id: "msg_1",
          role: "assistant",
          status: "completed",
          content: texts.map((text) => ({ type: "output_text", text, annotations: [] })),
        },
      ],
    },
    confessional: label,
    row_id: 17,
  });

  it("seed_session: {} in, {} out", async () => {
    const post = appWith();
    const res = await post("/nemo-gym/seed_session", {});
    expect(res).toEqual({ status: 200, body: {} });
  });

  it("verify: the row echoed back with reward and the reward_null metric", async () => {
    const post = appWith();
    const sentences = GOOD.split(". ");
    // the answer arrives in two output_text parts of one message: joined, they are the paragraph
    const parts = [`${sentences.slice(0, 2).join(". ")}. `, sentences.slice(2).join(". ")];
    const body = row(taskLabel, parts);
    const res = await post("/nemo-gym/verify", body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...body, reward: 1, reward_null: 0 });
    const confession = await post("/nemo-gym/verify", row(confessionLabel(BAD), [CLAIMS_ALL_MET]));
    expect(confession.body).toMatchObject({
      reward: 5 / 6,
      reward_null: 0,
      row_id: 17,
    });
    // no reward_components: GDPO would normalise every entry per prompt and add it to the reward
    expect(confession.body).not.toHaveProperty("reward_components");
  });

  it("verify: an unparseable confession gets the null reward and reward_null 1, outside reward_components", async () => {
    const post = appWith();
    const res = await post("/nemo-gym/verify", row(confessionLabel(BAD), ["{ not a report"]));
    expect(res.body).toMatchObject({ reward: 0, reward_null: 1 });
    expect(res.body).not.toHaveProperty("reward_components");
  });

  it("verify: 400 without the confessional label", async () => {
    const post = appWith();
    const { confessional: _dropped, ...rest } = row(taskLabel, [GOOD]);
    const res = await post("/nemo-gym/verify", rest);
    expect(res.status).toBe(400);
    expect(res.body.error.path).toBe("confessional");
  });
});

describe("over real HTTP", () => {
  let server: RewardServer;
  beforeAll(async () => {
    server = await startRewardServer({ token: TOKEN, port: 0 });
  });
  afterAll(() => server.close());

  it("binds 127.0.0.1 and answers the three /v1 routes and auth over fetch", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const headers = { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" };
    const task = await fetch(`${server.url}/v1/rewards/task`, {
      method: "POST",
      headers,
      body: JSON.stringify({ items: [{ task: "word-count", case: testCase, answer: GOOD }] }),
    });
    expect(task.status).toBe(200);
    // biome-ignore lint/suspicious/noExplicitAny: response bodies are read loosely in tests
    expect(((await task.json()) as any).items[0].reward).toBe(1);
    const unauthorised = await fetch(`${server.url}/v1/rewards/task`, { method: "POST", body: "{}" });
    expect(unauthorised.status).toBe(401);
    const big = await fetch(`${server.url}/v1/rewards/confession?token=${TOKEN}`, {
      method: "POST",
      body: JSON.stringify({ items: [], pad: "x".repeat(9 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
  });
});
