"""``python -m forecast``."""

from forecast.cli import entry_point

# Guarded: Dask's worker processes start by importing the parent's main module.
if __name__ == "__main__":
    entry_point()
