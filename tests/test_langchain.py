"""LangChain's ChatAnthropic and ChatOpenAI are clients too: what they send is valid input."""

from __future__ import annotations

from langchain_anthropic import ChatAnthropic
from langchain_core.messages import HumanMessage, ToolMessage
from langchain_core.tools import tool
from langchain_openai import ChatOpenAI


@tool
def read_file(path: str) -> str:
    """Read the contents of a file at the given path."""
    return "Hello from LangChain"


def test_chat_anthropic_invoke_and_stream(mockgw):
    llm = ChatAnthropic(model="qwen-coder-32b", api_key=mockgw.api_key, base_url=mockgw.url, max_tokens=256)
    assert llm.invoke("Say hello").content == "Hello! How can I help you today?"
    assert "".join(chunk.content for chunk in llm.stream("Count to 5")) == "1\n2\n3\n4\n5"


def test_chat_openai_runs_the_tool_loop(mockgw):
    llm = ChatOpenAI(model="qwen-coder-32b", api_key=mockgw.api_key, base_url=mockgw.openai_base_url)
    agent = llm.bind_tools([read_file])
    messages = [HumanMessage("What is in /tmp/test.txt?")]
    first = agent.invoke(messages)
    call = first.tool_calls[0]
    assert (call["name"], call["args"]) == ("read_file", {"path": "/tmp/test.txt"})
    messages += [first, ToolMessage(read_file.invoke(call["args"]), tool_call_id=call["id"])]
    final = agent.invoke(messages)
    assert final.content == 'The file /tmp/test.txt contains: "Hello from LangChain"'
    assert mockgw.requests[-1]["body"]["tools"][0]["function"]["name"] == "read_file"


def test_chat_anthropic_runs_the_tool_loop_streaming(mockgw):
    llm = ChatAnthropic(model="qwen-coder-32b", api_key=mockgw.api_key, base_url=mockgw.url, streaming=True)
    agent = llm.bind_tools([read_file])
    messages = [HumanMessage("What is in /tmp/test.txt?")]
    first = agent.invoke(messages)
    call = first.tool_calls[0]
    messages += [first, ToolMessage("42 lines", tool_call_id=call["id"])]
    final = agent.invoke(messages)
    assert final.text == 'The file /tmp/test.txt contains: "42 lines"'
    assert final.usage_metadata["input_tokens"] > 0 and final.usage_metadata["output_tokens"] > 0


def test_chat_anthropic_with_thinking_runs_the_tool_loop(mockgw):
    """ChatAnthropic(thinking=...) keeps the thinking block (with its signature) in the AIMessage's
    content and sends it back with the tool result, as the API requires."""
    llm = ChatAnthropic(
        model="claude-sonnet-4.5",
        api_key=mockgw.api_key,
        base_url=mockgw.url,
        max_tokens=2048,
        thinking={"type": "enabled", "budget_tokens": 1024},
    )
    agent = llm.bind_tools([read_file])
    messages = [HumanMessage("What is in /tmp/test.txt?")]
    first = agent.invoke(messages)
    assert [b["type"] for b in first.content] == ["thinking", "text", "tool_use"]
    assert first.content[0]["signature"]
    call = first.tool_calls[0]
    messages += [first, ToolMessage("42 lines", tool_call_id=call["id"])]
    final = agent.invoke(messages)
    assert final.text == 'The file /tmp/test.txt contains: "42 lines"'
    sent = mockgw.requests[-1]["body"]["messages"][1]["content"][0]
    assert sent["type"] == "thinking" and sent["signature"] == first.content[0]["signature"]
