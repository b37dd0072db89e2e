"""Helpers for the ingest page and the timeline zoom: safe upload names, CSRF tokens, date buckets.

No request value becomes a path: an upload is written under a generated name, keeping at most
a short alphanumeric suffix from the client's name (detection reads the content first and uses
the suffix only when the content is ambiguous).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

__all__ = ["MAX_TOTAL", "MAX_UPLOAD", "ZOOMS", "buckets", "csrf_token", "safe_name"]

MAX_UPLOAD = 10 * 1024 * 1024  # one file
MAX_TOTAL = 50 * 1024 * 1024  # the whole request
ZOOMS = {"year": 4, "month": 7, "day": 10}  # zoom level → length of the ISO date prefix
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}\Z")


def safe_name(index: int, client_name: str | None) -> str:
    """``upload-007.txt``: a generated name, with the client's suffix only if it is plain alphanumerics."""
    base = re.split(r"[\\/]", client_name or "")[-1]
    match = _SUFFIX.search(base)
    return f"upload-{index:03d}{match.group(0).lower() if match else ''}"


def csrf_token(secret: bytes, token: str | None) -> str:
    """HMAC-SHA256 of the access token (or "local" without one) under the per-process ``secret``."""
    return hmac.new(secret, (token or "local").encode(), hashlib.sha256).hexdigest()


def buckets(rows: Iterable[dict[str, Any]], zoom: str) -> list[dict[str, Any]]:
    """Timeline rows counted per year / month / day prefix of their date, in date order; undated last.

    Each bucket has ``key``, ``count`` and ``next`` (the zoom level its link opens, "" for the event list);
    an event dated more coarsely than the zoom is counted under its own, shorter key.
    """
    size = ZOOMS[zoom]
    counts = Counter(str(r.get("date") or "")[:size] for r in rows)
    keys = sorted(k for k in counts if k) + ([""] if "" in counts else [])
    by_length = {4: "month", 7: "day"}  # a coarser date ("2021" at day zoom) keeps its own level
    return [{"key": k, "count": counts[k], "next": by_length.get(len(k), "")} for k in keys]
