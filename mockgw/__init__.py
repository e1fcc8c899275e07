"""mockgw: an offline, scriptable fake of the AINative Studio chat gateway."""

__version__ = "0.1.0"

from mockgw.client import MockgwClient
from mockgw.server import MockGateway

__all__ = ["MockGateway", "MockgwClient", "__version__"]
