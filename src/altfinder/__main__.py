"""``python -m altfinder`` runs the command line."""

import sys

from altfinder.cli import main

sys.exit(main())
