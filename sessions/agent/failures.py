"""What the customer is told when something fails: the core's error code mapped to a text of ``[errors]``.

A technician's message ("…authorized_keys…", an asyncssh reason) never reaches the customer. Every
SupportError has a stable dotted code and params (sessions/errors.py, docs/errors.md); CUSTOMER_KEYS maps
each code the agent can meet to a key of the agent's catalogue (resources/agent/<lang>.toml, table
``[errors]``), which says in the customer's language what happened and what to do. A code the table does
not know (or anything that is not a SupportError) reads as ``unexpected``; the technician's wording goes
to the log file.
"""

from __future__ import annotations

import logging

from sessions.errors import SupportError

log = logging.getLogger(__name__)

UNEXPECTED = "unexpected"

# The core's code → the customer's [errors] key. One place: tests/relay/test_customer_language.py checks
# that every code raised on the agent's paths is here and that every key has a text in all five languages.
CUSTOMER_KEYS: dict[str, str] = {
    # Where to connect: no address, or one that is not an address.
    "agent.no_relay": "no_relay",
    "target.invalid": "relay_name_unknown",
    "target.invalid_2": "relay_name_unknown",
    "target.bad_port": "relay_name_unknown",
    # Reaching the relay (sessions/ssh/client.py and failures.py, as the SSH layer found it).
    "connect.name_unknown": "relay_name_unknown",
    "connect.unreachable": "relay_unreachable",
    "connect.refused": "relay_unreachable",
    "connect.jump_unreachable": "relay_unreachable",
    "connect.timeout": "relay_timeout",
    "connect.timeout_greeting": "relay_timeout",
    "connect.timeout_greeting_said": "relay_timeout",
    "connect.timeout_stage": "relay_timeout",
    # Something answered that is not a Valuezone relay.
    "connect.auth_refused": "relay_not_relay",
    "connect.login_refused": "relay_not_relay",
    "connect.passwords_refused": "relay_not_relay",
    "connect.not_ssh": "relay_not_relay",
    "connect.not_ssh_unnamed": "relay_not_relay",
    "connect.not_a_greeting": "relay_not_relay",
    "connect.other_service": "relay_not_relay",
    "connect.ssh1_only": "relay_not_relay",
    "connect.no_common_cipher": "relay_not_relay",
    # The relay was reached but gave no code (dropped, closed, overloaded).
    "connect.failed": "relay_no_code",
    "connect.failed_other": "relay_no_code",
    "connect.failed_at_stage": "relay_no_code",
    "connect.closed_at_stage": "relay_no_code",
    "connect.closed_at_login": "relay_no_code",
    "connect.closed_silently": "relay_no_code",
    "relay.no_code_issued": "relay_no_code",
    # Over the relay's codes-per-minute limit for this network (sessions/agent/link.py).
    "relay.link_refused": "relay_busy",
    # Not the relay this device talked to before: nothing is sent.
    "hostkey.changed": "relay_changed",
    "hostkey.untrusted": "relay_changed",
    "hostkey.unverified": "relay_changed",
    "hostkey.revoked": "relay_changed",
    # Another relay of `--relay A,B,C` shows another host key than the deployment (sessions/agent/link.py).
    "relay.host_key_differs": "relay_other_service",
    # Chat with nobody (yet, or any more) on the other end.
    "chat.no_technician": "no_technician",
    "chat.closed": "no_technician",
    "chat.send_failed": "no_technician",
    "session.closed": "no_technician",
    # The data leg to the relay (protocol v2) could not carry the session: the technician may try again.
    "agent.leg_failed": "leg_failed",
    # `--vendor FILE` (sessions/vendor.py) and `--gui` on the headless install.
    "vendor.unreadable": "vendor_file",
    "vendor.invalid_toml": "vendor_file",
    "vendor.no_name": "vendor_file",
    "vendor.logo_unreadable": "vendor_file",
    "vendor.logo_invalid": "vendor_file",
    "gui.missing": "no_window",
    # The settings file on this device is broken: only the technician can help (the details are logged).
    "config.invalid_toml": UNEXPECTED,
}


def customer_key(error: BaseException) -> str:
    """The ``[errors]`` key for *error*: its code's entry in CUSTOMER_KEYS, else ``unexpected``."""
    code = error.code if isinstance(error, SupportError) else ""
    key = CUSTOMER_KEYS.get(code)
    if key is None and isinstance(error, SupportError):
        log.warning("no customer text for error code %s (the customer reads 'unexpected'): %s", code, error)
    return key or UNEXPECTED


def customer_params(error: BaseException, *, relay: str = "") -> dict[str, str]:
    """The values an ``[errors]`` text may use: the relay's address and the error's own params."""
    own = {str(k): str(v) for k, v in error.params.items()} if isinstance(error, SupportError) else {}
    return {"relay": relay, **own}


def customer_error(error: BaseException, *, relay: str = "") -> tuple[str, dict[str, str]]:
    """The ``[errors]`` key for *error* and its values (no catalogue consulted)."""
    return customer_key(error), customer_params(error, relay=relay)
