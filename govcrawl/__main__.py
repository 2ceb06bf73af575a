import sys

from govcrawl.cli.main import main

sys.exit(main())
