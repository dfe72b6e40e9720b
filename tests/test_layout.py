"""The package layout: no import circles, the model's modules in one direction, small modules.

Imports are read with :mod:`ast` from the source, not by importing it, so an import that
runs only inside a function counts as much as one at the top of a module: it runs
whenever the function does, and a circle through it is as hard to follow. Imports under
``if TYPE_CHECKING:`` never run and name types only, so they are not counted. A package's
``__init__`` that exports names lazily (:mod:`forecast.lazy`) imports nothing until a name
is asked for, and counts for nothing either.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "forecast"
MAX_LINES = 400

# design -> algebra -> sampler -> reweighting: each module may import only those before it.
MODEL_ORDER = (
    "evidence",
    "algebra",
    "conditional",
    "loo",
    "diagnostics",
    "posterior",
    "psis",
    "sampling",
    "inference",
    "reweight",
)


def _modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    modules = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    return modules


MODULES = _modules()


def _type_checking_only(tree: ast.Module) -> set[int]:
    """Ids of the nodes inside ``if TYPE_CHECKING:`` blocks."""
    skipped = set()
    for node in ast.walk(tree):
        test = getattr(node, "test", None)
        if isinstance(node, ast.If) and ast.unparse(test) in {
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        }:
            skipped.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    return skipped


def _owner(name: str) -> str | None:
    """The module of the package that a dotted import target lives in, if any."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(name: str) -> set[str]:
    """The package's modules that module ``name`` imports, anywhere in its code."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_only(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            targets += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            # "from forecast.model import inference" imports the submodule itself.
            targets += [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
    owners = {_owner(target) for target in targets if target.startswith("forecast")}
    return {owner for owner in owners if owner and owner != name}


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_import_reader_sees_imports_in_functions_but_not_lazy_exports():
    assert "forecast.model.inference" in _imports("forecast.model.reweight")  # in a function
    assert "forecast.store.store" not in _imports("forecast.store")  # lazy exports only


def test_a_circle_is_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _circles(graph) == [["a", "b", "c"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_one_that_imports_it_back():
    graph = {name: _imports(name) for name in MODULES}
    assert _circles(graph) == []


def test_the_model_imports_one_way():
    package = {path.stem for path in (PACKAGE / "model").glob("*.py")} - {"__init__"}
    assert package == set(MODEL_ORDER), "list a new model module in MODEL_ORDER"
    for position, module in enumerate(MODEL_ORDER):
        imported = _imports(f"forecast.model.{module}")
        later = {f"forecast.model.{m}" for m in MODEL_ORDER[position:]}
        assert not imported & later, f"{module} imports a module after it: {imported & later}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_longer_than_the_limit(name):
    path = MODULES[name]
    shown = path.relative_to(PACKAGE.parent).as_posix()
    n_lines = len(path.read_text(encoding="utf-8").splitlines())
    assert n_lines <= MAX_LINES, f"{shown}: {n_lines} lines; split it"


STAGES = sorted(  # forecast.data holds the shipped files, not code
    name
    for name, path in MODULES.items()
    if path.name == "__init__.py" and "." in name and name != "forecast.data"
)


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_says_what_it_takes_and_gives_and_its_exports_resolve(stage):
    package = importlib.import_module(stage)
    assert package.__doc__ and len(package.__doc__.strip()) > 40, f"{stage}: docstring"
    for name in getattr(package, "__all__", ()):
        value = getattr(package, name)
        home = importlib.import_module(getattr(package, "_EXPORTS", {}).get(name, stage))
        assert getattr(home, name) is value, f"{stage}.{name}"
