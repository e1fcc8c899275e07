"""The model catalog routes clients call: GET /api/v1/models (OpenAI shape), GET /v1/models[/{id}] (Anthropic).

References: openai-python `client.models.list()` -> `SyncPage[Model]` (openai/types/model.py);
anthropic-python `client.models.list()` -> `SyncPage[ModelInfo]` paginated by `has_more`,
`first_id`/`last_id` with `after_id`/`before_id` (anthropic/pagination.py, anthropic/types/model_info.py).
"""

from __future__ import annotations

import anthropic
import openai
import pytest

from mockgw.catalog import MODELS


def test_openai_models_list_is_the_gateways_catalog_with_plan_and_tool_support(mockgw):
    models = list(mockgw.openai_client().models.list())
    assert [m.id for m in models] == list(MODELS)
    qwen = next(m for m in models if m.id == "qwen-coder-32b")
    assert (qwen.object, qwen.model_extra["plan"], qwen.model_extra["tools"]) == ("model", "pro", True)
    assert next(m for m in models if m.id == "gemma-2b").model_extra["tools"] is False


def test_anthropic_models_list_pages_through_the_whole_catalog(mockgw):
    client = mockgw.anthropic_client()
    first = client.models.list(limit=5)
    assert [m.id for m in first.data] == list(MODELS)[:5] and first.has_more
    assert [m.id for m in client.models.list(limit=5)] == list(MODELS)  # the SDK follows after_id
    back = client.models.list(limit=3, before_id="qwen-7b")
    assert [m.id for m in back.data] == ["qwen-coder-7b", "nouscoder-14b", "minimax-m2.7"]


def test_anthropic_models_retrieve_and_an_unknown_model_is_a_404(mockgw):
    client = mockgw.anthropic_client(max_retries=0)
    info = client.models.retrieve("claude-sonnet-4.5")
    assert (info.type, info.id, info.lifecycle, info.max_tokens) == (
        "model",
        "claude-sonnet-4.5",
        "active",
        8192,
    )
    with pytest.raises(anthropic.NotFoundError, match="gpt-9"):
        client.models.retrieve("gpt-9")
    with pytest.raises(anthropic.BadRequestError, match="limit"):
        client.models.list(limit=0)


def test_the_catalog_routes_need_a_key_like_chat(mockgw):
    with pytest.raises(openai.AuthenticationError):
        mockgw.openai_client(api_key="sk-ant-nope", max_retries=0).models.list()
    with pytest.raises(anthropic.AuthenticationError):
        mockgw.anthropic_client(api_key="sk-ant-nope", max_retries=0).models.list()
