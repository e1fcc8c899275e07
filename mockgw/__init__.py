"""mockgw: an offline, scriptable fake of the AINative Studio chat gateway."""

__version__ = "0.1.0"

from mockgw.client import MockgwClient  # noqa: E402
from mockgw.server import MockGateway  # noqa: E402

__all__ = ["MockGateway", "MockgwClient", "__version__"]
