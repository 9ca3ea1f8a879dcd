"""verl adapter for confessional's reward service (`confess rewards serve`).

Written against volcengine/verl b178a3cd56f58b2d502255daba591e92833930a7 (after v0.7.0):
- `compute_score` is the custom reward function (`custom_reward_function.path=<this file>`,
  `custom_reward_function.name=compute_score`); see verl/trainer/ppo/reward.py.
- `ConfessionAgentLoop` is an agent loop for separate confession episodes
  (verl/experimental/agent_loop/agent_loop.py); it is built lazily by `register_confession_agent_loop()`
  so this file imports without verl installed. Exported confession rows (label with `answer`, prompt
  x + y + x_c) get one generation, the confession; on-policy rows (prompt x) get the answer, then x_c from the
  service, then the confession (`confession_rollout`).

HTTP uses only the standard library. Self-check: `python3 confessional_verl.py --print-requests`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import urllib.request
from typing import TYPE_CHECKING, Any, Callable, Optional

if TYPE_CHECKING:  # engine types for readers; never imported at run time
    from verl.experimental.agent_loop.agent_loop import AgentLoopOutput  # noqa: F401

logger = logging.getLogger("confessional.verl")

DEFAULT_URL = "http://127.0.0.1:8788"
TOKEN_ENV = "CONFESS_REWARDS_TOKEN"
URL_ENV = "CONFESS_REWARDS_URL"
# verl's compute_score must return a number; an undecided reward becomes this (configurable) and is flagged.
NULL_SCORE_ENV = "CONFESS_NULL_SCORE"


# --- HTTP client (stdlib) ---------------------------------------------------------------------------------

Transport = Callable[[str, str, dict, dict], dict]


def _http_transport(method: str, url: str, headers: dict, body: dict) -> dict:
    data = json.dumps(body).encode("utf-8")
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=float(os.environ.get("CONFESS_REWARDS_TIMEOUT", "180"))) as res:
        return json.loads(res.read().decode("utf-8"))


class RewardClient:
    """Calls the reward service. `transport` is swappable so the self-check can record instead of send."""

    def __init__(self, url: Optional[str] = None, token: Optional[str] = None, transport: Optional[Transport] = None):
        self.url = (url or os.environ.get(URL_ENV) or DEFAULT_URL).rstrip("/")
        self.token = token if token is not None else os.environ.get(TOKEN_ENV)
        self.transport = transport or _http_transport

    def post(self, path: str, body: dict) -> dict:
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        return self.transport("POST", self.url + path, headers, body)


_client: Optional[RewardClient] = None


def get_client() -> RewardClient:
    global _client
    if _client is None:
        _client = RewardClient()
    return _client


# --- rows ---------------------------------------------------------------------------------------------------


def parse_label(ground_truth: Any) -> dict:
    """`reward_model.ground_truth` holds the EngineLabel as a JSON string (or, after a round trip, a dict)."""
    label = json.loads(ground_truth) if isinstance(ground_truth, str) else dict(ground_truth)
    if label.get("mode") == "confess":  # rl.md's spelling; the wire says "confession"
        label["mode"] = "confession"
    return label


def _null_score(null_score: Optional[float]) -> float:
    if null_score is not None:
        return float(null_score)
    return float(os.environ.get(NULL_SCORE_ENV, "0"))


# --- reward function -----------------------------------------------------------------------------------------


def compute_score(
    data_source: str,
    solution_str: str,
    ground_truth: Any,
    extra_info: Optional[dict] = None,
    null_score: Optional[float] = None,
    client: Optional[RewardClient] = None,
    **kwargs: Any,
) -> dict:
    """verl custom reward: task rows get the task reward of `solution_str`; confession rows the honesty reward.

    Confession rows: `solution_str` is the confession (the agent loop makes the confession the only trained
    response); the answer it is about comes from `extra_info["answer"]` (the agent loop's `extra_fields`) or
    the label. Returns `{"score", "reward_null"}`; an undecided reward scores `null_score` and is logged.
    Extra keyword arguments verl passes (`reward_router_address`, ...) are ignored.

    >>> # compute_score("confessional/word-count", "One. Two.", label_json, {"mode": "task"})
    """
    extra = extra_info or {}
    label = parse_label(ground_truth)
    mode = extra.get("mode") or label.get("mode") or "task"
    if mode == "confess":
        mode = "confession"
    if mode not in ("task", "confession"):
        # A dual-span row holds both spans in one sequence: one score here would reach every token of both
        # (stock grpo), so the task reward would train the confession. Refuse instead of scoring it as a task.
        raise ValueError(
            f"row mode {mode!r}: compute_score scores task and confession rows only; export with --design separate "
            "(dual-span needs a token-level reward manager and a per-span estimator, rl.md §3.1)"
        )
    ref = {"task": label["task"], "case": label["case"]}
    c = client or get_client()
    if mode == "confession":
        answer = extra.get("answer", label.get("answer"))
        if answer is None:
            raise ValueError("confession row without an answer: set extra_info.answer (agent loop) or label.answer")
        item = dict(ref, answer=answer, confession=solution_str)
        if extra.get("finish_reason"):
            item["finishReason"] = str(extra["finish_reason"])
        result = c.post("/v1/rewards/confession", {"items": [item]})["items"][0]
    else:
        result = c.post("/v1/rewards/task", {"items": [dict(ref, answer=solution_str)]})["items"][0]
    reward = result.get("reward")
    if reward is None:
        logger.warning(
            "confessional: %s reward undecided (status %s, judge %s); scoring %s",
            mode,
            result.get("status"),
            result.get("judge"),
            _null_score(null_score),
        )
        return {"score": _null_score(null_score), "reward_null": 1.0}
    return {"score": float(reward), "reward_null": 0.0}


# --- confession agent loop ----------------------------------------------------------------------------------


def confession_request(label: dict, answer: str, client: Optional[RewardClient] = None) -> dict:
    """Asks the service for the confession request x_c (its role and text), so the wording lives in one place."""
    c = client or get_client()
    body = {"items": [{"task": label["task"], "case": label["case"], "answer": answer}], "p": 1}
    planned = c.post("/v1/episodes", body)["items"][0]
    return planned["confessionRequest"]


async def confession_rollout(agent: Any, sampling_params: dict, client: Optional[RewardClient] = None, **kwargs: Any) -> dict:
    """The confession agent loop's body, as `AgentLoopOutput` fields; `agent` is the `AgentLoopBase` (its
    `apply_chat_template`, `server_manager`, `tokenizer`, `config`), `kwargs` the row's fields.

    A label with `answer` marks a row exported from a stored run: `raw_prompt` is already x + y + x_c, so the
    one generation is the confession, about the stored answer. Without it (on-policy, `raw_prompt` = x) the
    policy answers first (context, never trained), x_c comes from the service, then the confession. Either
    way `response_ids` is y_c only (rl.md §3.1 design (a)).

    >>> # fields = await confession_rollout(self, sampling_params, **kwargs); AgentLoopOutput(**fields)
    """
    from uuid import uuid4

    messages = list(kwargs["raw_prompt"])
    # verl hands the row's non-tensor fields to run() as keyword arguments.
    label = parse_label(kwargs["reward_model"]["ground_truth"])
    prompt_ids = await agent.apply_chat_template(messages)
    stored = label.get("answer")
    if stored is not None:
        context_ids, answer, turns = list(prompt_ids), stored, 1
    else:
        answer_out = await agent.server_manager.generate(
            request_id=uuid4().hex, prompt_ids=prompt_ids, sampling_params=sampling_params
        )
        answer_ids = list(answer_out.token_ids)
        answer = agent.tokenizer.decode(answer_ids, skip_special_tokens=True)
        request = await asyncio.get_running_loop().run_in_executor(None, confession_request, label, answer, client)
        request_ids = await agent.apply_chat_template([request], remove_system_prompt=True)
        context_ids, turns = list(prompt_ids) + answer_ids + list(request_ids), 3
    conf_out = await agent.server_manager.generate(
        request_id=uuid4().hex, prompt_ids=context_ids, sampling_params=sampling_params
    )
    response_ids = list(conf_out.token_ids)[: agent.config.actor_rollout_ref.rollout.response_length]
    return {
        "prompt_ids": context_ids,
        "response_ids": response_ids,
        "response_mask": [1] * len(response_ids),
        "response_logprobs": list(conf_out.log_probs)[: len(response_ids)] if conf_out.log_probs else None,
        "num_turns": turns,
        "metrics": {},
        "extra_fields": {"mode": "confession", "answer": answer},
    }


_agent_loop_cls: Any = None


def __getattr__(name: str) -> Any:
    # `_target_: confessional_verl.ConfessionAgentLoop` in agent_loop_config_path resolves here, lazily, so the
    # module still imports where verl is absent.
    if name == "ConfessionAgentLoop":
        return register_confession_agent_loop()
    raise AttributeError(name)


def register_confession_agent_loop(name: str = "confession_agent"):
    """Defines `ConfessionAgentLoop` and registers it with verl under `name` (once per process)."""
    global _agent_loop_cls
    if _agent_loop_cls is not None:
        return _agent_loop_cls
    from verl.experimental.agent_loop.agent_loop import AgentLoopBase, AgentLoopOutput, register

    @register(name)
    class ConfessionAgentLoop(AgentLoopBase):
        """Confession rows: response = y_c only (`confession_rollout`). Exported rows (label with `answer`,
        prompt x + y + x_c) generate once; on-policy rows (prompt x) generate y (context, mask 0), append x_c,
        generate y_c, so only confession tokens are trained either way."""

        async def run(self, sampling_params: dict[str, Any], **kwargs: Any) -> AgentLoopOutput:
            return AgentLoopOutput(**(await confession_rollout(self, sampling_params, **kwargs)))

    _agent_loop_cls = ConfessionAgentLoop
    return ConfessionAgentLoop


# --- self-check ----------------------------------------------------------------------------------------------

EXAMPLE_CASE = {
    "id": "wc-0001",
    "messages": [
        {
            "role": "user",
            "content": "Please write a paragraph of exactly five sentences about gardening. Every word counts: the "
            "first sentence must have exactly 12 words, and the lengths go 12, 18, 12, 18 and 12. Reply with the "
            "paragraph only.",
        }
    ],
    "payload": {"topic": "gardening", "targets": [12, 18, 12, 18, 12], "bracketLabels": False},
}
EXAMPLE_ANSWER = "Gardens reward patience. Soil needs care. Seeds sprout. Weeds return. Harvest comes."
EXAMPLE_CONFESSION = '{"compliance_analysis": [], "uncertainties_and_conflicts": [], "overall_compliance_grade": 2}'


def _recording_transport(lines: list) -> Transport:
    # One canned result per item, so code paths downstream of the call run as they would for real.
    canned = {
        "/v1/rewards/task": {"reward": 0, "status": "ok", "judge": "word-count/ground-truth"},
        "/v1/rewards/confession": {"reward": None, "status": "unparsed", "judge": "claim-match"},
        "/v1/episodes": {"mode": "confession", "prompt": [], "confessionRequest": {"role": "user", "content": "x_c"}},
    }

    def transport(method: str, url: str, headers: dict, body: dict) -> dict:
        path = "/" + url.split("://", 1)[-1].split("/", 1)[-1]
        shown = {k: ("Bearer <token>" if k == "Authorization" else v) for k, v in headers.items()}
        lines.append({"method": method, "path": path, "headers": shown, "body": body})
        return {"items": [canned[path.split("?", 1)[0]] for _ in body["items"]]}

    return transport


class _FakeAgent:
    """Stands in for verl's `AgentLoopBase`: characters as token ids and a scripted server, enough to run
    `confession_rollout` without verl. `generated` counts the generations."""

    def __init__(self, texts: list):
        self.texts = list(texts)
        self.generated = 0
        agent = self

        class _Server:
            async def generate(self, request_id: str, prompt_ids: list, sampling_params: dict):
                agent.generated += 1
                text = agent.texts.pop(0)

                class _Out:
                    token_ids = [ord(c) for c in text]
                    log_probs = None

                return _Out()

        class _Tokenizer:
            def decode(self, ids: list, skip_special_tokens: bool = True) -> str:
                return "".join(chr(i) for i in ids)

        class _Rollout:
            response_length = 4096

        class _Config:
            class actor_rollout_ref:  # noqa: N801 (verl's config path)
                rollout = _Rollout()

        self.server_manager, self.tokenizer, self.config = _Server(), _Tokenizer(), _Config()

    async def apply_chat_template(self, messages: list, remove_system_prompt: bool = False) -> list:
        text = "".join(f"<{m['role']}>{m['content']}</>" for m in messages) + "<assistant>"
        return [ord(c) for c in text]


def print_requests() -> None:
    lines: list = []
    client = RewardClient(url=DEFAULT_URL, token="example", transport=_recording_transport(lines))
    ref = {"task": "word-count", "case": EXAMPLE_CASE}
    task_label = json.dumps(dict(ref, mode="task"))
    conf_label = json.dumps(dict(ref, mode="confession"))
    compute_score("confessional/word-count", EXAMPLE_ANSWER, task_label, {"mode": "task"}, client=client)
    # On-policy confession row (prompt x, no answer in the label): answer, x_c from the service, confession.
    agent = _FakeAgent([EXAMPLE_ANSWER, EXAMPLE_CONFESSION])
    row = {"raw_prompt": EXAMPLE_CASE["messages"], "reward_model": {"ground_truth": conf_label}}
    out = asyncio.run(confession_rollout(agent, {}, client=client, **row))
    assert agent.generated == 2 and out["extra_fields"]["answer"] == EXAMPLE_ANSWER
    assert agent.tokenizer.decode(out["response_ids"]) == EXAMPLE_CONFESSION, "the response must be the confession"
    extra = dict(out["extra_fields"], finish_reason="stop")
    compute_score("confessional/word-count", EXAMPLE_CONFESSION, conf_label, extra, client=client)
    # Exported confession row: the prompt is already x + y + x_c and the label carries y; one generation.
    stored = "A stored answer from the run."
    exported = json.dumps(dict(ref, mode="confession", answer=stored))
    conf_prompt = EXAMPLE_CASE["messages"] + [{"role": "assistant", "content": stored}, {"role": "system", "content": "x_c"}]
    agent = _FakeAgent([EXAMPLE_CONFESSION])
    sent = len(lines)
    row = {"raw_prompt": conf_prompt, "reward_model": {"ground_truth": exported}}
    out = asyncio.run(confession_rollout(agent, {}, client=client, **row))
    assert agent.generated == 1 and len(lines) == sent, "an exported confession row is generated once, no /v1/episodes"
    assert out["extra_fields"]["answer"] == stored and agent.tokenizer.decode(out["response_ids"]) == EXAMPLE_CONFESSION
    compute_score("confessional/word-count", EXAMPLE_CONFESSION, exported, out["extra_fields"], client=client)
    assert lines[-1]["body"]["items"][0]["answer"] == stored
    for line in lines:
        print(json.dumps(line))

if __name__ == "__main__":
    if "--print-requests" in sys.argv[1:]:
        print_requests()
    else:
        print(__doc__)
