"""pydantic-ai against a live mockgw, with its OpenAI and Anthropic models pointed at the gateway by base_url.

Tool output (the default for a structured output_type) forces pydantic-ai's `final_result` tool, so mockgw
answers with tool input generated from the type's schema; NativeOutput asks for a structured reply.
"""

from __future__ import annotations

import httpx2
import pytest
from pydantic import BaseModel, Field
from pydantic_ai import Agent, NativeOutput
from pydantic_ai.models.anthropic import AnthropicModel
from pydantic_ai.models.openai import OpenAIChatModel
from pydantic_ai.profiles.anthropic import anthropic_model_profile
from pydantic_ai.providers.anthropic import AnthropicProvider
from pydantic_ai.providers.openai import OpenAIProvider

MODEL = "qwen-coder-32b"
PATHS = {"openai": "/api/v1/chat/completions", "anthropic": "/v1/messages"}


def model(mockgw, provider: str, native: bool = False, http_client=None):
    """http_client: an async test passes its own and closes it in its own event loop; a provider's own
    client is closed by whichever loop collects it, which failed once in an async test with "Event loop
    is closed" from a connection another test's loop had opened."""
    if provider == "openai":
        return OpenAIChatModel(
            MODEL,
            provider=OpenAIProvider(
                base_url=mockgw.openai_base_url, api_key=mockgw.api_key, http_client=http_client
            ),
        )
    anthropic = AnthropicProvider(base_url=mockgw.url, api_key=mockgw.api_key, http_client=http_client)
    if native:
        # pydantic-ai allows NativeOutput only for the Anthropic model ids it knows to have structured
        # outputs (profiles/anthropic.py); the gateway's ids are its own, so name the model's profile.
        return AnthropicModel(
            "claude-sonnet-4.5", provider=anthropic, profile=anthropic_model_profile("claude-sonnet-4-5")
        )
    return AnthropicModel(MODEL, provider=anthropic)


class City(BaseModel):
    name: str
    population: int = Field(ge=0)
    landmarks: list[str]


both = pytest.mark.parametrize("provider", ["openai", "anthropic"])


@both
def test_run_returns_the_reply(mockgw, provider):
    result = Agent(model(mockgw, provider)).run_sync("Say hello")
    assert result.output == "Hello! How can I help you today?"
    mockgw.assert_requests(1, path=PATHS[provider])


@both
@pytest.mark.anyio
async def test_run_stream_delivers_text_deltas(mockgw, provider):
    async with httpx2.AsyncClient() as http_client:
        agent = Agent(model(mockgw, provider, http_client=http_client))
        async with agent.run_stream("Count to 5") as result:
            deltas = [d async for d in result.stream_text(delta=True, debounce_by=None)]
    assert "".join(deltas) == "1\n2\n3\n4\n5" and len(deltas) > 1
    assert mockgw.last_request["body"]["stream"] is True


@both
def test_tool_loop_calls_the_tool_and_answers_with_its_result(mockgw, provider):
    agent = Agent(model(mockgw, provider))

    @agent.tool_plain
    def read_file(path: str) -> str:
        """Read the contents of a file at the given path."""
        return f"{len(path)} bytes of pydantic-ai"

    result = agent.run_sync("What is in /tmp/test.txt?")
    assert result.output == 'The file /tmp/test.txt contains: "13 bytes of pydantic-ai"'
    assert [r["scenario"] for r in mockgw.requests] == ["tool-read-file", "tool-read-file"]


@both
def test_tool_output_returns_a_validated_model(mockgw, provider):
    result = Agent(model(mockgw, provider), output_type=City).run_sync("Describe Paris")
    assert isinstance(result.output, City) and result.output.population >= 0
    tools = mockgw.last_request["body"]["tools"]
    assert [t.get("name") or t["function"]["name"] for t in tools] == ["final_result"]


@both
def test_native_output_returns_a_validated_model(mockgw, provider):
    """NativeOutput sends OpenAI `response_format: {"type": "json_schema", ...}` and Anthropic `output_format`
    (pydantic_ai/models/openai.py and anthropic.py), then validates the reply's text as JSON."""
    agent = Agent(model(mockgw, provider, native=True), output_type=NativeOutput(City))
    # the Claude profile asks for 64,000 tokens; the gateway caps max_tokens at 8192 (README, Assumptions)
    result = agent.run_sync("Describe Paris", model_settings={"max_tokens": 1024})
    assert isinstance(result.output, City)
