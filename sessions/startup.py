"""Start-up quieting: the one known harmless import-time warning, filtered by exact category and origin."""

from __future__ import annotations

import warnings


def silence_asyncssh_dsa_warning() -> None:
    """asyncssh still names DSA types; cryptography >= 48 warns on each name (10 lines at every start).

    Only that warning is ignored: CryptographyDeprecationWarning, its DSA message, raised from asyncssh's
    crypto modules. Anything else cryptography or asyncssh deprecates still shows.
    """
    try:
        from cryptography.utils import CryptographyDeprecationWarning
    except ImportError:  # no cryptography: asyncssh is not importable either, nothing to quiet
        return
    warnings.filterwarnings(
        "ignore",
        message=r"DSA is deprecated",
        category=CryptographyDeprecationWarning,
        module=r"asyncssh\.crypto\.",
    )
