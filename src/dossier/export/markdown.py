"""The Markdown brief: key actors, timeline, and agreed/disputed/changed claims, all cited.

Every statement in the brief is a quotation of a stored span with its source, so an analyst
can paste it into a report and every line can be traced back with `dossier show ID`.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from dossier.dates import label_of
from dossier.records import Document
from dossier.store.base import Store
from dossier.textutil import clip

__all__ = ["write_brief"]

_ACTOR_TYPES = ("PERSON", "ORG", "NORP", "GPE")


def _clip(text: str, width: int = 240) -> str:
    return clip(text, width)


def _md(text: str) -> str:
    """Article text inside Markdown: no stray markup from the source."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def _cite(doc: dict[str, Any] | None, doc_id: str, start: int, end: int) -> str:
    where = f"{doc.get('outlet') or 'unknown outlet'}, {doc.get('when') or 'undated'}" if doc else "source"
    return f"({where}; `{doc_id[:12]}` {start}–{end})"


def _documents(store: Store, topic: str | None) -> list[Document]:
    if topic:
        ids = [hit.id for hit in store.search(topic, limit=10_000)]
        return [store.get_document(doc_id) for doc_id in ids]
    return list(store.iter_documents())


def _actors(docs: list[Document], limit: int) -> list[str]:
    mentions: Counter[str] = Counter()
    names: dict[str, str] = {}
    roles: dict[str, list[str]] = {}
    for doc in docs:
        for ref in doc.entities:
            if ref.label not in _ACTOR_TYPES:
                continue
            key = ref.entity_id or ref.name
            mentions[key] += len(ref.mentions)
            names.setdefault(key, ref.name)
            roles.setdefault(key, [])
            roles[key].extend(r for r in ref.roles if r not in roles[key])
    lines = []
    for key, count in mentions.most_common(limit):
        role = f" — {_md('; '.join(roles[key][:3]))}" if roles[key] else ""
        lines.append(f"- **{_md(names[key])}** ({count} mentions){role}")
    return lines


def _settled(store: Store, docs: list[Document], topic: str | None) -> list[Any]:
    """The claim clusters of the brief's documents, from the claims kept at ingest (:mod:`dossier.derived`):
    all of the store's, or (with a topic) those of its documents, named and ordered as among themselves."""
    from dossier.derived import stored_claims, stored_clusters

    if not topic:
        return stored_clusters(store)
    from collections import defaultdict

    from dossier.claims import cluster_claims

    doc_ids = {d.id for d in docs}
    prominence: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in sorted(docs, key=lambda d: d.id):
        for ref in doc.entities:
            prominence[ref.entity_id or ref.name] += len(ref.mentions)
            spelled[ref.entity_id or ref.name][ref.name] += len(ref.mentions)
    names = {key: max(counts, key=lambda n: (counts[n], len(n))) for key, counts in spelled.items()}
    claims = [c for c in stored_claims(store) if c.doc_id in doc_ids]
    return [c for c in cluster_claims(claims, prominence=prominence, names=names) if c.status is not None]


def _claims(store: Store, docs: list[Document], topic: str | None, meta: dict[str, dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    settled = _settled(store, docs, topic)  # once, from the stored claims
    for status in ("disputed", "agreed", "changed"):
        clusters = [c.to_json() for c in settled if c.status == status]
        if not clusters:
            continue
        lines.append(f"\n### {status.capitalize()}\n")
        for cluster in clusters[:10]:
            lines.append(f"- **{_md(cluster['proposition'])}**")
            for side, sign in (("supporting", "holds"), ("disputing", "disputes")):
                for item in cluster.get(side, [])[:4]:
                    lines.append(f"  - {_md(item['source'] or 'unnamed')} {sign}: “{_md(_clip(item['text']))}” "
                                 f"{_cite(meta.get(item['doc']), item['doc'], item['start'], item['end'])}")
    return lines


def _timeline(store: Store, docs: list[Document], topic: str | None, meta: dict[str, dict[str, Any]],
              limit: int) -> list[str]:
    """The last ``limit`` events of the whole store's timeline that the brief's documents report."""
    from dossier.query.timeline import build_timeline

    doc_ids = {d.id for d in docs}
    everything = store.iter_documents() if topic else docs  # without a topic, the brief's documents are all
    lines = []
    rows = [r for r in build_timeline(everything) if any(s["doc"] in doc_ids for s in r["sources"])]
    for row in rows[-limit:]:
        precision = row.get("date_precision") or ""
        source = row["sources"][0]
        more = f" (+{len(row['sources']) - 1} more sources)" if len(row["sources"]) > 1 else ""
        lines.append(f"- **{row['date']}** ({precision}) {row['type']}: “{_md(_clip(source['text'], 180))}” "
                     f"{_cite(meta.get(source['doc']), source['doc'], source['start'], source['end'])}{more}")
    return lines


def write_brief(store: Store, *, topic: str | None = None, actors: int = 12, events: int = 25) -> str:
    """The brief as Markdown text (topic: a search query selecting the documents)."""
    docs = _documents(store, topic)
    meta = {d.id: {"outlet": d.outlet, "published": d.published, "title": d.title, "when": label_of(d)}
            for d in docs}
    dates = sorted(d.published for d in docs if d.published)
    out = [f"# Dossier brief: {_md(topic) if topic else 'all documents'}", "",
           f"{len(docs)} documents from {len({d.outlet for d in docs if d.outlet})} outlets, "
           f"published {dates[0] + ' to ' + dates[-1] if dates else 'on unknown dates'}. "
           f"Generated {date.today().isoformat()} by Dossier; every quotation cites its document id and "
           "character offsets.", ""]
    if not docs:
        out.append("No stored document matches this topic.")
        return "\n".join(out) + "\n"
    out += ["## Key actors", "", *_actors(docs, actors), "", "## Timeline", ""]
    out += _timeline(store, docs, topic, meta, events) or ["No dated events."]
    claim_lines = _claims(store, docs, topic, meta)
    out += ["", "## Claims", *(claim_lines or ["", "No claims with more than one source."])]
    out += ["", "## Sources", ""]
    out += [f"- `{d.id}` {_md(d.title or '(untitled)')} — {_md(d.outlet or 'unknown outlet')}, "
            f"{label_of(d, long=True, empty='undated')}"
            for d in sorted(docs, key=lambda d: (d.published or "9999", d.id))]
    return "\n".join(out) + "\n"

