"""The OpenAI Agents SDK (`openai-agents`) in chat-completions mode against a live mockgw.

Users point it at the gateway with `OpenAIChatCompletionsModel(model=..., openai_client=AsyncOpenAI(base_url=
<root>/api/v1))`; tracing is off so the run makes no call to api.openai.com.
"""

from __future__ import annotations

import asyncio

from agents import Agent, OpenAIChatCompletionsModel, Runner, function_tool, set_tracing_disabled
from pydantic import BaseModel

set_tracing_disabled(True)


def agent(mockgw, **kw) -> Agent:
    client = mockgw.async_openai_client(max_retries=0)
    model = OpenAIChatCompletionsModel(model="qwen-coder-32b", openai_client=client)
    return Agent(name="assistant", instructions="You are a helpful assistant.", model=model, **kw)


@function_tool
def read_file(path: str) -> str:
    """Read the contents of a file at the given path."""
    return "Hello from the Agents SDK"


def test_run_returns_the_reply(mockgw):
    result = Runner.run_sync(agent(mockgw), "Say hello")
    assert result.final_output == "Hello! How can I help you today?"
    mockgw.assert_requests(1, path="/api/v1/chat/completions")


def test_streamed_run_delivers_text_deltas(mockgw):
    async def run_streamed() -> tuple[list[str], str]:
        result = Runner.run_streamed(agent(mockgw), "Count to 5")
        deltas = [
            event.data.delta
            async for event in result.stream_events()
            if event.type == "raw_response_event" and event.data.type == "response.output_text.delta"
        ]
        return deltas, result.final_output

    deltas, final_output = asyncio.run(run_streamed())
    assert "".join(deltas) == "1\n2\n3\n4\n5" and len(deltas) > 1
    assert final_output == "1\n2\n3\n4\n5"
    assert mockgw.last_request["body"]["stream"] is True


def test_function_tool_loop_runs_the_tool_and_answers_with_its_result(mockgw):
    result = Runner.run_sync(agent(mockgw, tools=[read_file]), "What is in /tmp/test.txt?")
    assert result.final_output == 'The file /tmp/test.txt contains: "Hello from the Agents SDK"'
    assert [r["scenario"] for r in mockgw.requests] == ["tool-read-file", "tool-read-file"]
    tool_message = mockgw.last_request["body"]["messages"][-1]
    assert tool_message["role"] == "tool" and tool_message["content"] == "Hello from the Agents SDK"


class Weather(BaseModel):
    city: str
    temperature_c: float
    conditions: str


def test_output_type_gets_an_object_of_that_type(mockgw):
    """Agents sends `response_format: {"type": "json_schema", "json_schema": {..., "strict": true}}` for an
    output_type (agents/models/chatcmpl_converter.py, Converter.convert_response_format) and validates
    the reply's content as JSON against it."""
    result = Runner.run_sync(agent(mockgw, output_type=Weather), "Weather in Paris?")
    assert isinstance(result.final_output, Weather)
    assert mockgw.last_request["body"]["response_format"]["type"] == "json_schema"
