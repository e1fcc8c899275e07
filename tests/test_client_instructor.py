"""instructor against a live mockgw: a pydantic model back from a chat call, on both formats.

Mode.TOOLS forces a tool whose input schema is the model's, so mockgw answers with tool input generated
from that schema; the JSON modes ask for a structured reply instead (instructor/v2/providers/openai/handlers.py).
On Anthropic, Mode.TOOLS is what Mode.ANTHROPIC_TOOLS became (the old name is deprecated in instructor 1.17).
"""

from __future__ import annotations

import fcntl
import importlib.util
import subprocess
import sys
from pathlib import Path

from pydantic import BaseModel, Field

INSTRUCTOR = "instructor==1.17.0"
LOCK = Path(__file__).resolve().parents[1] / ".cache" / "instructor.lock"


def install_instructor() -> None:
    """Not in the `test` extra (pyproject.toml says why): installed here, once, without its jiter pin."""
    LOCK.parent.mkdir(parents=True, exist_ok=True)
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # xdist workers share the venv
        if importlib.util.find_spec("instructor") is None:
            pip = [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-deps"]
            subprocess.run([*pip, INSTRUCTOR], check=True)
            importlib.invalidate_caches()


install_instructor()
import instructor  # noqa: E402

MODEL = "qwen-coder-32b"
PROMPT = [{"role": "user", "content": "Extract the user: Jason is 25 years old."}]


class User(BaseModel):
    name: str
    age: int = Field(ge=0, le=130)
    tags: list[str]


def test_openai_tools_mode_returns_a_validated_model(mockgw):
    client = instructor.from_openai(mockgw.openai_client(max_retries=0), mode=instructor.Mode.TOOLS)
    user = client.chat.completions.create(model=MODEL, response_model=User, messages=PROMPT, max_retries=0)
    assert isinstance(user, User) and 0 <= user.age <= 130
    body = mockgw.last_request["body"]
    assert body["tool_choice"] == {"type": "function", "function": {"name": "User"}}
    mockgw.assert_requests(1, path="/api/v1/chat/completions")


def test_openai_tools_mode_streams_partial_models(mockgw):
    client = instructor.from_openai(mockgw.openai_client(max_retries=0), mode=instructor.Mode.TOOLS)
    partials = list(
        client.chat.completions.create_partial(
            model=MODEL, response_model=User, messages=PROMPT, max_retries=0
        )
    )
    assert len(partials) > 1
    final = User.model_validate(partials[-1].model_dump())
    assert 0 <= final.age <= 130
    assert mockgw.last_request["body"]["stream"] is True


def test_anthropic_tools_mode_returns_a_validated_model(mockgw):
    client = instructor.from_anthropic(mockgw.anthropic_client(max_retries=0), mode=instructor.Mode.TOOLS)
    user = client.messages.create(
        model=MODEL, max_tokens=512, response_model=User, messages=PROMPT, max_retries=0
    )
    assert isinstance(user, User) and 0 <= user.age <= 130
    tool_choice = mockgw.last_request["body"]["tool_choice"]
    assert (tool_choice["type"], tool_choice["name"]) == ("tool", "User")
    mockgw.assert_requests(1, path="/v1/messages")


def test_openai_json_schema_mode_returns_a_validated_model(mockgw):
    """Mode.JSON_SCHEMA sends `response_format: {"type": "json_schema", "json_schema": {"name": "User",
    "schema": ...}}` and parses the message content (instructor/v2/providers/openai/handlers.py)."""
    client = instructor.from_openai(mockgw.openai_client(max_retries=0), mode=instructor.Mode.JSON_SCHEMA)
    user = client.chat.completions.create(model=MODEL, response_model=User, messages=PROMPT, max_retries=0)
    assert isinstance(user, User)
    assert mockgw.last_request["body"]["response_format"]["type"] == "json_schema"


def test_openai_json_mode_gets_the_scripted_json_object(mockgw):
    """Mode.JSON sends `response_format: {"type": "json_object"}` with the schema only in the system message,
    which mockgw does not read (a generated json_object reply is `{"answer": ...}`): script the object."""
    mockgw.add_scenario(
        {
            "name": "jason",
            "match": {"user_contains": "Jason"},
            "turns": [{"reply": {"content": [{"json": {"name": "Jason", "age": 25, "tags": []}}]}}],
        }
    )
    client = instructor.from_openai(mockgw.openai_client(max_retries=0), mode=instructor.Mode.JSON)
    user = client.chat.completions.create(model=MODEL, response_model=User, messages=PROMPT, max_retries=0)
    assert user.model_dump() == {"name": "Jason", "age": 25, "tags": []}
    assert mockgw.last_request["body"]["response_format"] == {"type": "json_object"}
