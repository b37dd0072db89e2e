"""Claims across sources: who asserts which proposition, and where sources agree, conflict or change.

>>> from dossier.claims import claim_clusters
>>> for cluster in claim_clusters(store.iter_documents(), status="disputed"):
...     print(cluster.proposition, len(cluster.supporting), len(cluster.disputing))
"""

from __future__ import annotations

from dossier.claims.cluster import STATUSES, ClaimCluster, claim_clusters, cluster_claims
from dossier.claims.extract import Claim, ClaimContext, extract_claims, make_context

__all__ = ["STATUSES", "Claim", "ClaimCluster", "ClaimContext", "claim_clusters", "cluster_claims",
           "extract_claims", "make_context"]
