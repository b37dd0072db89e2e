"""`dossier claims`: the table, --json per contract, --status, errors and help."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from dossier.cli.claims import register


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer(rich_markup_mode=None)
    register(app)

    @app.command("noop")
    def noop() -> None:  # a second command keeps `claims` a subcommand
        """Nothing."""

    return app


def test_claims_json_follows_the_contract(app: typer.Typer, sample_db: str) -> None:
    result = CliRunner().invoke(app, ["claims", "--db", sample_db, "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {c["status"] for c in data} == {"agreed", "disputed", "changed"}
    for cluster in data:
        assert {"id", "proposition", "status", "supporting", "disputing"} <= set(cluster)
        for item in [*cluster["supporting"], *cluster["disputing"]]:
            assert {"doc", "source", "text", "start", "end"} <= set(item)


@pytest.mark.parametrize("status", ["agreed", "disputed", "changed"])
def test_claims_status_filter(app: typer.Typer, sample_db: str, status: str) -> None:
    result = CliRunner().invoke(app, ["claims", "--db", sample_db, "--json", "--status", status])
    assert result.exit_code == 0
    assert {c["status"] for c in json.loads(result.stdout)} == {status}


def test_claims_table_is_readable(app: typer.Typer, sample_db: str) -> None:
    result = CliRunner().invoke(app, ["claims", "--db", sample_db])
    assert result.exit_code == 0
    assert "DISPUTED Taliban maintains ties with al-Qaeda" in result.stdout
    assert "CHANGED" in result.stdout and "AGREED" in result.stdout


def test_claims_unknown_status_is_one_line_and_exit_2(app: typer.Typer, sample_db: str) -> None:
    result = CliRunner().invoke(app, ["claims", "--db", sample_db, "--status", "contested"])
    assert result.exit_code == 2
    assert "No claim status 'contested'. Known: agreed, disputed, changed." in result.stderr


def test_claims_help_ends_with_an_example(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["claims", "--help"])
    assert result.exit_code == 0
    assert "Example: dossier claims --status disputed --json" in result.stdout


def test_claims_public_surface_is_exact() -> None:
    import dossier.claims as claims

    assert sorted(claims.__all__) == ["Claim", "ClaimCluster", "ClaimContext", "STATUSES", "claim_clusters",
                                      "cluster_claims", "extract_claims", "make_context"]
    assert all(hasattr(claims, name) for name in claims.__all__)
