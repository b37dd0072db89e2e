"""What the resolver reads and returns: candidates in; clusters, decisions and overrides out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["EMPTY", "Candidate", "Cluster", "Decision", "Override", "Overrides", "Resolution"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One document-level entity (an ``EntityRef`` of one document) waiting to be resolved.

    ``key`` is stable across re-ingest: ``f"{doc_id}:{name}"`` (a document has one entity per
    name, see ``group_entities``). ``aliases`` are its distinct mention texts, ``context``
    the names of the document's other entities (evidence for guarded merges).
    """

    key: str
    doc_id: str
    name: str
    label: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    gazetteer: str | None = None
    context: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Decision:
    """Why a candidate joined its cluster, or (in ``Resolution.blocked``) why a merge was refused.

    ``rule`` names the rule ("gazetteer", "exact", "surname", "fuzzy-person", "override-merge",
    "blocked:affiliation", …); ``score`` is in [0, 1]; ``evidence`` is one readable line.
    """

    candidate: str
    cluster: str
    rule: str
    score: float
    evidence: str


@dataclass(frozen=True, slots=True)
class Cluster:
    """One real-world actor across documents."""

    id: str
    name: str
    label: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    members: tuple[str, ...]  # candidate keys, sorted
    gazetteer: str | None = None
    documents: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Resolution:
    """Clusters (sorted by id), one decision per candidate, and the merges refused."""

    clusters: tuple[Cluster, ...]
    decisions: tuple[Decision, ...]
    blocked: tuple[Decision, ...] = ()

    def cluster_of(self) -> dict[str, str]:
        """``{candidate key: cluster id}``."""
        return {member: c.id for c in self.clusters for member in c.members}

    def by_id(self) -> dict[str, Cluster]:
        """``{cluster id: Cluster}``."""
        return {c.id: c for c in self.clusters}

    def decision_for(self, key: str) -> Decision | None:
        """The decision that placed candidate ``key``, if it is resolved."""
        return next((d for d in self.decisions if d.candidate == key), None)


@dataclass(frozen=True, slots=True)
class Override:
    """A user decision: ``merge`` (these are one actor), ``split`` (these are different actors),
    or ``split`` with one selector (it stands alone).

    A selector is a candidate key (``"doc_id:name"``: one document's entity), ``"gazetteer:KEY"``,
    or a name, which selects every candidate whose normalised name (under its label) equals the
    normalised selector. Names and gazetteer keys survive re-ingest; candidate keys survive as
    long as the document's text and the entity's name do.
    """

    op: str
    selectors: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.op not in ("merge", "split"):
            from dossier.errors import ConfigError

            raise ConfigError(f"Unknown override {self.op!r}; use 'merge' or 'split'.")
        if not self.selectors or (self.op == "merge" and len(self.selectors) < 2):
            from dossier.errors import ConfigError

            raise ConfigError(f"Override {self.op} {list(self.selectors)} needs "
                              f"{'two or more' if self.op == 'merge' else 'one or more'} names or keys.")


@dataclass(frozen=True, slots=True)
class Overrides:
    """User decisions in the order they were made; a later one wins over an earlier one."""

    items: tuple[Override, ...] = ()

    @classmethod
    def of(cls, ops: Iterable[tuple[str, ...] | Override]) -> Overrides:
        """From ``[("merge", "A", "B"), ("split", "C", "D"), ("split", "E")]`` or Override values."""
        items = tuple(op if isinstance(op, Override) else Override(op[0], tuple(op[1:])) for op in ops)
        return cls(items)

    def __bool__(self) -> bool:
        return bool(self.items)


EMPTY = Overrides()
