"""`dossier ingest --engine ray --address` against a cluster started apart with `ray start`.

The deployment the README describes, on one machine: a Ray head started by `ray start`,
the CLI as driver connecting to it, a PostgreSQL store. The cluster must still be running
after the ingest (it is not ours to stop), and the store must equal a local ingest.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pgserver import free_port

pytest.importorskip("ray")

from dossier.backends import open_store  # noqa: E402
from dossier.engine import LocalEngine  # noqa: E402
from dossier.pipeline import ingest  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
BIN = Path(sys.executable).parent



@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """A one-node Ray cluster (1 CPU) on 127.0.0.1, started and stopped with the `ray` CLI."""
    port = free_port()
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "token",
           "RAY_TMPDIR": str(tmp_path_factory.mktemp("ray"))}
    started = subprocess.run([str(BIN / "ray"), "start", "--head", f"--port={port}", "--node-ip-address=127.0.0.1",
                              "--num-cpus=1", "--include-dashboard=false", "--disable-usage-stats"],
                             env=env, capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, started.stderr[-2000:]
    try:
        yield f"127.0.0.1:{port}", env
    finally:
        subprocess.run([str(BIN / "ray"), "stop", "--force"], env=env, capture_output=True, timeout=120)


def test_ingest_on_an_existing_cluster_into_postgres_leaves_the_cluster_running(cluster, postgres_url, tmp_path):
    address, env = cluster
    run = subprocess.run([str(BIN / "dossier"), "ingest", str(SAMPLES / "feed.xml"), str(SAMPLES / "extra.jsonl"),
                          "--engine", "ray", "--address", address, "--db", postgres_url, "--json", "--quiet"],
                         env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert len(json.loads(run.stdout)["added"]) > 0
    status = subprocess.run([str(BIN / "ray"), "status", f"--address={address}"], env=env, capture_output=True,
                            text=True, timeout=60)
    assert status.returncode == 0, "the cluster should outlive the ingest"

    reference = open_store(str(tmp_path / "local.db"), create=True)
    ingest([str(SAMPLES / "feed.xml"), str(SAMPLES / "extra.jsonl")], store=reference, engine=LocalEngine(1))
    shared = open_store(postgres_url, create=True)
    try:
        assert list(shared.iter_documents()) == list(reference.iter_documents())
        assert shared.list_entities() == reference.list_entities()
    finally:
        shared.close()
        reference.close()
