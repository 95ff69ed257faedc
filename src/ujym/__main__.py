"""``python -m ujym`` runs the command line."""

import sys

from ujym.cli.main import main

sys.exit(main())
