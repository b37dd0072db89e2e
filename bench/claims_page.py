"""What the claims page itself costs on many clusters, apart from making them.

``service.claims`` is replaced by a function returning N ready clusters, built once from
hand-made claims (a third changed figures with 12 dated values each, a third disputed, a third
agreed, spread over 40 entities and 2005–2024), so the times below are the page's own work:
filtering and ordering every cluster (``dossier.claims.select``), ``to_json`` and the SVG chart
for the clusters on the page, and rendering the template. The baseline in the same run is the
same selection without rendering (``select`` column): what any face pays.

Printed per request: median wall seconds over ``--repeat`` runs and the page size in bytes.

Usage: python bench/claims_page.py [--clusters 300 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from dossier import service
from dossier.claims import Claim, ClaimCluster, cluster_claims
from dossier.claims.select import select_clusters
from dossier.records import Span

REQUESTS = ["/claims", "/claims?size=200", "/claims?status=changed", "/claims?entity=Party%207",
            "/claims?start=2015&end=2016", "/claims?q=figure%2011", "/claims?page=5", "/api/claims?size=200"]


def _claim(i: int, k: int, *, predicate: str, pair: tuple[int, int], value: float | None = None,
           modality: str = "certain", date: str = "2020-01-01") -> Claim:
    a, b = pair
    doc = f"doc{i:05d}{k:02d}"
    text = f"Source {k} says Party {a} and Party {b}: figure {value or k} <script>alert({i})</script>."
    return Claim(predicate, f"ent_{a}", f"Party {a}", f"ent_{b}", f"Party {b}", True, modality, f"Source {k}",
                 f"src_{i}_{k}", "person", doc, f"Outlet {k % 7}", date, Span(doc, 0, len(text), 0, "bench"),
                 "bench", text=text, value=value, published=date)


def make_clusters(n: int) -> list[ClaimCluster]:
    """About ``n`` clusters with a status: changed troop-like series, disputes and agreements."""
    claims: list[Claim] = []
    for i in range(n):
        pair = (i % 40, (i * 7 + 1) % 40 or 41)
        year = 2005 + i % 20
        if i % 3 == 0:
            claims += [_claim(i, k, predicate="troops", pair=pair, value=float(20000 - 1500 * k),
                              date=f"{year}-{k % 12 + 1:02d}-15") for k in range(12)]
        elif i % 3 == 1:
            claims += [_claim(i, k, predicate=f"ties{i}", pair=pair, date=f"{year}-03-0{k + 1}",
                              modality="denied" if k % 2 else "certain") for k in range(4)]
        else:
            claims += [_claim(i, k, predicate=f"meets{i}", pair=pair, date=f"{year}-06-1{k}") for k in range(3)]
    return [c for c in cluster_claims(claims) if c.status]


def run(n: int, repeat: int) -> None:
    from fastapi.testclient import TestClient

    from dossier.web.app import make_app

    clusters = make_clusters(n)
    original = service.claims
    service.claims = lambda store, status=None: list(clusters)  # type: ignore[assignment]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "empty.db")
            store = service.open_store(db, create=True)
            store.close()
            client = TestClient(make_app(db))
            t = []
            for _ in range(repeat):
                start = time.perf_counter()
                select_clusters(clusters, entity="Party 7", start="2015", end="2016")
                t.append(time.perf_counter() - start)
            print(f"{len(clusters)} clusters ({sum(len(c.claims) for c in clusters):,} claims); "
                  f"select alone {statistics.median(t) * 1000:.1f} ms")
            for path in REQUESTS:
                times: list[float] = []
                response: Any = None
                for _ in range(repeat):
                    start = time.perf_counter()
                    response = client.get(path)
                    times.append(time.perf_counter() - start)
                print(f"  {path:32s} {response.status_code} {len(response.content):>9,d} B  "
                      f"{statistics.median(times) * 1000:7.1f} ms")
    finally:
        service.claims = original  # type: ignore[assignment]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, nargs="+", default=[300, 1000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for n in args.clusters:
        run(n, args.repeat)


if __name__ == "__main__":
    main()
