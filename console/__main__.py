"""`python -m console` runs the `valuezone` command."""

import sys

from console.cli import main

sys.exit(main())
