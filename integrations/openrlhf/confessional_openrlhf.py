"""OpenRLHF adapter for confessional's reward service (`confess rewards serve`).

Written against OpenRLHF/OpenRLHF 3c3be6234e0cb353e76bb8019947db9dfe99fca7 (tag v0.11.0),
openrlhf/utils/agent.py. Task rewards need no code: `--reward.remote_url
http://127.0.0.1:8788/openrlhf/reward?token=...` is the service's OpenRLHF route. This file is the
`--train.agent_func_path` for separate confession episodes, of two kinds:
- exported rows (`confess rewards export --format openrlhf`): the label carries `answer` and the prompt is
  already x + y + x_c, so `AgentExecutor.execute` generates the confession from the prompt as it is and scores
  it about `label.answer`;
- on-policy rows (prompt x, label without `answer`): it generates the answer (context), appends the confession
  request, generates the confession.
Either way `action_ranges` cover the confession only, so only confession tokens are trained and only the
honesty reward reaches them.

HTTP uses only the standard library. Self-check: `python3 confessional_openrlhf.py --print-requests`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import urllib.request
from copy import deepcopy
from typing import Any, Callable, Optional

try:  # OpenRLHF loads `AgentExecutor` from this file and expects its base class.
    from openrlhf.utils.agent import AgentExecutorBase
except ImportError:  # imports without OpenRLHF (self-check, docs)

    class AgentExecutorBase:  # type: ignore[no-redef]
        pass


logger = logging.getLogger("confessional.openrlhf")

DEFAULT_URL = "http://127.0.0.1:8788"
TOKEN_ENV = "CONFESS_REWARDS_TOKEN"
URL_ENV = "CONFESS_REWARDS_URL"
# OpenRLHF needs a number per sample; an undecided reward becomes this and is flagged in extra_logs.
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


def parse_label(label: Any) -> dict:
    """The row's `label`: the EngineLabel as a JSON string (`confess rewards export --format openrlhf`)."""
    parsed = json.loads(label) if isinstance(label, str) else dict(label)
    if parsed.get("mode") == "confess":
        parsed["mode"] = "confession"
    return parsed


def _ids(tokenizer: Any, text: str) -> list:
    return tokenizer(text, add_special_tokens=False, return_tensors="pt")["input_ids"][0].tolist()


def _logprobs(output: Any, token_ids: list) -> Optional[list]:
    if getattr(output, "logprobs", None) is None:
        return None
    out = []
    for token_id, by_token in zip(token_ids, output.logprobs):
        entry = by_token.get(token_id)
        out.append(entry.logprob if entry is not None else 0.0)
    return out


# --- the executor -------------------------------------------------------------------------------------------


class AgentExecutor(AgentExecutorBase):
    """Per label: task mode → one generation, trained, task reward. Confession mode with `answer` in the label
    (an exported row, prompt x + y + x_c) → one generation, the confession, trained, honesty reward about
    `label.answer`. Confession mode without `answer` (on-policy, prompt x) → answer (not trained), request (not
    trained), confession (the only action range), honesty reward. The mode is per row (prompt), so every
    `n_samples_per_prompt` group holds one reward stream.

    >>> # --train.agent_func_path integrations/openrlhf/confessional_openrlhf.py
    """

    def __init__(self, client: Optional[RewardClient] = None, null_reward: Optional[float] = None):
        self.client = client or RewardClient()
        self.null_reward = float(null_reward if null_reward is not None else os.environ.get(NULL_REWARD_ENV, "0"))

    async def _post(self, path: str, body: dict) -> dict:
        return await asyncio.to_thread(self.client.post, path, body)

    async def execute(self, prompt, label, sampling_params, max_length: int, hf_tokenizer, llm_engine, images=None):
        ref = parse_label(label)
        mode = ref.get("mode", "task")
        prompt_ids = _ids(hf_tokenizer, prompt)
        if mode == "confession" and ref.get("answer") is not None:
            # Exported from a stored run: the prompt already holds x + y + x_c, so what is generated here is
            # the confession, and the answer it is about is the stored one, not a fresh generation.
            return await self._confess(prompt, label, ref, ref["answer"], prompt_ids, sampling_params, hf_tokenizer, llm_engine)
        answer_out = (await llm_engine.generate(prompt_ids, deepcopy(sampling_params))).outputs[0]
        answer_ids = list(answer_out.token_ids)
        answer = hf_tokenizer.decode(answer_ids, skip_special_tokens=True)
        item = {"task": ref["task"], "case": ref["case"], "answer": answer}

        if mode != "confession":
            observation = prompt_ids + answer_ids
            ranges = [(len(prompt_ids), len(observation))]
            result = (await self._post("/v1/rewards/task", {"items": [item]}))["items"][0]
            lp = _logprobs(answer_out, answer_ids)
            return self._output(prompt, label, observation, ranges, result, None if lp is None else [0.0] * len(prompt_ids) + lp)

        planned = (await self._post("/v1/episodes", {"items": [item], "p": 1}))["items"][0]
        request = planned["confessionRequest"]
        # The request's tokens: the chat template of x + y + x_c minus that of x + y (the service returns x + y + x_c
        # as `confessionPrompt`), appended to the generated tokens as they are.
        messages = list(ref["case"]["messages"]) + [{"role": "assistant", "content": answer}]
        full = planned.get("confessionPrompt") or messages + [request]
        before = hf_tokenizer.apply_chat_template(messages, tokenize=False)
        after = hf_tokenizer.apply_chat_template(full, tokenize=False, add_generation_prompt=True)
        request_ids = _ids(hf_tokenizer, after[len(before) :] if after.startswith(before) else request["content"])
        context = prompt_ids + answer_ids + request_ids
        params = deepcopy(sampling_params)
        params.max_tokens = max(1, max_length - len(context))
        return await self._confess(prompt, label, ref, answer, context, params, hf_tokenizer, llm_engine)

    async def _confess(self, prompt, label, ref, answer, context, sampling_params, hf_tokenizer, llm_engine) -> dict:
        """Generates the confession after `context` (x + y + x_c as tokens) and scores it about `answer`."""
        conf_out = (await llm_engine.generate(context, deepcopy(sampling_params))).outputs[0]
        conf_ids = list(conf_out.token_ids)
        observation = list(context) + conf_ids
        ranges = [(len(context), len(observation))]  # the confession only: never the answer
        conf_item = {
            "task": ref["task"],
            "case": ref["case"],
            "answer": answer,
            "confession": hf_tokenizer.decode(conf_ids, skip_special_tokens=True),
        }
        if getattr(conf_out, "finish_reason", None):
            conf_item["finishReason"] = str(conf_out.finish_reason)
        result = (await self._post("/v1/rewards/confession", {"items": [conf_item]}))["items"][0]
        lp = _logprobs(conf_out, conf_ids)
        return self._output(prompt, label, observation, ranges, result, None if lp is None else [0.0] * len(context) + lp)

    def _output(self, prompt, label, observation, ranges, result, log_probs) -> dict:
        reward = result.get("reward")
        null = reward is None
        if null:
            logger.warning("confessional: reward undecided (status %s); using %s", result.get("status"), self.null_reward)
        value = self.null_reward if null else float(reward)
        return {
            "prompt": prompt,
            "label": label,
            "observation_tokens": observation,
            "action_ranges": ranges,
            "rollout_log_probs": log_probs,
            "reward": value,
            "scores": value,
            # Same shape as the remote RM's extra_logs (one-element lists).
            "extra_logs": {"reward_null": [1.0 if null else 0.0]},
        }


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


class _FakeTokenizer:
    """Characters as token ids: enough to run `execute` without transformers."""

    def __call__(self, text: str, add_special_tokens: bool = False, return_tensors: str = "pt") -> dict:
        ids = [ord(c) for c in text]

        class _Row(list):
            def tolist(self) -> list:
                return list(self)

        return {"input_ids": [_Row(ids)]}

    def apply_chat_template(self, messages: list, tokenize: bool = False, add_generation_prompt: bool = False) -> str:
        return "".join(f"<{m['role']}>{m['content']}</>" for m in messages) + ("<assistant>" if add_generation_prompt else "")

    def decode(self, ids: list, skip_special_tokens: bool = True) -> str:
        return "".join(chr(i) for i in ids)


class _FakeEngine:
    def __init__(self, texts: list):
        self.texts = list(texts)

    async def generate(self, prompt_ids: list, sampling_params: Any):
        text = self.texts.pop(0)

        class _Out:
            token_ids = [ord(c) for c in text]
            logprobs = None
            finish_reason = "stop"

        class _Result:
            outputs = [_Out()]

        return _Result()


class _Params:
    max_tokens = 256
    logprobs = None


def print_requests() -> None:
    lines: list = []
    client = RewardClient(url=DEFAULT_URL, token="example", transport=_recording_transport(lines))
    prompt = "<user>" + EXAMPLE_CASE["messages"][0]["content"] + "</><assistant>"
    ref = {"task": "word-count", "case": EXAMPLE_CASE}
    # What OpenRLHF itself sends to the remote RM for a task row (`--reward.remote_url`).
    task_label = json.dumps(dict(ref, mode="task"))
    lines.append(
        {
            "method": "POST",
            "path": "/openrlhf/reward?token=<token>",
            "headers": {"Content-Type": "application/json"},
            "body": {"query": [prompt + EXAMPLE_ANSWER], "prompts": [prompt], "labels": [task_label]},
        }
    )
    executor = AgentExecutor(client=client)
    engine = _FakeEngine([EXAMPLE_ANSWER, EXAMPLE_ANSWER, EXAMPLE_CONFESSION, EXAMPLE_CONFESSION])
    tok = _FakeTokenizer()
    asyncio.run(executor.execute(prompt, task_label, _Params(), 4096, tok, engine))
    # On-policy confession row (prompt x, no answer in the label): answer, x_c from the service, confession.
    out = asyncio.run(executor.execute(prompt, json.dumps(dict(ref, mode="confession")), _Params(), 4096, tok, engine))
    start, end = out["action_ranges"][0]
    assert tok.decode(out["observation_tokens"][start:end]) == EXAMPLE_CONFESSION, "action range must be the confession"
    # Exported confession row: the prompt is already x + y + x_c and the label carries y; one generation.
    stored = "A stored answer from the run."
    conf_prompt = prompt + stored + "</><system>x_c</><assistant>"
    exported = json.dumps(dict(ref, mode="confession", answer=stored))
    sent = len(lines)
    out = asyncio.run(executor.execute(conf_prompt, exported, _Params(), 4096, tok, engine))
    assert not engine.texts, "an exported confession row is generated once"
    assert out["action_ranges"] == [(len(conf_prompt), len(conf_prompt) + len(EXAMPLE_CONFESSION))]
    assert [line["body"]["items"][0]["answer"] for line in lines[sent:]] == [stored], "scored about the stored answer"
    for line in lines:
        print(json.dumps(line))


if __name__ == "__main__":
    if "--print-requests" in sys.argv[1:]:
        print_requests()
    else:
        print(__doc__)
