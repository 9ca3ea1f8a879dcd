"""TRL adapter for confessional's reward service (`confess rewards serve`).

Written against huggingface/trl f2cd57710ae345ea6428ae95363267fcf38a3dc8 (after v1.9.0),
trl/trainer/grpo_trainer.py: reward functions are called as
`reward_func(prompts=..., completions=..., completion_ids=..., **dataset_columns)` and may return None for rows
they do not apply to; `rollout_func(prompts, trainer)` returns `prompt_ids`, `completion_ids`, `logprobs` (plus
extra keys, forwarded to the reward functions).

- `task_reward`: the task reward for rows whose `mode` is `task`, None for the others.
- `honesty_reward`: the honesty reward for rows whose `mode` is `confession`, None for the others.
- `make_rollout_func`: a sketch of the confession rollout. Exported confession rows (label with `answer`,
  prompt x + y + x_c) generate the confession once; on-policy confession rows (prompt x, no `answer`) generate
  the answer, then the request, then the confession.

HTTP uses only the standard library. Self-check: `python3 confessional_trl.py --print-requests`.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import urllib.request
from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence

if TYPE_CHECKING:  # engine types for readers; never imported at run time
    from trl import GRPOTrainer  # noqa: F401

logger = logging.getLogger("confessional.trl")

DEFAULT_URL = "http://127.0.0.1:8788"
TOKEN_ENV = "CONFESS_REWARDS_TOKEN"
URL_ENV = "CONFESS_REWARDS_URL"


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


def _column(kwargs: dict, name: str, n: int) -> list:
    values = kwargs.get(name)
    if values is None:
        raise KeyError(f"dataset column {name!r} is missing; export with `confess rewards export --format trl`")
    if len(values) != n:
        raise ValueError(f"column {name!r} has {len(values)} values for {n} completions")
    return list(values)


def _text(completion: Any) -> str:
    """A completion is text (standard format) or a list of messages (conversational): take the assistant text."""
    if isinstance(completion, str):
        return completion
    return "".join(m.get("content") or "" for m in completion if m.get("role") == "assistant")


def _mode(value: Any) -> str:
    return "confession" if value in ("confession", "confess") else "task"


def _ref(task: Any, case: Any) -> dict:
    return {"task": task, "case": json.loads(case) if isinstance(case, str) else case}


def _labels(kwargs: dict, n: int) -> list:
    """Per row: the EngineLabel from a `label` column (JSON string), else from `task` + `case` columns."""
    if kwargs.get("label") is not None:
        return [json.loads(v) if isinstance(v, str) else dict(v) for v in _column(kwargs, "label", n)]
    tasks, cases = _column(kwargs, "task", n), _column(kwargs, "case", n)
    return [_ref(t, c) for t, c in zip(tasks, cases)]


def _item(label: dict, **fields: Any) -> dict:
    return dict({"task": label["task"], "case": label["case"]}, **fields)


def _rewards(results: list) -> list:
    out = []
    for result in results:
        if result.get("reward") is None:
            logger.warning("confessional: reward undecided (status %s, judge %s)", result.get("status"), result.get("judge"))
            out.append(None)  # TRL: not applicable; a completion all of whose rewards are None gets advantage 0
        else:
            out.append(float(result["reward"]))
    return out


# --- reward functions ---------------------------------------------------------------------------------------


def task_reward(prompts: list, completions: list, client: Optional[RewardClient] = None, **kwargs: Any) -> list:
    """Task reward of each task-mode row; None for confession rows (the honesty stream's rows).

    Reads the dataset columns `mode` and `label` (EngineLabel JSON) or `task` + `case` (TRL passes every
    column as a keyword list).

    >>> # GRPOTrainer(..., reward_funcs=[task_reward, honesty_reward])
    """
    n = len(completions)
    modes = [_mode(m) for m in _column(kwargs, "mode", n)]
    labels = _labels(kwargs, n)
    rows = [i for i in range(n) if modes[i] == "task"]
    out: list = [None] * n
    if rows:
        items = [_item(labels[i], answer=_text(completions[i])) for i in rows]
        results = (client or get_client()).post("/v1/rewards/task", {"items": items})["items"]
        for i, reward in zip(rows, _rewards(results)):
            out[i] = reward
    return out


def honesty_reward(prompts: list, completions: list, client: Optional[RewardClient] = None, **kwargs: Any) -> list:
    """Honesty reward of each confession-mode row's completion (the confession); None for task rows.

    The answer the confession is about comes from the `answer` key `rollout_func` returns (on-policy) or the
    dataset's `answer` column. An unparseable confession gets None, never 0.
    """
    n = len(completions)
    modes = [_mode(m) for m in _column(kwargs, "mode", n)]
    labels = _labels(kwargs, n)
    answers = kwargs.get("answer") or [None] * n
    finish = kwargs.get("finish_reason") or [None] * n
    rows = [i for i in range(n) if modes[i] == "confession"]
    out: list = [None] * n
    if rows:
        items = []
        for i in rows:
            answer = answers[i] if answers[i] is not None else labels[i].get("answer")
            if answer is None:
                raise ValueError("confession row without an answer: use the rollout_func or a label with `answer`")
            item = _item(labels[i], answer=answer, confession=_text(completions[i]))
            if finish[i]:
                item["finishReason"] = str(finish[i])
            items.append(item)
        results = (client or get_client()).post("/v1/rewards/confession", {"items": items})["items"]
        for i, reward in zip(rows, _rewards(results)):
            out[i] = reward
    return out


# --- rollout_func sketch ------------------------------------------------------------------------------------

# generate(prompt_ids_batch) -> one (completion_ids, logprobs, finish_reason) per prompt. Wire it to the
# trainer's vLLM (e.g. TRL's experimental rollout helpers) or any token-in/token-out server.
Generate = Callable[[list], list]


def confession_request(task: Any, case: Any, answer: str, client: Optional[RewardClient] = None) -> dict:
    """The confession request x_c from the service (`/v1/episodes`), so its wording lives in one place."""
    body = {"items": [dict(_ref(task, case), answer=answer)], "p": 1}
    return (client or get_client()).post("/v1/episodes", body)["items"][0]["confessionRequest"]


def _row_label(row: dict) -> dict:
    """A dataset row's EngineLabel: its `label` column (JSON string or object), else `task` + `case` (+ `answer`)."""
    label = row.get("label")
    if label is not None:
        return json.loads(label) if isinstance(label, str) else dict(label)
    ref = _ref(row["task"], row["case"])
    return ref if row.get("answer") is None else dict(ref, answer=row["answer"])


def make_rollout_func(rows: Sequence[dict], tokenizer: Any, generate: Generate, client: Optional[RewardClient] = None):
    """Builds a `rollout_func(prompts, trainer)`. Task rows generate y. Confession rows whose label carries
    `answer` (exported by `confess rewards export`: the prompt is already x + y + x_c) generate y_c once and
    report the stored answer. Confession rows without it (on-policy, prompt x) generate y (context), append x_c,
    generate y_c and return `prompt_ids = x + y + x_c`. Either way `completion_ids = y_c`, so the only trained
    tokens are the confession's. TRL passes only prompts, so rows are found by their prompt.

    `rows`: the training dataset's rows (`prompt`, `mode`, and `label` or `task` + `case`); `tokenizer`: the policy's.
    """
    by_prompt = {_prompt_key(row["prompt"]): row for row in rows}

    def render(messages: list, generation: bool) -> list:
        return list(tokenizer.apply_chat_template(messages, add_generation_prompt=generation, tokenize=True))

    def rollout_func(prompts: list, trainer: Any = None) -> dict:
        ids = [render(p, True) if not isinstance(p, str) else list(tokenizer.encode(p, add_special_tokens=False)) for p in prompts]
        first = generate(ids)
        out: dict = {"prompt_ids": [], "completion_ids": [], "logprobs": [], "answer": [], "finish_reason": []}
        for prompt, prompt_ids, (answer_ids, answer_lp, answer_finish) in zip(prompts, ids, first):
            row = by_prompt.get(_prompt_key(prompt))
            if row is None:
                raise KeyError("rollout_func: a prompt that is not in the dataset rows given to make_rollout_func")
            answer = tokenizer.decode(answer_ids, skip_special_tokens=True)
            confession = _mode(row["mode"]) == "confession"
            lab = _row_label(row) if confession else {}
            exported = confession and lab.get("answer") is not None
            if not confession or exported:
                # A task row's generation is y; an exported confession row's is already y_c (its prompt ends
                # with x_c), and its answer is the stored y.
                out["prompt_ids"].append(prompt_ids)
                out["completion_ids"].append(list(answer_ids))
                out["logprobs"].append(list(answer_lp))
                out["answer"].append(lab["answer"] if exported else answer)
                out["finish_reason"].append(answer_finish)
                continue
            request = confession_request(lab["task"], lab["case"], answer, client)
            # The request's tokens: the full conversation's template minus the part before the request.
            messages = list(prompt) + [{"role": "assistant", "content": answer}]
            request_ids = render(messages + [request], True)[len(render(messages, False)) :]
            context = prompt_ids + list(answer_ids) + request_ids
            conf_ids, conf_lp, conf_finish = generate([context])[0]
            out["prompt_ids"].append(context)
            out["completion_ids"].append(list(conf_ids))
            out["logprobs"].append(list(conf_lp))
            out["answer"].append(answer)
            out["finish_reason"].append(conf_finish)
        return out

    return rollout_func


def _prompt_key(prompt: Any) -> str:
    return prompt if isinstance(prompt, str) else json.dumps(prompt, sort_keys=True)


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
    """Characters as token ids: enough to run the rollout path without transformers."""

    def apply_chat_template(self, messages: list, add_generation_prompt: bool = False, tokenize: bool = True):
        text = "".join(f"<{m['role']}>{m['content']}</>" for m in messages) + ("<assistant>" if add_generation_prompt else "")
        return [ord(c) for c in text]

    def encode(self, text: str, add_special_tokens: bool = False) -> list:
        return [ord(c) for c in text]

    def decode(self, ids: list, skip_special_tokens: bool = True) -> str:
        return "".join(chr(i) for i in ids)


def print_requests() -> None:
    lines: list = []
    client = RewardClient(url=DEFAULT_URL, token="example", transport=_recording_transport(lines))
    prompt = EXAMPLE_CASE["messages"]
    rows = [{"prompt": prompt, "mode": "confession", "task": "word-count", "case": EXAMPLE_CASE}]

    def generate(batch: list) -> list:
        return [([ord(c) for c in EXAMPLE_ANSWER], [0.0] * len(EXAMPLE_ANSWER), "stop") for _ in batch]

    rollout = make_rollout_func(rows, _FakeTokenizer(), generate, client)(
        [prompt], None
    )  # one confession rollout: asks the service for x_c
    completions = [[{"role": "assistant", "content": EXAMPLE_ANSWER}], [{"role": "assistant", "content": EXAMPLE_CONFESSION}]]
    columns = {
        "mode": ["task", "confession"],
        "task": ["word-count", "word-count"],
        "case": [EXAMPLE_CASE, json.dumps(EXAMPLE_CASE)],
        "answer": [None, rollout["answer"][0]],
        "finish_reason": [None, "stop"],
    }
    task_reward([prompt, prompt], completions, client=client, **columns)
    honesty_reward([prompt, prompt], completions, client=client, **columns)
    # Rows as `confess rewards export --format trl` writes them: the prompt is x + y + x_c and the EngineLabel
    # (with the stored answer) is in a `label` column. The rollout generates once, the confession, and reports
    # the stored answer; the honesty reward is about that answer.
    stored = "A stored answer from the run."
    label = {"task": "word-count", "case": EXAMPLE_CASE, "mode": "confession", "answer": stored}
    conf_prompt = prompt + [{"role": "assistant", "content": stored}, {"role": "system", "content": "x_c"}]
    exported = {"prompt": conf_prompt, "mode": "confession", "label": json.dumps(label)}
    calls: list = []

    def generate_confession(batch: list) -> list:
        calls.append(len(batch))
        return [([ord(c) for c in EXAMPLE_CONFESSION], [0.0] * len(EXAMPLE_CONFESSION), "stop") for _ in batch]

    sent = len(lines)
    rollout = make_rollout_func([exported], _FakeTokenizer(), generate_confession, client)([conf_prompt], None)
    assert calls == [1] and len(lines) == sent, "an exported confession row is generated once, without /v1/episodes"
    assert rollout["answer"] == [stored] and rollout["completion_ids"][0] == [ord(c) for c in EXAMPLE_CONFESSION]
    conf_completion = [{"role": "assistant", "content": EXAMPLE_CONFESSION}]
    honesty_reward(
        [conf_prompt], [conf_completion], client=client, mode=["confession"], label=[exported["label"]], answer=rollout["answer"]
    )
    assert lines[-1]["body"]["items"][0]["answer"] == stored
    for line in lines:
        print(json.dumps(line))


if __name__ == "__main__":
    if "--print-requests" in sys.argv[1:]:
        print_requests()
    else:
        print(__doc__)
