"""``python -m forecast``."""

from forecast.cli import main

# Guarded: Dask's worker processes start by importing the parent's main module.
if __name__ == "__main__":
    raise SystemExit(main())
