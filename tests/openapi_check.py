"""Check a real response against mockgw's OpenAPI document (GET /_mockgw/openapi.json).

Shared by tests/test_openapi.py (hand-made requests) and tests/test_fuzz.py (generated ones).
"""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
from jsonschema import Draft202012Validator


class Document:
    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self._validators: dict[str, Draft202012Validator] = {}
        self._templates = [
            (re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", p) + "$"), p) for p in doc["paths"]
        ]

    def template(self, path: str) -> str:
        """The document's path for a concrete one: /ns/abc/_mockgw/health -> /ns/{ns}/_mockgw/health."""
        found = [t for rx, t in self._templates if rx.match(path)]
        if not found:
            raise AssertionError(f"{path} is not in the document")
        return min(found, key=lambda t: t.count("{"))  # a literal segment wins over a parameter

    def problems(self, method: str, path: str, response: httpx.Response) -> list[str]:
        """Everything about the response that the document does not allow (empty: it conforms)."""
        operation = self.doc["paths"][self.template(path)].get(method.lower())
        if operation is None:
            return [f"{method} {path} is not in the document"]
        status = response.status_code
        described = operation["responses"].get(str(status)) or operation["responses"].get(
            f"{status // 100}XX"
        )
        if described is None:
            return [f"{method} {path}: status {status} is not documented"]
        out = [
            f"{method} {path} {status}: header {name} is missing"
            for name, spec in described.get("headers", {}).items()
            if spec.get("required") and name not in response.headers
        ]
        ctype = response.headers.get("content-type", "").split(";")[0].strip()
        media = described.get("content", {}).get(ctype)
        if media is None:
            return [*out, f"{method} {path} {status}: content type {ctype!r} is not documented"]
        if ctype == "text/event-stream":
            for data in sse_data(response.text):
                if data != "[DONE]":
                    out += self.schema_problems(media["x-mockgw-event"], json.loads(data), f"{path} event")
            return out
        return [*out, *self.schema_problems(media["schema"], response.json(), f"{method} {path} {status}")]

    def schema_problems(self, schema: dict[str, Any], value: Any, where: str) -> list[str]:
        key = json.dumps(schema, sort_keys=True)
        if key not in self._validators:
            root = {**schema, "components": self.doc["components"]}  # so #/components/… refs resolve
            self._validators[key] = Draft202012Validator(root)
        return [
            f"{where}: {'.'.join(map(str, e.absolute_path)) or '(top)'}: {e.message[:300]}"
            for e in self._validators[key].iter_errors(value)
        ]

    def component(self, name: str) -> dict[str, str]:
        return {"$ref": f"#/components/schemas/{name}"}


def sse_data(text: str) -> list[str]:
    """The data of each event of an SSE body."""
    return [line[len("data: ") :] for line in text.split("\n") if line.startswith("data: ")]
