"""mockgw: an offline, scriptable fake of the AINative Studio chat gateway."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from mockgw.client import MockgwClient
    from mockgw.server import MockGateway

__all__ = ["MockGateway", "MockgwClient", "__version__"]


def __getattr__(name: str) -> Any:
    """Import on first use: `import mockgw` (the pytest plugin, the CLI's client commands) stays cheap
    until something needs the server stack."""
    if name == "MockGateway":
        from mockgw.server import MockGateway

        return MockGateway
    if name == "MockgwClient":
        from mockgw.client import MockgwClient

        return MockgwClient
    raise AttributeError(f"module 'mockgw' has no attribute {name!r}")
