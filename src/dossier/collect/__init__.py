"""Live collection: follow feeds, sitemaps, home pages and article URLs, politely, into the store.

``collect(urls, store=…)`` runs one pass (:mod:`dossier.collect.run`); ``watch(store=…)`` repeats it
over the sources saved in the store (:mod:`dossier.collect.watch`); :mod:`dossier.collect.fetch`
holds the HTTP politeness (robots.txt, rate limit, conditional GET, retries, limits) and
:mod:`dossier.collect.discover` what a fetched source is and where it leads.
"""

from __future__ import annotations

from dossier.collect.fetch import Fetched, Fetcher, FetchPolicy, user_agent
from dossier.collect.run import CollectProgress, CollectReport, collect
from dossier.collect.watch import watch

__all__ = ["CollectProgress", "CollectReport", "FetchPolicy", "Fetched", "Fetcher", "collect", "user_agent",
           "watch"]
