"""Keys, platform tokens, plans, rate limits and credits, on the mockgw clock."""

from __future__ import annotations

import asyncio

import anthropic
import httpx
import openai
import pytest

from mockgw import MockGateway
from mockgw.files import InvalidFile

HI = [{"role": "user", "content": "hi"}]


def ask(client: anthropic.Anthropic, model: str = "qwen-7b") -> anthropic.types.Message:
    return client.messages.create(model=model, max_tokens=16, messages=HI)


def test_starter_key_gets_60_requests_an_hour_then_429_until_the_oldest_leaves(mockgw):
    mockgw.set_key("sk_starter", plan="starter")
    client = mockgw.anthropic_client(api_key="sk_starter", max_retries=0)
    ask(client)
    mockgw.advance_clock(600)
    for _ in range(59):
        ask(client)
    with pytest.raises(anthropic.RateLimitError) as info:
        ask(client)
    wait = int(info.value.response.headers["retry-after"])
    assert 2999 <= wait <= 3000, "seconds until the first request leaves the hour window"
    assert info.value.response.headers["anthropic-ratelimit-requests-remaining"] == "0"
    mockgw.advance_clock(wait)
    assert ask(client).role == "assistant"
    with pytest.raises(anthropic.RateLimitError):
        ask(client)


def test_rate_limit_headers_in_each_apis_own_dialect(mockgw):
    raw = mockgw.anthropic_client().messages.with_raw_response.create(
        model="qwen-7b", max_tokens=8, messages=HI
    )
    assert raw.headers["anthropic-ratelimit-requests-limit"] == "300"  # pro, the default plan
    assert raw.headers["anthropic-ratelimit-requests-remaining"] == "299"
    assert raw.headers["anthropic-ratelimit-requests-reset"].endswith("Z")
    assert raw.headers["request-id"].startswith("req_")
    assert "x-ratelimit-limit-requests" not in raw.headers
    oraw = mockgw.openai_client().chat.completions.with_raw_response.create(model="qwen-7b", messages=HI)
    assert oraw.headers["x-ratelimit-limit-requests"] == "300"
    assert oraw.headers["x-ratelimit-remaining-requests"] == "298"
    # when the oldest request leaves the hour's window, in OpenAI's format: 1h0m0s, or a second or two
    # less when the machine is slow between the two requests (the clock is real time here)
    assert oraw.headers["x-ratelimit-reset-requests"] in ("1h0m0s", "59m59s", "59m58s")
    assert oraw.headers["x-request-id"].startswith("req_")
    assert "anthropic-ratelimit-requests-limit" not in oraw.headers


def test_openai_sdk_sees_the_429_too(mockgw):
    mockgw.set_key("sk_starter", plan="starter")
    client = mockgw.openai_client(api_key="sk_starter", max_retries=0)
    for _ in range(60):
        client.chat.completions.create(model="qwen-7b", messages=HI)
    with pytest.raises(openai.RateLimitError) as info:
        client.chat.completions.create(model="qwen-7b", messages=HI)
    assert info.value.code == "rate_limit_exceeded" and int(info.value.response.headers["retry-after"]) > 3500


def test_minted_token_expires_after_24_hours_and_refresh_gives_a_working_one(mockgw):
    tokens = mockgw.mint_token()
    assert tokens["access_token"].startswith("eyJ") and tokens["expires_in"] == 86400
    assert ask(mockgw.anthropic_client(api_key=tokens["access_token"])).role == "assistant"
    mockgw.advance_clock(24 * 3600)
    with pytest.raises(anthropic.AuthenticationError, match="platform token expired"):
        ask(mockgw.anthropic_client(api_key=tokens["access_token"]))
    with pytest.raises(openai.AuthenticationError, match="refresh it with POST /api/v1/auth/refresh"):
        mockgw.openai_client(api_key=tokens["access_token"]).chat.completions.create(
            model="qwen-7b", messages=HI
        )
    refreshed = httpx.post(
        mockgw.url + "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refreshed.status_code == 200, refreshed.text
    fresh = refreshed.json()["access_token"]
    assert ask(mockgw.anthropic_client(api_key=fresh)).role == "assistant"


def test_tampered_or_wrong_kind_of_token_is_refused(mockgw):
    tokens = mockgw.mint_token()
    head, body, sig = tokens["access_token"].split(".")
    tampered = f"{head}.{body}.{sig[:-4]}AAAA"
    with pytest.raises(anthropic.AuthenticationError, match="invalid platform token"):
        ask(mockgw.anthropic_client(api_key=tampered))
    with pytest.raises(anthropic.AuthenticationError, match="this is a refresh token, not an access token"):
        ask(mockgw.anthropic_client(api_key=tokens["refresh_token"]))
    bad = httpx.post(mockgw.url + "/api/v1/auth/refresh", json={"refresh_token": tokens["access_token"]})
    assert (
        bad.status_code == 401
        and "this is an access token, not a refresh token" in bad.json()["error"]["message"]
    )


def test_auth_me_answers_for_a_key_and_for_a_token(mockgw):
    mockgw.set_key("sk_me", plan="business")
    by_key = httpx.get(mockgw.url + "/api/v1/auth/me", headers={"x-api-key": "sk_me"}).json()
    token = mockgw.mint_token(key="sk_me")["access_token"]
    by_token = httpx.get(mockgw.url + "/api/v1/auth/me", headers={"authorization": f"Bearer {token}"}).json()
    assert by_key == by_token
    assert by_key["plan"] == "business" and "@" in by_key["email"] and by_key["id"].startswith("acct_")


def test_oauth_routes_do_not_exist(mockgw):
    for path in ("/api/oauth/roles", "/api/oauth/profile"):
        resp = httpx.get(mockgw.url + path, headers={"x-api-key": mockgw.api_key})
        assert resp.status_code == 404
        assert "use GET /api/v1/auth/me" in resp.json()["error"]["message"]


def test_sk_ant_keys_get_401_in_each_envelope(mockgw):
    headers = {"x-api-key": "sk-ant-api03-xyz", "content-type": "application/json"}
    body = {"model": "qwen-7b", "max_tokens": 8, "messages": HI}
    a = httpx.post(mockgw.url + "/v1/messages", json=body, headers=headers)
    o = httpx.post(mockgw.openai_base_url + "/chat/completions", json=body, headers=headers)
    assert a.status_code == o.status_code == 401
    assert a.json()["error"]["type"] == "authentication_error"
    assert o.json()["error"]["code"] == "invalid_api_key"


def test_balance_drops_by_the_documented_cost(mockgw):
    mockgw.set_key("sk_costs", plan="pro", credits=100)
    client = mockgw.anthropic_client(api_key="sk_costs")

    def balance() -> int:
        return httpx.get(
            mockgw.url + "/api/v1/public/credits/balance", headers={"x-api-key": "sk_costs"}
        ).json()["balance"]

    ask(client, "qwen-coder-32b")
    assert balance() == 99
    ask(client, "claude-sonnet-4.5")
    assert balance() == 94
    with pytest.raises(anthropic.BadRequestError):
        ask(client, "no-such-model")
    assert balance() == 94, "refused requests cost nothing"
    with pytest.raises(anthropic.InternalServerError):
        client.with_options(max_retries=0).messages.create(
            model="qwen-7b", max_tokens=8, messages=HI, extra_headers={"x-mockgw-scenario": "always-500"}
        )
    assert balance() == 94, "failed requests are refunded"


def test_concurrent_requests_leave_an_exact_ledger(mockgw):
    mockgw.set_key("sk_busy", plan="enterprise", credits=150)
    client = mockgw.async_openai_client(api_key="sk_busy", max_retries=0)

    async def one() -> int:
        try:
            await client.chat.completions.create(model="qwen-7b", messages=HI)
            return 200
        except openai.APIStatusError as exc:
            return exc.status_code

    async def burst() -> list[int]:
        return await asyncio.gather(*(one() for _ in range(200)))

    statuses = asyncio.run(burst())
    assert statuses.count(200) == 150 and statuses.count(402) == 50
    balance = httpx.get(
        mockgw.url + "/api/v1/public/credits/balance", headers={"x-api-key": "sk_busy"}
    ).json()
    assert balance["balance"] == 0 and balance["used"] == 150


def test_exhausted_credits_get_402_and_come_back_next_month(mockgw):
    mockgw.set_key("sk_poor", plan="starter", credits=1)
    client = mockgw.anthropic_client(api_key="sk_poor", max_retries=0)
    ask(client)
    with pytest.raises(anthropic.PaymentRequiredError, match="insufficient credits: balance 0") as info:
        ask(client)
    assert info.value.body["error"]["type"] == "billing_error"
    mockgw.advance_clock(32 * 24 * 3600)
    assert ask(client).role == "assistant"


def test_model_outside_the_plan_gets_403(mockgw):
    mockgw.set_key("sk_free", plan="starter")
    with pytest.raises(anthropic.PermissionDeniedError, match="requires the pro plan or higher"):
        ask(mockgw.anthropic_client(api_key="sk_free"), "qwen-coder-32b")
    with pytest.raises(openai.PermissionDeniedError) as info:
        mockgw.openai_client(api_key="sk_free").chat.completions.create(model="claude-opus-4", messages=HI)
    assert info.value.code == "model_not_in_plan"


def test_accounts_file_configures_keys_and_rejects_unknown_ones(tmp_path):
    accounts = tmp_path / "accounts.yaml"
    accounts.write_text("unknown_keys: reject\nkeys:\n  - key: sk_team\n    plan: basic\n    credits: 3\n")
    with MockGateway(accounts=accounts) as gw:
        ask(gw.anthropic_client(api_key="sk_team"), "qwen-coder-7b")
        with pytest.raises(anthropic.AuthenticationError, match="not known"):
            ask(gw.anthropic_client(api_key="sk_other"))
        assert gw.call("GET", "/health")["status"] == "ok"


def test_invalid_accounts_file_names_file_and_line(tmp_path):
    accounts = tmp_path / "accounts.yaml"
    accounts.write_text("keys:\n  - key: sk_a\n    plan: gold\n")
    with pytest.raises(InvalidFile, match=r"accounts.yaml:3: keys.0.plan: Input should be 'starter'"):
        MockGateway(accounts=accounts)
