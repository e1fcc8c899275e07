"""pytest plugin (registered through the pytest11 entry point): the `mockgw` fixture.

In-process (the default): one server per session (per xdist worker), reset before every test.
Remote (--mockgw-url, e.g. a docker service shared by parallel jobs): every test gets a namespace of
its own on that server, dropped afterwards, so tests never see each other and the server is left as
it was found.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mockgw.client import MockgwClient


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("mockgw")
    group.addoption(
        "--mockgw-url",
        default=os.environ.get("MOCKGW_URL"),
        help="use a running mockgw (e.g. a docker service) instead of starting one; env MOCKGW_URL",
    )
    group.addoption(
        "--mockgw-admin-token",
        default=os.environ.get("MOCKGW_ADMIN_TOKEN"),
        help="the running mockgw's control-plane token; env MOCKGW_ADMIN_TOKEN",
    )
    group.addoption(
        "--mockgw-scenarios",
        action="append",
        default=[],
        metavar="PATH",
        help="scenario files/folders for the in-process server (default: the shipped scenarios)",
    )

    _add_record_options(group)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "mockgw(scenario=None, scenarios=(), plan=None, credits=None, env=False): "
        "configure the mockgw fixture for this test",
    )


@pytest.fixture(scope="session")
def mockgw_server(request: pytest.FixtureRequest) -> Iterator[MockgwClient]:
    """The session's server (one per xdist worker). Prefer the `mockgw` fixture, which resets it."""
    url = request.config.getoption("--mockgw-url")
    if url:
        remote = MockgwClient(url, admin_token=request.config.getoption("--mockgw-admin-token"))
        remote.health()
        yield remote
        remote.close()
        return
    from mockgw.server import MockGateway

    scenarios = [Path(p) for p in request.config.getoption("--mockgw-scenarios")]
    with MockGateway(**_with_recordings(request.config, scenarios)) as gw:
        yield gw


@pytest.fixture
def mockgw(
    mockgw_server: MockgwClient, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MockgwClient]:
    """A fresh mockgw: .url, .openai_base_url, .api_key, .use(), .add_scenario(), .requests, …"""
    if request.config.getoption("--mockgw-url"):
        gw = mockgw_server.open_namespace(label=request.node.nodeid)
        gw.test_id = request.node.nodeid
        try:
            yield _configured(gw, request, monkeypatch)
        finally:
            gw.close()
            mockgw_server.drop_namespace(gw.namespace or "")
        return
    mockgw_server.reset()
    mockgw_server.test_id = request.node.nodeid
    yield _configured(mockgw_server, request, monkeypatch)


def _configured(
    gw: MockgwClient, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> MockgwClient:
    """The marker's options applied: scenarios, the active scenario, the key's plan and credits, env."""
    marker = request.node.get_closest_marker("mockgw")
    options = marker.kwargs if marker else {}
    for scenario in options.get("scenarios", ()):
        gw.add_scenario(scenario)
    if options.get("scenario"):
        gw.use(options["scenario"])
    if options.get("plan") or options.get("credits") is not None:
        gw.set_key(gw.api_key, options.get("plan") or "pro", options.get("credits"))
    if options.get("env"):
        for name, value in gw.env().items():
            monkeypatch.setenv(name, value)
    return gw


# --- record and replay: pytest --mockgw-record=URL records, a plain run replays ---------------------


def _add_record_options(group: pytest.OptionGroup) -> None:
    group.addoption(
        "--mockgw-record",
        metavar="URL",
        default=os.environ.get("MOCKGW_RECORD"),
        help="record: the fixture's server forwards what no scenario answers to URL (the gateway) and "
        "writes it to --mockgw-recordings, one file per test; env MOCKGW_RECORD",
    )
    group.addoption(
        "--mockgw-recordings",
        metavar="DIR",
        default="tests/mockgw_recordings",
        help="recordings folder (relative to the rootdir): written by --mockgw-record, replayed otherwise",
    )
    group.addoption(
        "--mockgw-upstream-key",
        metavar="KEY",
        default=os.environ.get("MOCKGW_UPSTREAM_KEY"),
        help="the gateway key --mockgw-record sends instead of the fixture's; env MOCKGW_UPSTREAM_KEY",
    )


def _with_recordings(config: pytest.Config, scenarios: list[Path]) -> dict[str, Any]:
    """The in-process server's settings: recording into the folder, or replaying it when it exists.

    Replaying, the folder comes on top of the scenarios given (or the shipped ones), so scripted
    tests keep theirs; recording, it is not loaded (a test's file is written afresh).
    """
    folder = config.rootpath / config.getoption("--mockgw-recordings")
    upstream = config.getoption("--mockgw-record")
    if upstream:
        if config.getoption("--mockgw-url"):
            raise pytest.UsageError("--mockgw-record records through the in-process server, not --mockgw-url")
        key = config.getoption("--mockgw-upstream-key")
        recording = {"upstream": upstream, "upstream_key": key, "recordings": folder}
        return {"scenarios": scenarios, "record_missing": True, **recording}
    if not folder.is_dir():
        return {"scenarios": scenarios}
    from mockgw.scenario.loader import shipped_dir

    return {"scenarios": [*(scenarios or [shipped_dir()]), folder]}
