"""Usage that adds up: prompt caching on both formats, OpenAI's usage details, system_fingerprint,
n choices, logprobs, and `"usage": null` on stream chunks before the usage chunk.

References: Anthropic prompt caching (anthropic/types/usage.py: cache_creation_input_tokens,
cache_read_input_tokens, cache_creation.ephemeral_5m/1h_input_tokens; cache_control.ttl "5m" | "1h",
anthropic/types/cache_control_ephemeral_param.py; docs: prefixes below 1024 tokens, 2048 on Haiku 3.5,
are not cached; hits are looked for up to 20 blocks before a breakpoint). OpenAI:
openai/types/completion_usage.py (prompt_tokens_details.cached_tokens, completion_tokens_details),
openai/types/chat/chat_completion.py (system_fingerprint, choices[].logprobs),
openai/types/chat/chat_completion_token_logprob.py, openai/types/chat/chat_completion_chunk.py
("usage ... When present, it contains a null value except for the last chunk which contains the
token usage statistics for the entire request"), OpenAI prompt caching (automatic from 1024 tokens,
hits in steps of 128 tokens).
"""

from __future__ import annotations

import json

import httpx

from mockgw.domain import estimate_tokens

SONNET = "claude-sonnet-4.5"
HAIKU = "claude-3-5-haiku"
MODEL = "qwen-coder-32b"
MANUAL = "Always answer in the voice of a ship's log. " * 150  # 6600 characters: 1650 tokens


def cached_system(ttl: str | None = None) -> list[dict]:
    control = {"type": "ephemeral"} | ({"ttl": ttl} if ttl else {})
    return [{"type": "text", "text": MANUAL, "cache_control": control}]


def ask(model: str = SONNET, ttl: str | None = None, question: str = "What now?") -> dict:
    messages = [{"role": "user", "content": question}]
    return {"model": model, "max_tokens": 32, "system": cached_system(ttl), "messages": messages}


# --- Anthropic prompt caching ----------------------------------------------------------------------


def test_first_request_writes_the_cache_and_a_repeat_reads_it(mockgw):
    client = mockgw.anthropic_client(_strict_response_validation=True)
    prefix = estimate_tokens(len(MANUAL))
    first = client.messages.create(**ask()).usage
    assert first.cache_creation_input_tokens == prefix and first.cache_read_input_tokens == 0
    assert first.cache_creation.ephemeral_5m_input_tokens == prefix
    assert first.cache_creation.ephemeral_1h_input_tokens == 0
    again = client.messages.create(**ask()).usage
    assert again.cache_read_input_tokens == prefix and again.cache_creation_input_tokens == 0
    assert again.input_tokens == first.input_tokens  # what follows the breakpoint, not cached
    whole = client.messages.count_tokens(model=SONNET, system=cached_system(), messages=ask()["messages"])
    assert again.input_tokens + again.cache_read_input_tokens == whole.input_tokens


def test_the_cache_expires_after_five_minutes_on_the_mockgw_clock(mockgw):
    client = mockgw.anthropic_client()
    client.messages.create(**ask())
    mockgw.advance_clock(4 * 60)
    assert client.messages.create(**ask()).usage.cache_read_input_tokens > 0  # and refreshed for 5 more
    mockgw.advance_clock(4 * 60)
    assert client.messages.create(**ask()).usage.cache_read_input_tokens > 0
    mockgw.advance_clock(5 * 60 + 1)
    usage = client.messages.create(**ask()).usage
    assert usage.cache_read_input_tokens == 0 and usage.cache_creation_input_tokens > 0


def test_a_one_hour_breakpoint_outlives_five_minutes(mockgw):
    client = mockgw.anthropic_client()
    first = client.messages.create(**ask(ttl="1h")).usage
    assert first.cache_creation.ephemeral_1h_input_tokens == first.cache_creation_input_tokens > 0
    mockgw.advance_clock(30 * 60)
    assert client.messages.create(**ask(ttl="1h")).usage.cache_read_input_tokens > 0
    mockgw.advance_clock(61 * 60)
    assert client.messages.create(**ask(ttl="1h")).usage.cache_read_input_tokens == 0


def test_a_prefix_below_the_models_minimum_is_not_cached(mockgw):
    """1650 tokens: above Sonnet's 1024-token minimum, below Haiku 3.5's 2048."""
    client = mockgw.anthropic_client()
    for _ in range(2):
        usage = client.messages.create(**ask(model=HAIKU)).usage
        assert usage.cache_creation_input_tokens == 0 and usage.cache_read_input_tokens == 0
    short = ask() | {
        "system": [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}]
    }
    for _ in range(2):
        assert client.messages.create(**short).usage.cache_creation_input_tokens == 0


def test_the_cache_belongs_to_one_account_and_one_model(mockgw):
    client = mockgw.anthropic_client()
    client.messages.create(**ask())
    mockgw.set_key("sk_other")
    other = mockgw.anthropic_client(api_key="sk_other").messages.create(**ask()).usage
    assert other.cache_read_input_tokens == 0 and other.cache_creation_input_tokens > 0
    opus_like = client.messages.create(**ask(model=MODEL)).usage
    assert opus_like.cache_read_input_tokens == 0


def test_reset_empties_the_cache(mockgw):
    client = mockgw.anthropic_client()
    client.messages.create(**ask())
    mockgw.reset()
    assert client.messages.create(**ask()).usage.cache_read_input_tokens == 0


def test_a_conversation_reads_the_prefix_its_last_turn_cached(mockgw):
    """The breakpoint moves to the newest message each turn; the earlier one is found within the
    20 blocks the API looks back from a breakpoint."""
    client = mockgw.anthropic_client()
    turn1 = [
        {
            "role": "user",
            "content": [{"type": "text", "text": MANUAL, "cache_control": {"type": "ephemeral"}}],
        }
    ]
    first = client.messages.create(model=SONNET, max_tokens=32, messages=turn1)
    turn2 = [
        {"role": "user", "content": [{"type": "text", "text": MANUAL}]},
        {"role": "assistant", "content": first.content[0].text},
        {
            "role": "user",
            "content": [{"type": "text", "text": "And then?", "cache_control": {"type": "ephemeral"}}],
        },
    ]
    usage = client.messages.create(model=SONNET, max_tokens=32, messages=turn2).usage
    assert usage.cache_read_input_tokens == first.usage.cache_creation_input_tokens
    assert usage.cache_creation_input_tokens > 0  # the new turns, up to the new breakpoint


def test_a_top_level_cache_control_caches_up_to_the_last_block(mockgw):
    client = mockgw.anthropic_client()
    body = {"model": SONNET, "max_tokens": 32, "messages": [{"role": "user", "content": MANUAL}]}
    first = client.messages.create(**body, extra_body={"cache_control": {"type": "ephemeral"}}).usage
    assert first.cache_creation_input_tokens == estimate_tokens(len(MANUAL)) and first.input_tokens == 0
    again = client.messages.create(**body, extra_body={"cache_control": {"type": "ephemeral"}}).usage
    assert again.cache_read_input_tokens == first.cache_creation_input_tokens


def test_the_stream_reports_the_cache_in_message_start_and_message_delta(mockgw):
    client = mockgw.anthropic_client()
    client.messages.create(**ask())
    with client.messages.stream(**ask()) as stream:
        events = list(stream)
    start = next(e for e in events if e.type == "message_start").message.usage
    delta = next(e for e in events if e.type == "message_delta").usage
    assert start.cache_read_input_tokens == delta.cache_read_input_tokens == estimate_tokens(len(MANUAL))


def test_without_cache_control_nothing_is_cached(mockgw):
    client = mockgw.anthropic_client()
    body = {
        "model": SONNET,
        "max_tokens": 32,
        "system": MANUAL,
        "messages": [{"role": "user", "content": "Hi"}],
    }
    for _ in range(2):
        usage = client.messages.create(**body).usage
        assert usage.cache_creation_input_tokens == usage.cache_read_input_tokens == 0
        assert usage.cache_creation.ephemeral_5m_input_tokens == 0


# --- OpenAI: automatic caching and usage details ------------------------------------------------------


def chat(question: str = "What now?") -> list[dict]:
    return [{"role": "system", "content": MANUAL}, {"role": "user", "content": question}]


def test_usage_details_and_fingerprint_are_always_there(mockgw):
    client = mockgw.openai_client(_strict_response_validation=True)
    completion = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "hi"}])
    usage = completion.usage
    assert usage.prompt_tokens_details.cached_tokens == 0 and usage.prompt_tokens_details.audio_tokens == 0
    details = usage.completion_tokens_details
    assert (details.reasoning_tokens, details.audio_tokens) == (0, 0)
    assert (details.accepted_prediction_tokens, details.rejected_prediction_tokens) == (0, 0)
    assert completion.system_fingerprint.startswith("fp_")
    assert completion.choices[0].logprobs is None


def test_a_long_prompt_repeated_reads_the_cache_in_steps_of_128(mockgw):
    client = mockgw.openai_client()
    first = client.chat.completions.create(model=MODEL, messages=chat()).usage
    assert first.prompt_tokens >= 1024 and first.prompt_tokens_details.cached_tokens == 0
    again = client.chat.completions.create(model=MODEL, messages=chat("Something else?")).usage
    cached = again.prompt_tokens_details.cached_tokens
    assert cached % 128 == 0 and 1024 <= cached <= estimate_tokens(len(MANUAL))
    assert again.prompt_tokens == estimate_tokens(len(MANUAL) + len("Something else?"))  # cached included
    mockgw.advance_clock(5 * 60 + 1)
    expired = client.chat.completions.create(model=MODEL, messages=chat("Later?")).usage
    assert expired.prompt_tokens_details.cached_tokens == 0


def test_a_short_prompt_is_never_cached(mockgw):
    client = mockgw.openai_client()
    for _ in range(2):
        usage = client.chat.completions.create(
            model=MODEL, messages=[{"role": "user", "content": "hi"}]
        ).usage
        assert usage.prompt_tokens_details.cached_tokens == 0


def test_include_usage_puts_null_usage_on_every_chunk_before_the_last(mockgw):
    body = {
        "model": MODEL,
        "messages": [{"role": "user", "content": "hi"}],
        "stream": True,
        "stream_options": {"include_usage": True},
    }
    resp = httpx.post(
        mockgw.openai_base_url + "/chat/completions", json=body, headers={"x-api-key": mockgw.api_key}
    )
    lines = [line[6:] for line in resp.text.splitlines() if line.startswith("data: ")]
    assert lines[-1] == "[DONE]"
    chunks = [json.loads(line) for line in lines[:-1]]
    assert all("usage" in c and c["usage"] is None for c in chunks[:-1])
    assert chunks[-1]["choices"] == [] and chunks[-1]["usage"]["total_tokens"] > 0
    assert {c["system_fingerprint"] for c in chunks} == {chunks[0]["system_fingerprint"]}


def test_without_include_usage_chunks_carry_no_usage_key(mockgw):
    body = {"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "stream": True}
    resp = httpx.post(
        mockgw.openai_base_url + "/chat/completions", json=body, headers={"x-api-key": mockgw.api_key}
    )
    chunks = [json.loads(line[6:]) for line in resp.text.splitlines() if line.startswith("data: {")]
    assert not any("usage" in c for c in chunks)


# --- OpenAI n ----------------------------------------------------------------------------------------


def test_n_gives_n_distinct_deterministic_choices(mockgw):
    client = mockgw.openai_client(_strict_response_validation=True)
    body = {"model": MODEL, "messages": [{"role": "user", "content": "Write something"}], "n": 3}
    completion = client.chat.completions.create(**body)
    texts = [c.message.content for c in completion.choices]
    assert [c.index for c in completion.choices] == [0, 1, 2] and len(set(texts)) == 3
    assert [c.message.content for c in client.chat.completions.create(**body).choices] == texts
    assert completion.usage.completion_tokens == sum(estimate_tokens(len(t)) for t in texts)
    one = client.chat.completions.create(**(body | {"n": 1}))
    assert one.choices[0].message.content == texts[0]


def test_n_in_a_stream_tags_each_chunk_with_its_choice(mockgw):
    client = mockgw.openai_client()
    body = {"model": MODEL, "messages": [{"role": "user", "content": "Write something"}], "n": 2}
    expected = [c.message.content for c in client.chat.completions.create(**body).choices]
    texts = ["", ""]
    finishes = {}
    for chunk in client.chat.completions.create(**body, stream=True):
        for choice in chunk.choices:
            texts[choice.index] += choice.delta.content or ""
            if choice.finish_reason:
                finishes[choice.index] = choice.finish_reason
    assert texts == expected and finishes == {0: "stop", 1: "stop"}


def test_n_with_a_scripted_reply_repeats_it_in_every_choice(mockgw):
    mockgw.add_scenario({"name": "fixed", "turns": [{"reply": "Always this."}]})
    mockgw.use("fixed")
    completion = mockgw.openai_client().chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "hi"}], n=2
    )
    assert [c.message.content for c in completion.choices] == ["Always this.", "Always this."]
    assert completion.usage.completion_tokens == 2 * estimate_tokens(len("Always this."))


# --- OpenAI logprobs ------------------------------------------------------------------------------------


def check_logprobs(text: str, tokens: list, k: int) -> None:
    assert "".join(t.token for t in tokens) == text
    for t in tokens:
        assert t.logprob <= 0 and bytes(t.bytes).decode() == t.token
        assert len(t.top_logprobs) == k
        if k:
            assert t.top_logprobs[0].token == t.token and t.top_logprobs[0].logprob == t.logprob
            assert [a.logprob for a in t.top_logprobs] == sorted(
                (a.logprob for a in t.top_logprobs), reverse=True
            )


def test_logprobs_with_top_logprobs(mockgw):
    client = mockgw.openai_client(_strict_response_validation=True)
    choice = client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "hi"}], logprobs=True, top_logprobs=3
    ).choices[0]
    check_logprobs(choice.message.content, choice.logprobs.content, 3)
    assert choice.logprobs.refusal is None


def test_logprobs_without_top_logprobs_has_empty_alternatives(mockgw):
    choice = (
        mockgw.openai_client()
        .chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "hi"}], logprobs=True)
        .choices[0]
    )
    check_logprobs(choice.message.content, choice.logprobs.content, 0)


def test_logprobs_in_a_stream(mockgw):
    client = mockgw.openai_client()
    text, tokens = "", []
    for chunk in client.chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "hi"}], logprobs=True, top_logprobs=2, stream=True
    ):
        choice = chunk.choices[0]
        text += choice.delta.content or ""
        if choice.logprobs is not None:
            tokens += choice.logprobs.content
    assert text and tokens
    check_logprobs(text, tokens, 2)
