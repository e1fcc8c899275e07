"""The gateway's models and plans, as data transcribed from the docs page.

Where the page is silent the value is our assumption; README ("Assumptions") lists each one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from mockgw.domain import ChatRequest, ContextWindowExceeded, ToolChoice, bad_request

PLAN_ORDER = ("starter", "basic", "pro", "business", "enterprise")


@dataclass(frozen=True, slots=True)
class Plan:
    name: str
    monthly_credits: int
    requests_per_hour: int


# Starter/Pro/Business/Enterprise are from the page's "Rate Limits & Credits" table.
# Basic appears only as a model tier ("Basic+"); its numbers are our assumption.
PLANS: dict[str, Plan] = {
    "starter": Plan("starter", 1_000, 60),
    "basic": Plan("basic", 10_000, 120),
    "pro": Plan("pro", 50_000, 300),
    "business": Plan("business", 150_000, 1_000),
    "enterprise": Plan("enterprise", 200_000, 5_000),
}


@dataclass(frozen=True, slots=True)
class Model:
    id: str
    min_plan: str
    tools: bool
    context_window: int  # tokens of prompt, by the ChatRequest.input_tokens estimate
    max_tokens_cap: int = 8192
    credits_per_request: int = 1
    upstream: str | None = None  # the gemma remapping: what actually serves the id
    # Anthropic `thinking` enabled/adaptive: answered with thinking blocks, refused with the API's 400
    # (a Claude model without extended thinking), or ignored (the gateway's open models)
    thinking: Literal["supported", "refused", "ignored"] = "ignored"
    min_cache_tokens: int = 1024  # shorter prompt prefixes are not cached (Anthropic and OpenAI docs)


def _m(id: str, plan: str, tools: bool = True, **kw: object) -> Model:
    return Model(id, plan, tools, **kw)  # type: ignore[arg-type]


THINKS = "supported"  # extended thinking: Claude Sonnet 4.5 and Opus 4 have it, 3.5 Haiku does not

# Tool support follows the page's prose ("gemma-* and deepseek-r1-* do not support tools")
# over its tables, which still say "Yes" for them; minimax-m2.7 is "No" in the table.
# The page gives no context windows: each is the published one of the model behind the id (README).
MODELS: dict[str, Model] = {
    m.id: m
    for m in (
        _m("qwen-coder-32b", "pro", max_tokens_cap=32768, context_window=32_768),
        _m("qwen-coder-7b", "basic", context_window=32_768),
        _m("nouscoder-14b", "pro", context_window=32_768),
        _m("minimax-m2.7", "pro", tools=False, context_window=204_800),
        _m("qwen-7b", "starter", context_window=32_768),
        _m("gemma-2b", "starter", tools=False, upstream="gemma-3n", context_window=32_768),
        _m("gemma-9b", "pro", tools=False, upstream="gemma-3-27b", context_window=131_072),
        _m("llama-3.3-8b-instruct", "starter", context_window=131_072),
        _m("llama-3.3-70b-instruct", "basic", context_window=131_072),
        _m("llama-4-maverick-17b-128e", "pro", context_window=1_048_576),
        _m("deepseek-r1-distill-qwen-7b", "pro", tools=False, context_window=131_072),
        _m("deepseek-r1-distill-llama-8b", "pro", tools=False, context_window=131_072),
        _m("deepseek-r1", "enterprise", tools=False, context_window=131_072),
        _m(
            "claude-3-5-haiku",
            "basic",
            credits_per_request=2,
            context_window=200_000,
            thinking="refused",
            min_cache_tokens=2048,
        ),
        _m("claude-sonnet-4.5", "pro", credits_per_request=5, context_window=200_000, thinking=THINKS),
        _m("claude-opus-4", "enterprise", credits_per_request=10, context_window=200_000, thinking=THINKS),
    )
}

# Used in lenient mode for model ids the gateway does not know.
UNLISTED = Model("unlisted", "starter", True, 1_000_000, max_tokens_cap=1_000_000, thinking="supported")


def plan_allows(plan: str, model: Model) -> bool:
    return PLAN_ORDER.index(plan) >= PLAN_ORDER.index(model.min_plan)


def apply_model_rules(request: ChatRequest, lenient: bool, tools_policy: str) -> tuple[Model, ChatRequest]:
    """The gateway's model rules: known model, max_tokens within its cap, the prompt within the context
    window, tools where supported. `lenient` admits unknown model ids; it does not relax the rest.

    Returns the model and the request as the model will see it: tools sent to a model without tool
    calling are dropped ("ignore", the default; the request comes back without them) or refused ("reject").
    """
    model = MODELS.get(request.model)
    if model is None:
        if not lenient:
            raise bad_request(
                f"model {request.model!r} is not available; known models: {', '.join(MODELS)}", param="model"
            )
        model = UNLISTED
    if request.max_tokens < 0:  # each wire's contract words its own floor; this is the backstop
        raise bad_request(f"max_tokens: must be at least 0, got {request.max_tokens}", param="max_tokens")
    if request.max_tokens > model.max_tokens_cap:
        raise bad_request(
            f"max_tokens: {request.max_tokens} exceeds the limit of {model.max_tokens_cap} for {model.id}",
            param="max_tokens",
        )
    tokens = request.input_tokens()
    if tokens > model.context_window:
        raise ContextWindowExceeded(tokens, model.context_window)
    if request.thinking is not None:
        request = _thinking_rules(request, model)
    if request.tools and not model.tools:
        if tools_policy == "reject":
            raise bad_request(f"model {model.id} does not support tool calling", param="tools")
        return model, replace(request, tools=[], tool_choice=ToolChoice())
    return model, request


def _thinking_rules(request: ChatRequest, model: Model) -> ChatRequest:
    """Thinking on a model without it: the API's 400 ("'claude-3-5-haiku-20241022' does not support
    thinking.", reported from the API), or dropped on the gateway's open models; on a model with it,
    the API's refusals of what thinking does not go with."""
    if model.thinking == "refused":
        raise bad_request(f"'{model.id}' does not support thinking.", param="thinking")
    if model.thinking == "ignored":
        return replace(request, thinking=None)
    if request.thinking is not None and request.thinking.refusal:
        raise bad_request(request.thinking.refusal)
    return request
