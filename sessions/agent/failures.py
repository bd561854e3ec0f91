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


def customer_codes(error: BaseException) -> list[str]:
    """The ``[errors]`` codes that may describe *error*, most precise first; the first the catalogue has
    wins. A code set on the error comes first (``tag``, or SupportError's own stable code), then the one
    for its class; ``unexpected`` last."""
    codes: list[str] = []
    code = getattr(error, "code", None)
    if isinstance(code, str) and code:
        codes += [code, _BY_CORE_CODE.get(code, "")]
    codes += [customer for cls, customer in _BY_CLASS if isinstance(error, cls)]
    return [c for c in dict.fromkeys(codes) if c] + [UNEXPECTED]


def customer_params(error: BaseException, *, relay: str = "") -> dict[str, str]:
    """The values an ``[errors]`` text may use: the relay's address and the error's own params."""
    params = getattr(error, "params", None)
    own = {str(k): str(v) for k, v in params.items()} if isinstance(params, dict) else {}
    return {"relay": relay, **own}


def customer_error(error: BaseException, *, relay: str = "") -> tuple[str, dict[str, str]]:
    """The most precise ``[errors]`` code for *error* and its values (no catalogue consulted)."""
    return customer_codes(error)[0], customer_params(error, relay=relay)


# SupportError's stable codes (sessions/errors.py) that mean one of the customer's failures.
_BY_CORE_CODE = {
    "connect.unreachable": "relay_unreachable",
    "connect.name_unknown": "relay_name_unknown",
    "connect.timeout": "relay_timeout",
    "connect.auth_refused": "relay_not_relay",
    "connect.failed": "relay_no_code",
    "hostkey.untrusted": "relay_changed",
    "hostkey.changed": "relay_changed",
    "hostkey.unknown": "relay_changed",
}


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
