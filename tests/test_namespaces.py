"""Namespaces: many tests share one server (a docker service in CI) and never see each other.

A namespace is a path prefix, /ns/NAME, in front of every route: clients configured only with a
base URL and a key are isolated, whatever their language.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import anthropic
import httpx
import openai
import pytest

from mockgw import MockGateway
from mockgw.client import ControlError

pytest_plugins = ["pytester"]
HI = [{"role": "user", "content": "hi"}]


@pytest.fixture(scope="module")
def server():
    with MockGateway() as gw:
        yield gw


def test_a_namespace_is_served_under_its_prefix_with_its_own_journal(server):
    ns = server.open_namespace(label="one test")
    reply = ns.anthropic_client().messages.create(model="qwen-coder-32b", max_tokens=16, messages=HI)
    assert reply.role == "assistant"
    ns.openai_client().chat.completions.create(model="qwen-coder-32b", messages=HI)
    assert [e["path"] for e in ns.requests] == ["/v1/messages", "/api/v1/chat/completions"]
    assert not server.journal(), "the default namespace saw nothing"
    listing = {n["name"]: n for n in server.namespaces()}
    assert listing[ns.namespace]["label"] == "one test" and listing[ns.namespace]["requests"] == 2
    server.drop_namespace(ns.namespace)


def test_a_request_to_a_dropped_namespace_is_a_404_in_the_callers_format(server):
    ns = server.open_namespace()
    server.drop_namespace(ns.namespace)
    with pytest.raises(anthropic.NotFoundError, match="does not exist"):
        ns.anthropic_client(max_retries=0).messages.create(model="qwen-coder-32b", max_tokens=8, messages=HI)
    with pytest.raises(openai.NotFoundError, match="does not exist"):
        ns.openai_client(max_retries=0).chat.completions.create(model="qwen-coder-32b", messages=HI)


def test_scenarios_clock_accounts_and_tokens_stay_in_their_namespace(server):
    a, b = server.open_namespace(), server.open_namespace()
    a.add_scenario({"name": "only-in-a", "turns": [{"reply": "A"}]})
    a.use("only-in-a")
    a.advance_clock(3600)
    a.set_key(a.api_key, plan="starter", credits=3)
    token = a.mint_token()["access_token"]
    assert b.anthropic_client().messages.create(model="qwen-coder-32b", max_tokens=8, messages=HI)
    assert b.last_request["scenario"] is None and b.call("GET", "/clock")["offset_seconds"] == 0
    balance = b.anthropic_client().get("/api/v1/public/credits/balance", cast_to=object)
    assert balance["plan"] == "pro", "a's key settings did not reach b"
    with pytest.raises(anthropic.AuthenticationError):  # a's token means nothing in b
        b.anthropic_client(api_key=token, max_retries=0).messages.create(
            model="qwen-coder-32b", max_tokens=8, messages=HI
        )
    for ns in (a, b):
        server.drop_namespace(ns.namespace)


def test_fifty_namespaces_in_parallel_each_see_only_their_own_retry_story_and_clock(server):
    """Each runs model-loading (503, 503, then a reply) and moves its clock by its own amount."""
    spaces = [server.open_namespace(label=f"worker {i}") for i in range(50)]

    def story(i: int) -> tuple[list[int], float]:
        ns = spaces[i]
        client = ns.anthropic_client(max_retries=0, default_headers={"x-mockgw-scenario": "model-loading"})
        for _ in range(2):
            with pytest.raises(anthropic.InternalServerError):
                client.messages.create(model="qwen-coder-32b", max_tokens=8, messages=HI)
        client.messages.create(model="qwen-coder-32b", max_tokens=8, messages=HI)
        ns.advance_clock(60 * i)
        return [e["status"] for e in ns.requests], ns.call("GET", "/clock")["offset_seconds"]

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(story, range(50)))
    assert results == [([503, 503, 200], 60.0 * i) for i in range(50)]
    assert not server.journal() and server.call("GET", "/clock")["offset_seconds"] == 0
    for ns in spaces:
        server.drop_namespace(ns.namespace)


def test_namespaces_are_bounded_and_idle_ones_expire():
    with MockGateway(max_namespaces=2, namespace_idle_seconds=0.05) as gw:
        gw.open_namespace(), gw.open_namespace()
        with pytest.raises(ControlError, match="429.*the most this server keeps"):
            gw.open_namespace()
        idle = gw.state.namespaces
        for ns in idle.values():
            ns.last_used -= 1  # as if a second had passed unused
        assert gw.open_namespace().namespace in gw.state.namespaces and len(idle) == 1


def test_namespace_names_are_checked(server):
    with pytest.raises(ControlError, match="400.*not a namespace name"):
        server.open_namespace(name="../etc")
    ns = server.open_namespace(name="ci-job-7")
    with pytest.raises(ControlError, match="409.*exists already"):
        server.open_namespace(name="ci-job-7")
    server.drop_namespace(ns.namespace)
    assert httpx.delete(server.url + "/_mockgw/namespaces/ci-job-7").status_code == 404


def test_the_default_namespace_is_one_namespace_under_either_path(server):
    """ "default" names the namespace requests without /ns/ use: /ns/default/… is the same one, and it
    can be neither opened a second time nor dropped."""
    server.reset()
    client = anthropic.Anthropic(api_key="sk_default_ns", base_url=f"{server.url}/ns/default")
    client.messages.create(
        model="qwen-coder-32b", max_tokens=16, messages=[{"role": "user", "content": "Hi"}]
    )
    assert [e["path"] for e in server.journal()] == ["/v1/messages"], "journaled in the default namespace"
    with pytest.raises(ControlError, match="409.*exists already: it is the server's own"):
        server.open_namespace(name="default")
    with pytest.raises(ControlError, match="409.*cannot be dropped; POST /_mockgw/reset clears it"):
        server.drop_namespace("default")
    assert [n["name"] for n in server.namespaces()].count("default") == 1


def test_namespaces_are_managed_at_the_root_only(server):
    """Inside a namespace, /_mockgw/namespaces does not exist: a test holding one namespace can
    neither see the others nor open or drop any (a 404 in the control envelope, saying where to go)."""
    ns = server.open_namespace()
    inside = f"{server.url}/ns/{ns.namespace}/_mockgw/namespaces"
    for method, url, body in [
        ("GET", inside, None),
        ("POST", inside, {"name": "from-inside"}),
        ("DELETE", f"{inside}/{ns.namespace}", None),
    ]:
        resp = httpx.request(method, url, json=body)
        assert resp.status_code == 404, resp.text
        assert "at the server's root" in resp.json()["error"]
    assert {n["name"] for n in server.namespaces()} == {"default", ns.namespace}, "nothing opened or dropped"
    with pytest.raises(ControlError, match="404.*at the server's root"):
        ns.open_namespace()
    server.drop_namespace(ns.namespace)


CI_SUITE = """
import anthropic
import pytest

HI = [{"role": "user", "content": "hi"}]


@pytest.mark.parametrize("run", range(8))
def test_retry_story_clock_credits_and_journal(mockgw, run):
    client = mockgw.anthropic_client(max_retries=0)
    with pytest.raises(anthropic.RateLimitError):
        client.messages.create(model="qwen-coder-32b", max_tokens=8, messages=HI,
                               extra_headers={"x-mockgw-scenario": "rate-limited"})
    client.messages.create(model="qwen-coder-32b", max_tokens=8, messages=HI,
                           extra_headers={"x-mockgw-scenario": "rate-limited"})
    mockgw.set_key(mockgw.api_key, plan="pro", credits=5 + run)
    client.messages.create(model="qwen-coder-32b", max_tokens=8, messages=HI)
    mockgw.advance_clock(3600 * run)
    assert [e["status"] for e in mockgw.requests] == [429, 200, 200]
    assert mockgw.call("GET", "/clock")["offset_seconds"] == 3600 * run
    balance = client.get("/api/v1/public/credits/balance", cast_to=object)
    assert balance["balance"] == 5 + run - 1
"""


def test_a_downstream_suite_passes_under_xdist_against_one_shared_server(pytester):
    """The docker-service setup: `pytest -n 4 --mockgw-url URL`, twice in a row, on one server."""
    from test_fixture import DOWNSTREAM, ISOLATION, assert_left_as_found

    pytester.makepyfile(test_downstream=DOWNSTREAM, test_isolation=ISOLATION, test_ci=CI_SUITE)
    with MockGateway() as shared:
        for _ in range(2):
            result = pytester.runpytest_subprocess(
                "-p", "no:cacheprovider", "-n", "4", f"--mockgw-url={shared.url}"
            )
            result.assert_outcomes(passed=14)
        assert_left_as_found(shared.url)
