"""Authorization (issue 6; spec 000 ``authorization``): ``scope.authz`` is an :class:`AuthzClient`.

>>> from shared_platform import Engine
>>> with Engine() as engine:
...     authz = engine.tenant("acme").authz
...     _ = authz.define_role("support", ["notifications:read"])
...     _ = authz.assign_role("alice", "support")
...     authz.has_permission("alice", "notifications:read"), authz.has_permission("alice", "users:delete")
(True, False)
"""

from .client import AuthzClient, ModelSource, TupleLike
from .exceptions import *
from .exceptions import __all__ as _exception_names
from .models import *
from .models import __all__ as _model_names

__all__ = ["AuthzClient", "ModelSource", "TupleLike"]
__all__ += _model_names  # noqa: PLE0605
__all__ += _exception_names  # noqa: PLE0605
