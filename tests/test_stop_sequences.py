"""Stop sequences: the reply is cut before the first one its text reaches, on both formats, JSON and stream.

References: Anthropic Messages `stop_sequences` ("if the model encounters one of the custom sequences,
the response stop_reason value will be "stop_sequence" and the response stop_sequence value will
contain the matched stop sequence", anthropic/types/message_create_params.py; `stop_sequence` in
anthropic/types/message.py and in the stream's message_delta, raw_message_delta_event.py).
OpenAI Chat Completions `stop` ("Up to 4 sequences where the API will stop generating further tokens.
The returned text will not contain the stop sequence.", openai/types/chat/completion_create_params.py);
the finish_reason is "stop" ("the model hit a natural stop point or a provided stop sequence",
openai/types/chat/chat_completion.py).
"""

from __future__ import annotations

from mockgw.domain import ChatRequest, Draft, Message, Text, ToolUse, estimate_tokens, make_reply

MODEL = "qwen-coder-32b"
STORY = {"name": "story", "turns": [{"reply": "Once upon a time. END Then nothing."}]}


def user(text: str) -> list[dict]:
    return [{"role": "user", "content": text}]


def test_anthropic_scripted_reply_is_cut_before_the_stop_sequence(mockgw):
    mockgw.add_scenario(STORY)
    mockgw.use("story")
    reply = mockgw.anthropic_client().messages.create(
        model=MODEL, max_tokens=256, messages=user("Tell me a story"), stop_sequences=["STOP", "END"]
    )
    assert reply.content[0].text == "Once upon a time. "
    assert reply.stop_reason == "stop_sequence" and reply.stop_sequence == "END"
    assert reply.usage.output_tokens == estimate_tokens(len("Once upon a time. "))


def test_anthropic_stream_names_the_stop_sequence_in_message_delta(mockgw):
    mockgw.add_scenario(STORY)
    mockgw.use("story")
    with mockgw.anthropic_client().messages.stream(
        model=MODEL, max_tokens=256, messages=user("Tell me a story"), stop_sequences=["END"]
    ) as stream:
        deltas = [e for e in stream if e.type == "message_delta"]
        final = stream.get_final_message()
    assert deltas[0].delta.stop_reason == "stop_sequence" and deltas[0].delta.stop_sequence == "END"
    assert final.content[0].text == "Once upon a time. " and final.stop_sequence == "END"


def test_anthropic_reply_without_the_sequence_ends_its_turn(mockgw):
    mockgw.add_scenario(STORY)
    mockgw.use("story")
    reply = mockgw.anthropic_client().messages.create(
        model=MODEL, max_tokens=256, messages=user("Tell me a story"), stop_sequences=["never"]
    )
    assert reply.content[0].text == "Once upon a time. END Then nothing."
    assert reply.stop_reason == "end_turn" and reply.stop_sequence is None


def test_openai_scripted_reply_is_cut_before_the_stop_sequence(mockgw):
    mockgw.add_scenario(STORY)
    mockgw.use("story")
    completion = mockgw.openai_client().chat.completions.create(
        model=MODEL, messages=user("Tell me a story"), stop="END"
    )
    choice = completion.choices[0]
    assert choice.message.content == "Once upon a time. " and choice.finish_reason == "stop"
    assert completion.usage.completion_tokens == estimate_tokens(len("Once upon a time. "))


def test_openai_stream_is_cut_before_the_stop_sequence(mockgw):
    mockgw.add_scenario(STORY)
    mockgw.use("story")
    chunks = list(
        mockgw.openai_client().chat.completions.create(
            model=MODEL, messages=user("Tell me a story"), stop=["time", "END"], stream=True
        )
    )
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "Once upon a "
    assert chunks[-1].choices[0].finish_reason == "stop"


def test_generated_text_is_cut_at_a_sequence_it_contains(mockgw):
    client = mockgw.anthropic_client()
    ask = {"model": MODEL, "max_tokens": 256, "messages": user("Write something")}
    full = client.messages.create(**ask).content[0].text
    word = full.split()[4]
    reply = client.messages.create(**ask, stop_sequences=[word])
    assert reply.content[0].text == full[: full.index(word)]
    assert reply.stop_sequence == word
    openai_text = (
        mockgw.openai_client()
        .chat.completions.create(model=MODEL, max_tokens=256, messages=user("Write something"), stop=[word])
        .choices[0]
        .message.content
    )
    assert openai_text == full[: full.index(word)]


def _request(stop: list[str], max_tokens: int = 256) -> ChatRequest:
    return ChatRequest(MODEL, [Message("user", [Text("hi")])], max_tokens, stop_sequences=stop)


def test_of_overlapping_sequences_the_one_that_ends_first_stops_the_reply():
    reply = make_reply(_request(["cdef", "de"]), Draft([Text("abcdefgh")]))
    assert reply.blocks == [Text("abc")] and reply.stop_sequence == "de"


def test_a_stop_sequence_in_the_text_drops_the_tool_call_after_it():
    call = ToolUse("t1", "read_file", {"path": "END"})
    reply = make_reply(_request(["END"]), Draft([Text("Reading. END"), call]))
    assert reply.blocks == [Text("Reading. ")] and reply.stop_reason == "stop_sequence"


def test_a_sequence_only_inside_a_tool_input_does_not_stop_the_reply():
    call = ToolUse("t1", "read_file", {"path": "END"})
    reply = make_reply(_request(["END"]), Draft([Text("Reading."), call]))
    assert reply.stop_reason == "tool_use" and reply.stop_sequence is None


def test_max_tokens_wins_when_it_comes_before_the_sequence():
    reply = make_reply(_request(["END"], max_tokens=2), Draft([Text("abcdefghijkl END")]))
    assert reply.blocks == [Text("abcdefgh")] and reply.stop_reason == "max_tokens"
    assert reply.stop_sequence is None
