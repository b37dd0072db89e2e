"""Choosing an engine: the registry, the CLI's usage errors, and Ray's own failure messages."""

import sys
from pathlib import Path

import pytest
from pgserver import free_port
from typer.testing import CliRunner

from dossier.backends import open_engine
from dossier.cli.main import app
from dossier.engine import LocalEngine
from dossier.errors import ConfigError

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"


def test_open_engine_local_takes_workers():
    engine = open_engine("local", workers=3)
    assert isinstance(engine, LocalEngine) and engine.workers == 3


def test_open_engine_unknown_name_lists_the_known_ones():
    with pytest.raises(ConfigError, match="Known: local, ray"):
        open_engine("spark")


def test_cli_address_with_local_engine_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["ingest", str(SAMPLES), "--db", str(tmp_path / "x.db"),
                                      "--address", "auto"])
    assert result.exit_code == 2
    assert "--engine ray" in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_ray_engine_without_ray_says_how_to_install_it(monkeypatch):
    from dossier.ray_engine import RayEngine

    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now raises ImportError
    with pytest.raises(ConfigError, match=r"pip install 'dossier\[ray\]'"):
        RayEngine()



@pytest.mark.parametrize("address", ["not-an-address", f"127.0.0.1:{free_port()}"])
def test_ray_engine_bad_address_fails_fast_with_a_clear_message(address):
    pytest.importorskip("ray")
    import ray

    from dossier.ray_engine import RayEngine

    assert not ray.is_initialized()  # otherwise the engine would use that Ray and ignore the address
    with pytest.raises(ConfigError, match="Ray"):
        RayEngine(address=address)
    assert not ray.is_initialized()
