"""The layers, read from the code itself: docs/ARCHITECTURE.md stays true because this fails when it is not.

Every import of app.py, pages/ and lib/ (lazy ones inside functions too) makes one graph. Data flows one way:
pages → lib/ui → lib → lib/db. lib never imports pages, bench or tests; only lib/ui imports streamlit in lib;
and no two modules of lib import each other, however far round.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

LAYERS = ("app.py", "pages", "lib", "bench")


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _files() -> list[Path]:
    found = [ROOT / "app.py"]
    for folder in ("pages", "lib", "bench"):
        found += sorted((ROOT / folder).rglob("*.py"))
    return found


def _imports(path: Path) -> set[str]:
    """Every module this file imports, anywhere in it, by its full dotted name."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def graph() -> dict[str, set[str]]:
    """Module → the project's modules it imports (third-party names left out)."""
    files = {_module(p): p for p in _files()}
    known = set(files) | {"tests"}
    edges: dict[str, set[str]] = {}
    for name, path in files.items():
        wanted = set()
        for imported in _imports(path):
            while imported and imported not in known and not imported.startswith("tests"):
                imported = imported.rpartition(".")[0]  # `from lib import clock` names lib.clock, or lib
            if imported and imported != name:
                wanted.add(imported)
        edges[name] = wanted
    return edges


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One import cycle among lib's modules, if there is any."""
    lib = {n: {m for m in e if m.startswith("lib.") and m != "lib"} for n, e in edges.items() if n.startswith("lib.")}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(lib.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        path.pop()
        return None

    for node in sorted(lib):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_lib_has_no_import_cycle() -> None:
    assert _cycle(graph()) is None, " → ".join(_cycle(graph()) or [])


def test_lib_never_imports_pages_the_benchmark_or_the_tests() -> None:
    upward = {(n, m) for n, e in graph().items() if n.startswith("lib") for m in e
              if m.split(".")[0] in ("pages", "bench", "tests", "app")}
    assert upward == set()


def test_only_lib_ui_imports_streamlit_inside_lib() -> None:
    found = {_module(p) for p in (ROOT / "lib").rglob("*.py")
             if any(i.split(".")[0] == "streamlit" for i in _imports(p))}
    assert {m for m in found if not m.startswith("lib.ui")} == set()


def test_pages_hold_no_sql() -> None:
    sql = ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM")
    found = [p.name for p in (ROOT / "pages").glob("*.py") if any(s in p.read_text() for s in sql)]
    assert found == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"lib.a": {"lib.b"}, "lib.b": {"lib.c"}, "lib.c": {"lib.a"}}) == ["lib.a", "lib.b", "lib.c", "lib.a"]


@pytest.mark.parametrize("name", ["lib.db", "lib.config", "lib.clock"])
def test_the_bottom_layer_imports_nothing_of_the_domain(name: str) -> None:
    assert {m for m in graph()[name] if m.startswith("lib.") and m not in ("lib.clock", "lib.config")} == set()
