"""What the customer is told when something fails: a stable code and its values, rendered from [errors].

A technician's message ("…authorized_keys…", an asyncssh reason) never reaches the customer. Each
failure the customer can meet has a code (``relay_unreachable``, ``relay_busy`` …); the agent's
catalogue (resources/agent/<lang>.toml, table ``[errors]``) says, in the customer's language, what
happened and what to do. The original message goes to the log file.
"""

from __future__ import annotations

from sessions.errors import (
    AuthenticationError,
    ConnectError,
    ConnectTimeoutError,
    HostKeyError,
    HostUnreachableError,
    NameResolutionError,
    SessionClosedError,
)

UNEXPECTED = "unexpected"


def tag(error: BaseException, code: str, **params: str) -> BaseException:
    """Mark *error* with the customer-facing *code* (and the values its text needs); returns it."""
    error.code = code  # type: ignore[attr-defined]
    error.params = params  # type: ignore[attr-defined]
    return error


def customer_error(error: BaseException, *, relay: str = "") -> tuple[str, dict[str, str]]:
    """The ``[errors]`` code and values for *error*; *relay* is the relay's address, for the text."""
    code = getattr(error, "code", None)
    if isinstance(code, str) and code:
        params = getattr(error, "params", None)
        return code, {"relay": relay, **(dict(params) if isinstance(params, dict) else {})}
    for cls, code in _BY_CLASS:
        if isinstance(error, cls):
            return code, {"relay": relay}
    return UNEXPECTED, {"relay": relay}


# Most specific first: a failure to reach the relay, by what the SSH layer found.
_BY_CLASS: tuple[tuple[type[BaseException], str], ...] = (
    (HostKeyError, "relay_changed"),
    (NameResolutionError, "relay_name_unknown"),
    (ConnectTimeoutError, "relay_timeout"),
    (HostUnreachableError, "relay_unreachable"),
    (AuthenticationError, "relay_not_relay"),
    (ConnectError, "relay_no_code"),
    (SessionClosedError, "no_technician"),
)
