"""Drive a running mockgw (in-process or a docker service) through its control plane.

This is what the pytest fixture hands to a test, and what `MockGateway` adds to a server it starts.
Standard-library HTTP: a persistent keep-alive connection keeps each call well under a millisecond.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode, urlsplit

if TYPE_CHECKING:
    import http.client

DEFAULT_KEY = "sk_mockgw_test_key"


class ControlError(RuntimeError):
    """The control plane refused a call: `error` is the server's one-line reason, `problems` the details."""

    def __init__(self, message: str, error: str = "", problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.error = error or message
        self.problems = problems or []


class MockgwClient:
    """url: the server's root, or a namespace's (`<root>/ns/NAME`): every call and address follows it."""

    def __init__(self, url: str, api_key: str = DEFAULT_KEY, admin_token: str | None = None) -> None:
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.admin_token = admin_token  # for a server whose control plane asks for one
        self.namespace: str | None = None  # set on clients that open_namespace() returned
        self.test_id: str | None = None  # set by the fixture; the ready clients send it as x-mockgw-test-id
        self._conn: http.client.HTTPConnection | None = None
        self._lock = threading.Lock()

    # --- addresses -------------------------------------------------------------------------------

    @property
    def openai_base_url(self) -> str:
        """base_url for the OpenAI SDKs (they post to {base_url}/chat/completions)."""
        return self.url + "/api/v1"

    # --- plumbing ------------------------------------------------------------------------------

    def call(self, method: str, path: str, body: Any = None, raw: bytes | None = None) -> Any:
        """One control-plane call; raises ControlError with the server's message on a 4xx/5xx."""
        import http.client  # here, not at the top: `mockgw serve` and an idle pytest plugin never need it

        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        headers = {"content-type": "application/json"} if data is not None else {}
        if self.admin_token:
            headers["authorization"] = f"Bearer {self.admin_token}"
        with self._lock:
            for attempt in (0, 1):
                conn = self._connection()
                try:
                    conn.request(method, self._prefix + "/_mockgw" + path, body=data, headers=headers)
                    resp = conn.getresponse()
                    payload = resp.read()
                    break
                except (ConnectionError, http.client.HTTPException, OSError):
                    conn.close()
                    self._conn = None
                    if attempt:
                        raise
        try:
            result = json.loads(payload) if payload else None
        except ValueError:
            raise ControlError(
                f"{method} /_mockgw{path} -> {resp.status}: the answer is not JSON",
                f"{self.url} answered {method} /_mockgw{path} with {resp.status} and no JSON: is it mockgw?",
            ) from None
        if resp.status >= 400:
            error = str((result or {}).get("error"))
            problems = (result or {}).get("problems", [])
            raise ControlError(
                f"{method} /_mockgw{path} -> {resp.status}: {error}\n" + "\n".join(problems), error, problems
            )
        return result

    @property
    def _prefix(self) -> str:
        return urlsplit(self.url).path

    def _connection(self) -> http.client.HTTPConnection:
        import http.client

        if self._conn is None:
            parts = urlsplit(self.url)
            cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
            self._conn = cls(parts.hostname or "127.0.0.1", parts.port, timeout=30)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # --- state ---------------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        return self.call("GET", "/health")  # type: ignore[no-any-return]

    def reset(self) -> None:
        """Journal, attempt counters, uploaded and active scenario, accounts and clock back to start."""
        self.call("POST", "/reset")

    def use(self, name: str | None) -> None:
        """Serve this scenario to requests that name none (None: back to match rules)."""
        if name is None:
            self.call("DELETE", "/scenario")
        else:
            self.call("PUT", "/scenario", {"name": name})

    def add_scenario(self, scenario: dict[str, Any] | list[Any] | str) -> list[str]:
        """Upload a scenario (a dict, or YAML/JSON text); returns the names added."""
        text = scenario if isinstance(scenario, str) else _as_yaml(scenario)
        return self.call("POST", "/scenarios", raw=text.encode())["added"]  # type: ignore[no-any-return]

    def scenarios(self) -> list[dict[str, Any]]:
        return self.call("GET", "/scenarios")["scenarios"]  # type: ignore[no-any-return]

    def advance_clock(self, seconds: float) -> float:
        """Move the gateway's clock (token expiry, rate-limit window, monthly credits); returns now."""
        return self.call("POST", "/clock", {"advance_seconds": seconds})["now"]  # type: ignore[no-any-return]

    def set_key(self, key: str, plan: str = "pro", credits: int | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"key": key, "plan": plan}
        if credits is not None:
            body["credits"] = credits
        return self.call("POST", "/keys", body)  # type: ignore[no-any-return]

    def mint_token(self, key: str | None = None, plan: str | None = None) -> dict[str, Any]:
        """A platform token pair (access_token, refresh_token) for a key's account, or a new plan account."""
        body = {"plan": plan} if plan else {"key": key or self.api_key}
        return self.call("POST", "/tokens", body)  # type: ignore[no-any-return]

    # --- namespaces -----------------------------------------------------------------------------

    def open_namespace(self, label: str = "", name: str | None = None) -> MockgwClient:
        """A new isolated namespace on this server; the client returned points at it (call on the root)."""
        body: dict[str, Any] = {"label": label} | ({"name": name} if name else {})
        opened = self.call("POST", "/namespaces", body)
        client = MockgwClient(self.url + opened["path"], self.api_key, self.admin_token)
        client.namespace = opened["name"]
        return client

    def drop_namespace(self, name: str) -> None:
        self.call("DELETE", f"/namespaces/{name}")

    def namespaces(self) -> list[dict[str, Any]]:
        return self.call("GET", "/namespaces")["namespaces"]  # type: ignore[no-any-return]

    # --- the journal ---------------------------------------------------------------------------

    def journal(self, path: str | None = None, scenario: str | None = None) -> list[dict[str, Any]]:
        query = urlencode({k: v for k, v in {"path": path, "scenario": scenario}.items() if v})
        return self.call("GET", "/requests" + (f"?{query}" if query else ""))["requests"]  # type: ignore[no-any-return]

    @property
    def requests(self) -> list[dict[str, Any]]:
        """Every request this server got since the last reset, oldest first."""
        return self.journal()

    @property
    def last_request(self) -> dict[str, Any]:
        entries = self.journal()
        if not entries:
            raise AssertionError("mockgw received no requests")
        return entries[-1]

    def assert_requests(self, count: int, path: str | None = None, scenario: str | None = None) -> None:
        entries = self.journal(path, scenario)
        if len(entries) != count:
            where = " ".join(f"{k}={v}" for k, v in {"path": path, "scenario": scenario}.items() if v)
            raise AssertionError(
                f"expected {count} request(s) {where}, mockgw received {len(entries)}:\n"
                + _journal_lines(entries)
            )

    def assert_last_body(self, expected: dict[str, Any]) -> None:
        """The last request's body contains these keys with these values; a diff when not."""
        import difflib

        body = self.last_request["body"] or {}
        actual = {k: body.get(k) for k in expected}
        if actual != expected:
            diff = difflib.unified_diff(
                json.dumps(expected, indent=2, sort_keys=True).splitlines(),
                json.dumps(actual, indent=2, sort_keys=True).splitlines(),
                "expected",
                "last request body",
                lineterm="",
            )
            raise AssertionError("last request body differs:\n" + "\n".join(diff))

    # --- ready clients -------------------------------------------------------------------------

    def anthropic_client(self, **kwargs: Any) -> Any:
        import anthropic

        return anthropic.Anthropic(**self._sdk_options(self.url, kwargs))

    def openai_client(self, **kwargs: Any) -> Any:
        import openai

        return openai.OpenAI(**self._sdk_options(self.openai_base_url, kwargs))

    def async_anthropic_client(self, **kwargs: Any) -> Any:
        import anthropic

        return anthropic.AsyncAnthropic(**self._sdk_options(self.url, kwargs))

    def async_openai_client(self, **kwargs: Any) -> Any:
        import openai

        return openai.AsyncOpenAI(**self._sdk_options(self.openai_base_url, kwargs))

    def _sdk_options(self, base_url: str, kwargs: dict[str, Any]) -> dict[str, Any]:
        """The key and base URL, and the test's id (recordings are named after it), under kwargs."""
        test = {"x-mockgw-test-id": self.test_id} if self.test_id else {}
        headers = test | (kwargs.get("default_headers") or {})
        return {"api_key": self.api_key, "base_url": base_url} | kwargs | {"default_headers": headers}

    def env(self) -> dict[str, str]:
        """Variables that point an application at this server."""
        return {
            "AINATIVE_API_KEY": self.api_key,
            "AINATIVE_BASE_URL": self.url,
            "ANTHROPIC_BASE_URL": self.url,
            "ANTHROPIC_API_KEY": self.api_key,
            "OPENAI_BASE_URL": self.openai_base_url,
            "OPENAI_API_KEY": self.api_key,
        }

    @contextlib.contextmanager
    def environ(self) -> Iterator[dict[str, str]]:
        """Set env() in os.environ for the duration of the block."""
        saved = {k: os.environ.get(k) for k in self.env()}
        os.environ.update(self.env())
        try:
            yield self.env()
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v


def _as_yaml(data: Any) -> str:
    """YAML, so that an upload's error line numbers point into a readable document."""
    import yaml  # only here: the client is imported by every pytest run that has mockgw installed

    return yaml.safe_dump(data, sort_keys=False)


def _journal_lines(entries: list[dict[str, Any]]) -> str:
    if not entries:
        return "  (none)"
    return "\n".join(
        f"  #{e['id']} {e['method']} {e['path']} -> {e['status']} scenario={e['scenario']} turn={e['turn']}"
        for e in entries
    )
