"""Package exports imported on first use (PEP 562), so importing a package stays light.

A stage's ``__init__`` names its public values and the module each lives in; the module
(and whatever heavy library it needs: pandas, SciPy, PyMC) is imported only when one of
its names is first asked for. ``from forecast.model import sample_posterior`` works as
with an eager import.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, exports: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, whose ``exports`` map name -> module.

    ``namespace`` is the package's ``globals()``: a name imported once is stored there, so
    later lookups do not come back here.
    """

    def __getattr__(name: str) -> Any:
        if name not in exports:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(exports[name]), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *exports})

    return __getattr__, __dir__
