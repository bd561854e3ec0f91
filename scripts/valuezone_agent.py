"""Entry of the single-file terminal agent (agent.spec): `valuezone-agent`, the customer's side without Qt."""

import sys

from console.commands.agent import main

if __name__ == "__main__":
    sys.exit(main())
