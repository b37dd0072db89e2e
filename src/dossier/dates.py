"""How a publication date is written for people: its precision and whether it was inferred.

A stated date shows as itself ("2020-02-29", "2021-08"). An inferred one is marked
everywhere it is shown: a leading "~" in short form ("~2021-08-26", "~2013"), a range as
"≥2021-08-26" (on or after that day); the long form spells it out ("2021-08-26 to
2021-09-01, inferred"). Light on purpose: the CLI and the web app import it at start-up.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["PRECISIONS", "label_of", "precision_of", "published_label"]

PRECISIONS = ("day", "month", "year", "range")
_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def precision_of(value: str | None) -> str | None:
    """The precision an ISO value names: "2020-02-29" day, "2020-02" month, "2020" year.

    >>> precision_of("2021-08")
    'month'
    """
    if not value or not _ISO.match(value):
        return None
    return {10: "day", 7: "month", 4: "year"}[len(value)]


def published_label(published: str | None, precision: str | None = None, inferred: bool = False,
                    until: str | None = None, *, long: bool = False, empty: str = "") -> str:
    """A publication date as shown to people, inferred dates marked.

    Args:
        published: the stored value (a range's first day when ``precision`` is "range").
        precision: day, month, year or range (None: read from the value).
        inferred: whether it was reasoned rather than stated.
        until: a range's last day, if known.
        long: spell it out ("on or after 2021-08-26, inferred") instead of marking it.
        empty: what to show for no date ("undated", "—").

    >>> published_label("2021-08-26", "range", True, "2021-09-01")
    '2021-08-26…2021-09-01'
    >>> published_label("2013", "year", True, long=True)
    '2013 (year, inferred)'
    """
    if not published:
        return empty
    precision = precision or precision_of(published) or "day"
    if precision == "range":
        if long:
            what = f"{published} to {until}" if until else f"on or after {published}"
            return f"{what} (inferred)" if inferred else what
        return f"{published}…{until}" if until else f"≥{published}"
    if long:
        notes = [precision] if precision != "day" else []
        notes += ["inferred"] if inferred else []
        return f"{published} ({', '.join(notes)})" if notes else published
    return f"~{published}" if inferred else published


def label_of(item: Any, *, long: bool = False, empty: str = "") -> str:
    """:func:`published_label` of anything that carries ``published`` and its companions: a
    Document, a DocSummary, a SearchHit or a dict (a range's last day from ``published_until``
    or ``meta["published_until"]``)."""
    def get(key: str) -> Any:
        return item.get(key) if isinstance(item, dict) else getattr(item, key, None)

    meta = get("meta")
    until = get("published_until") or (meta.get("published_until") if isinstance(meta, dict) else None)
    return published_label(get("published"), get("published_precision"), bool(get("published_inferred")),
                           until, long=long, empty=empty)
