"""Rate limiting (spec 003 §4): ``scope.ratelimit`` is a :class:`RateLimitClient`.

>>> from shared_platform import Engine
>>> with Engine() as engine:
...     engine.tenant("acme").ratelimit.consume("/api/items", "GET", user="u1").allowed
True
"""

from . import events
from .client import RateLimitClient
from .exceptions import *
from .exceptions import __all__ as _exception_names
from .headers import HasHeaders, HeadersLike, parse_rate_limit_headers
from .models import *
from .models import __all__ as _model_names
from .retry import rate_limit_aware

__all__ = [
    "HasHeaders",
    "HeadersLike",
    "RateLimitClient",
    "events",
    "parse_rate_limit_headers",
    "rate_limit_aware",
]
__all__ += _model_names  # noqa: PLE0605
__all__ += _exception_names  # noqa: PLE0605
