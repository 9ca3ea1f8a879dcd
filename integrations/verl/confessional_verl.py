"""verl adapter for confessional's reward service (`confess rewards serve`).

Written against volcengine/verl b178a3cd56f58b2d502255daba591e92833930a7 (after v0.7.0):
- `compute_score` is the custom reward function (`custom_reward_function.path=<this file>`,
  `custom_reward_function.name=compute_score`); see verl/trainer/ppo/reward.py.
- `ConfessionAgentLoop` is an agent loop for separate confession episodes
  (verl/experimental/agent_loop/agent_loop.py); it is built lazily by `register_confession_agent_loop()`
  so this file imports without verl installed.

HTTP uses only the standard library. Self-check: `python3 confessional_verl.py --print-requests`.
"""

from __future__ import annotations

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
    from uuid import uuid4

    from verl.experimental.agent_loop.agent_loop import AgentLoopBase, AgentLoopOutput, register

    @register(name)
    class ConfessionAgentLoop(AgentLoopBase):
        """Generates y from x (context, mask 0), appends x_c, generates y_c: response = y_c only (design (a)
        in rl.md §3.1: prompt_ids = x + y + x_c), so only confession tokens are trained."""

        async def run(self, sampling_params: dict[str, Any], **kwargs: Any) -> AgentLoopOutput:
            messages = list(kwargs["raw_prompt"])
            # verl hands the row's non-tensor fields to run() as keyword arguments.
            label = parse_label(kwargs["reward_model"]["ground_truth"])
            prompt_ids = await self.apply_chat_template(messages)
            answer_out = await self.server_manager.generate(
                request_id=uuid4().hex, prompt_ids=prompt_ids, sampling_params=sampling_params
            )
            answer_ids = list(answer_out.token_ids)
            answer = self.tokenizer.decode(answer_ids, skip_special_tokens=True)
            request = await self.loop.run_in_executor(None, confession_request, label, answer)
            request_ids = await self.apply_chat_template([request], remove_system_prompt=True)
            context_ids = prompt_ids + answer_ids + request_ids
            conf_out = await self.server_manager.generate(
                request_id=uuid4().hex, prompt_ids=context_ids, sampling_params=sampling_params
            )
            response_ids = list(conf_out.token_ids)[: self.config.actor_rollout_ref.rollout.response_length]
            return AgentLoopOutput(
                prompt_ids=context_ids,
                response_ids=response_ids,
                response_mask=[1] * len(response_ids),
                response_logprobs=list(conf_out.log_probs)[: len(response_ids)] if conf_out.log_probs else None,
                num_turns=3,
                metrics={},
                extra_fields={"mode": "confession", "answer": answer},
            )

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


def print_requests() -> None:
    lines: list = []
    client = RewardClient(url=DEFAULT_URL, token="example", transport=_recording_transport(lines))
    task_label = json.dumps({"task": "word-count", "case": EXAMPLE_CASE, "mode": "task"})
    conf_label = json.dumps({"task": "word-count", "case": EXAMPLE_CASE, "mode": "confession"})
    compute_score("confessional/word-count", EXAMPLE_ANSWER, task_label, {"mode": "task"}, client=client)
    # What the agent loop does between the answer and the confession, then the reward of the confession.
    confession_request(json.loads(conf_label), EXAMPLE_ANSWER, client=client)
    extra = {"mode": "confession", "answer": EXAMPLE_ANSWER, "finish_reason": "stop"}
    compute_score("confessional/word-count", EXAMPLE_CONFESSION, conf_label, extra, client=client)
    for line in lines:
        print(json.dumps(line))


if __name__ == "__main__":
    if "--print-requests" in sys.argv[1:]:
        print_requests()
    else:
        print(__doc__)
