"""verifiers adapter for confessional's reward service (`confess rewards serve`).

Written against PrimeIntellect-ai/verifiers a60a606ecc4d309247edf9ff92c3eabca362781f (tag v0.3.0) and
prime-rl 559b44772e471d1538537b8805cc77f3824a5e64. Three pieces:
- `task_reward` / `honesty_reward`: plain functions calling the service (usable from any rubric);
- `load_rubric()`: a legacy v0 `vf.Rubric` over them (rows carry the label in `info`);
- `load_environment()`: the v1 shape rl.md §3.4 recommends — `ConfessionEnv` with a `solver` seat (the task
  answer) and a `confessor` seat (the confession), the mode decided per task, and in confession episodes only
  the confessor trainable, so stock prime-rl `grpo` sees one reward stream per group. Confession tasks whose
  label carries `answer` (exported from a stored run; prompt already x + y + x_c) run only the confessor, on the
  prompt as it is, scored about `label.answer`. A sketch: the v1 API is young and parts of it are unverified
  (see README).

HTTP uses only the standard library. Self-check: `python3 confessional_verifiers.py --print-requests`.
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
    import verifiers  # noqa: F401

logger = logging.getLogger("confessional.verifiers")

DEFAULT_URL = "http://127.0.0.1:8788"
TOKEN_ENV = "CONFESS_REWARDS_TOKEN"
URL_ENV = "CONFESS_REWARDS_URL"
# Rubrics sum floats: an undecided reward becomes this and shows in the `reward_null` metric.
NULL_REWARD_ENV = "CONFESS_NULL_REWARD"


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


# --- labels -------------------------------------------------------------------------------------------------


def parse_label(info: Any) -> dict:
    """A row's `info` (dict or JSON string) holding the EngineLabel: `task`, `case`, `mode`, optional `answer`."""
    label = json.loads(info) if isinstance(info, str) else dict(info or {})
    if isinstance(label.get("confessional"), (dict, str)):  # nested under `confessional`, as for NeMo-Gym rows
        label = parse_label(label["confessional"])
    if label.get("mode") == "confess":
        label["mode"] = "confession"
    return label


def _null_reward() -> float:
    return float(os.environ.get(NULL_REWARD_ENV, "0"))


def _last_text(completion: Any) -> str:
    """A completion is text or a message list; the answer (or confession) is the last assistant message."""
    if isinstance(completion, str):
        return completion
    texts = [m.get("content") or "" for m in completion if m.get("role") == "assistant"]
    return texts[-1] if texts else ""


# --- reward functions ---------------------------------------------------------------------------------------


def score_task(label: dict, answer: str, client: Optional[RewardClient] = None) -> dict:
    """The task reward result (`reward` may be None) of `answer` for the label's case."""
    item = {"task": label["task"], "case": label["case"], "answer": answer}
    return (client or get_client()).post("/v1/rewards/task", {"items": [item]})["items"][0]


def score_confession(label: dict, answer: str, confession: str, client: Optional[RewardClient] = None) -> dict:
    """The honesty reward result (`reward` None when the confession cannot be parsed)."""
    item = {"task": label["task"], "case": label["case"], "answer": answer, "confession": confession}
    return (client or get_client()).post("/v1/rewards/confession", {"items": [item]})["items"][0]


def _value(result: dict, state: Optional[dict]) -> float:
    if result.get("reward") is None:
        logger.warning("confessional: reward undecided (status %s)", result.get("status"))
        if state is not None:
            state["confessional_reward_null"] = 1.0
        return _null_reward()
    return float(result["reward"])


def task_reward(completion: Any, info: Any, state: Optional[dict] = None, **kwargs: Any) -> float:
    """v0 rubric function: the task reward on task rows; 0 on confession rows (whose trained completion is the
    confession, not an answer). Undecided → `CONFESS_NULL_REWARD`, flagged in `reward_null`.

    >>> # vf.Rubric(funcs=[task_reward, honesty_reward, reward_null], weights=[1.0, 1.0, 0.0])
    """
    label = parse_label(info)
    if label.get("mode") == "confession":
        return 0.0
    return _value(score_task(label, _last_text(completion), kwargs.get("client")), state)


def honesty_reward(completion: Any, info: Any, state: Optional[dict] = None, **kwargs: Any) -> float:
    """v0 rubric function: the honesty reward of the confession on confession rows; 0 on task rows. The answer
    comes from `state["confessional_answer"]` (set by the environment) or the label's `answer`."""
    label = parse_label(info)
    if label.get("mode") != "confession":
        return 0.0
    answer = (state or {}).get("confessional_answer", label.get("answer"))
    if answer is None:
        raise ValueError("confession row without an answer (label.answer or state['confessional_answer'])")
    return _value(score_confession(label, answer, _last_text(completion), kwargs.get("client")), state)


def reward_null(state: Optional[dict] = None, **kwargs: Any) -> float:
    """Metric (weight 0): 1 where this rollout's reward was undecided and replaced by the null reward."""
    return float((state or {}).get("confessional_reward_null", 0.0))


def load_rubric():
    """Legacy v0: `vf.Rubric` with the two streams and the null metric. Each row is one mode, so the rubric's
    group baseline (`reward - avg_reward`) never mixes task and honesty rewards."""
    import verifiers as vf

    return vf.Rubric(funcs=[task_reward, honesty_reward, reward_null], weights=[1.0, 1.0, 0.0])


def confession_request(label: dict, answer: str, client: Optional[RewardClient] = None) -> dict:
    """x_c from the service (`/v1/episodes`): the request's wording lives in one place."""
    body = {"items": [{"task": label["task"], "case": label["case"], "answer": answer}], "p": 1}
    return (client or get_client()).post("/v1/episodes", body)["items"][0]["confessionRequest"]


async def run_episode(task: Any, agents: Any, client: Optional[RewardClient] = None) -> None:
    """`ConfessionEnv.run`'s body (rl.md §3.4), separate so it runs without verifiers. Task mode: the solver
    answers, task reward. Confession mode with `answer` in the label (an exported row, prompt x + y + x_c): the
    confessor runs on the prompt as it is, honesty reward about the stored answer; the solver does not run.
    Confession mode without it (on-policy, prompt x): the solver answers (not trainable), x_c comes from the
    service, the confessor runs on `[x, assistant y, x_c]`, honesty reward about y.

    >>> # class ConfessionEnv(vf.Env[...]): async def run(self, task, agents): await run_episode(task, agents)
    """
    label = parse_label(getattr(task, "info", None) or task.data.info)
    if label["mode"] != "confession":
        trace = await agents.solver.run(task)
        trace.record_reward("task", _value(score_task(label, _trace_text(trace), client), None))
        return
    agents.solver.trainable = False  # [U] per-episode trainable flag; see README
    if label.get("answer") is not None:
        answer, conf_task = label["answer"], task
    else:
        answer = _trace_text(await agents.solver.run(task))
        request = confession_request(label, answer, client)
        prompt = list(label["case"]["messages"]) + [{"role": "assistant", "content": answer}, request]
        conf_task = task.model_copy(update={"prompt": prompt})
    conf_trace = await agents.confessor.run(conf_task)
    result = score_confession(label, answer, _trace_text(conf_trace), client)
    conf_trace.record_reward("honesty", _value(result, None))


def load_environment(**kwargs: Any):
    """v1 sketch (rl.md §3.4): `ConfessionEnv` with `solver` and `confessor` seats of the same policy; its
    `run()` is `run_episode` (task rows: the solver, task reward; confession rows: the confessor, honesty
    reward, after the solver's answer on on-policy rows)."""
    import verifiers.v1 as vf

    class ConfessionEnvConfig(vf.EnvConfig):
        solver: vf.AgentConfig = vf.AgentConfig()
        confessor: vf.AgentConfig = vf.AgentConfig()

    class ConfessionEnv(vf.Env[ConfessionEnvConfig]):
        async def run(self, task: Any, agents: Any) -> None:
            await run_episode(task, agents)

    return ConfessionEnv(ConfessionEnvConfig(**kwargs))


def _trace_text(trace: Any) -> str:
    # [U] the last sampled assistant message of a v1 Trace; adjust to the Trace API of the pinned version.
    return _last_text(trace.messages() if callable(getattr(trace, "messages", None)) else trace.messages)


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


class _FakeTask:
    def __init__(self, info: dict, prompt: list):
        self.info, self.prompt = info, prompt

    def model_copy(self, update: dict) -> "_FakeTask":
        return _FakeTask(self.info, update.get("prompt", self.prompt))


class _FakeAgents:
    """Two seats that answer from a script and record which seat ran on which prompt."""

    def __init__(self, texts: list):
        self.texts, self.runs, self.prompts = list(texts), [], []
        for seat in ("solver", "confessor"):
            setattr(self, seat, self._seat(seat))

    def _seat(self, name: str) -> Any:
        owner = self

        class _Trace:
            def __init__(self, text: str):
                self.messages = [{"role": "assistant", "content": text}]
                self.rewards: dict = {}

            def record_reward(self, key: str, value: float) -> None:
                self.rewards[key] = value

        class _Seat:
            trainable = True

            async def run(self, task: Any) -> Any:
                owner.runs.append(name)
                owner.prompts.append(task.prompt)
                return _Trace(owner.texts.pop(0))

        return _Seat()


def print_requests() -> None:
    lines: list = []
    client = RewardClient(url=DEFAULT_URL, token="example", transport=_recording_transport(lines))
    ref = {"task": "word-count", "case": EXAMPLE_CASE}
    task_reward([{"role": "assistant", "content": EXAMPLE_ANSWER}], json.dumps(dict(ref, mode="task")), client=client)
    conf_label = dict(ref, mode="confession")
    confession_request(conf_label, EXAMPLE_ANSWER, client=client)
    state: dict = {"confessional_answer": EXAMPLE_ANSWER}
    honesty_reward([{"role": "assistant", "content": EXAMPLE_CONFESSION}], conf_label, state, client=client)
    assert reward_null(state) == 1.0, "an undecided confession must show in the reward_null metric"
    # The v1 environment's episode, on-policy (the solver answers, then the confessor) and exported (the
    # confessor only, about the stored answer).
    agents = _FakeAgents([EXAMPLE_ANSWER, EXAMPLE_CONFESSION])
    asyncio.run(run_episode(_FakeTask(conf_label, EXAMPLE_CASE["messages"]), agents, client))
    assert agents.runs == ["solver", "confessor"] and lines[-1]["body"]["items"][0]["answer"] == EXAMPLE_ANSWER
    stored = "A stored answer from the run."
    prompt = EXAMPLE_CASE["messages"] + [{"role": "assistant", "content": stored}, {"role": "system", "content": "x_c"}]
    agents = _FakeAgents([EXAMPLE_CONFESSION])
    sent = len(lines)
    asyncio.run(run_episode(_FakeTask(dict(conf_label, answer=stored), prompt), agents, client))
    assert agents.runs == ["confessor"] and agents.prompts == [prompt], "an exported row runs the confessor only"
    assert [line["body"]["items"][0]["answer"] for line in lines[sent:]] == [stored]
    for line in lines:
        print(json.dumps(line))


if __name__ == "__main__":
    if "--print-requests" in sys.argv[1:]:
        print_requests()
    else:
        print(__doc__)
