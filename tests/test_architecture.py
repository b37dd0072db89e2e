"""The import structure: lower layers never import higher ones, and the two faces stay thin.

Every module under ``src/dossier`` is parsed with ``ast``; imports at module level and inside
functions (the lazy ones that keep the CLI fast) both count. A *unit* is a top-level module or
subpackage of ``dossier`` (``store``, ``query``, ``service``, ``records``…).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "dossier"

#: The allowed layering, bottom first: a unit may import units of lower layers only (and itself).
#: A new top-level module or subpackage goes into one of these layers; an import that points up
#: (or sideways) is a design change, to be made here on purpose.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"errors", "records", "dates", "textutil", "parallel"}),  # leaves
    frozenset({"settings"}),  # every option; a bad value is a ConfigError
    frozenset({"searchlang", "registry", "ingest", "clean", "extract"}),  # per-document stages
    frozenset({"codec", "entity_ids", "graph", "engine"}),  # record helpers, relations, local engine
    frozenset({"store", "claims", "resolve", "ray_engine"}),
    frozenset({"derived"}),  # claims and relations kept per document in the store
    frozenset({"query", "resolution", "backends"}),  # reads over a store; resolution and backends
    frozenset({"alerts"}),  # what changed between two snapshots of the derived views; feeds and webhooks
    frozenset({"dating_match"}),
    frozenset({"dating"}),
    frozenset({"pipeline"}),  # ingest: readers, engines, store, resolution, dating
    frozenset({"collect"}),  # fetching sources on the web, their pages ingested through the pipeline
    frozenset({"service", "export"}),  # the operations; exports stream from the store
    frozenset({"web"}),  # a face over service
    frozenset({"cli"}),  # a face over service; `serve` starts the web app
)
LAYER = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}

#: What the store may import besides itself: records and errors, and the record-level helpers
#: (storage codec, entity ids on documents, the search language it translates to SQL).
STORE_MAY_IMPORT = frozenset({"errors", "records", "codec", "entity_ids", "searchlang"})

#: What the web app may import besides itself: the service for every operation, and the
#: record-level modules its pages render (types, dates, the query-length limit).
WEB_MAY_IMPORT = frozenset({"service", "errors", "records", "dates", "searchlang", "store", "claims"})
#: Of those units, the only modules the web app may name: store types, and the pure filters and
#: pages over claim clusters (shared with the CLI); everything else goes through the service.
WEB_MAY_NAME = {"store": frozenset({"dossier.store.base"}), "claims": frozenset({"dossier.claims.select"})}


@dataclass(frozen=True, slots=True)
class Import:
    module: str  # the importing module, e.g. "dossier.web.app"
    target: str  # the imported module, e.g. "dossier.service"
    line: int
    in_function: bool

    def __str__(self) -> str:
        where = "inside a function" if self.in_function else "at module level"
        return f"{self.module}:{self.line} imports {self.target} ({where})"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path) -> Iterator[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    in_function: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            in_function.update(id(sub) for sub in ast.walk(node) if sub is not node)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            # `from dossier import service` imports the module dossier.service
            targets = [f"{source}.{a.name}" if f"{source}.{a.name}" in MODULES else source for a in node.names]
        else:
            continue
        for target in dict.fromkeys(targets):
            if target == "dossier" or target.startswith("dossier."):
                yield Import(name, target, node.lineno, id(node) in in_function)


IMPORTS = [imp for name, path in MODULES.items() for imp in _imports(name, path)]


def unit(module: str) -> str:
    """``dossier.store.sqlite`` → ``store``; ``dossier.service`` → ``service``; ``dossier`` → ``dossier``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "dossier"


def _between(source: str, targets: set[str]) -> list[str]:
    return [str(i) for i in IMPORTS if unit(i.module) == source and unit(i.target) in targets]


def test_architecture_sees_every_module_and_both_kinds_of_import() -> None:
    assert "dossier.web.app" in MODULES and "dossier.service" in MODULES
    assert any(i.in_function for i in IMPORTS) and any(not i.in_function for i in IMPORTS)
    assert any(i.target == "dossier.service" for i in IMPORTS if i.module.startswith("dossier.web"))


def test_architecture_web_never_imports_cli() -> None:
    assert _between("web", {"cli"}) == []


@pytest.mark.parametrize("forbidden", ["query", "extract", "resolve", "claims", "graph", "cli", "web", "service",
                                       "pipeline"])
def test_architecture_store_never_imports(forbidden: str) -> None:
    assert _between("store", {forbidden}) == []


def test_architecture_store_imports_only_records_and_errors_level_modules() -> None:
    outside = [str(i) for i in IMPORTS if unit(i.module) == "store"
               and unit(i.target) not in STORE_MAY_IMPORT | {"store"}]
    assert outside == []


def test_architecture_web_goes_through_the_service() -> None:
    outside = [str(i) for i in IMPORTS if unit(i.module) == "web" and unit(i.target) not in WEB_MAY_IMPORT | {"web"}]
    assert outside == []
    narrow = [str(i) for i in IMPORTS if unit(i.module) == "web" and unit(i.target) in WEB_MAY_NAME
              and i.target not in WEB_MAY_NAME[unit(i.target)]]
    assert narrow == [], "the web app opens and reads stores, and makes claims, through dossier.service"


def test_architecture_cli_is_imported_only_by_itself() -> None:
    assert [str(i) for i in IMPORTS if unit(i.target) == "cli" and unit(i.module) != "cli"] == []


def test_architecture_every_unit_has_a_layer() -> None:
    units = {unit(name) for name in MODULES} - {"dossier"}
    assert sorted(units - set(LAYER)) == [], "add the new unit to LAYERS"
    assert sorted(set(LAYER) - units) == [], "LAYERS names a unit that no longer exists"


def test_architecture_imports_only_point_down_the_layers() -> None:
    upward = [str(i) for i in IMPORTS
              if unit(i.module) != "dossier" and unit(i.target) not in (unit(i.module), "dossier")
              and LAYER.get(unit(i.target), -1) >= LAYER.get(unit(i.module), -1)]
    assert upward == []


def test_architecture_no_cycles_between_units() -> None:
    edges: dict[str, set[str]] = {}
    for i in IMPORTS:
        if unit(i.module) != unit(i.target):
            edges.setdefault(unit(i.module), set()).add(unit(i.target))
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def cycle_from(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt] if nxt in path else [node, nxt]
            if nxt not in state and (found := cycle_from(nxt, [*path, nxt])):
                return found
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state:
            assert cycle_from(start, [start]) is None
