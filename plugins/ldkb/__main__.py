import sys

from ldkb.cli import main

sys.exit(main())
