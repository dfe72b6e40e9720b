"""``python -m forecast``."""

from forecast.cli import main

raise SystemExit(main())
