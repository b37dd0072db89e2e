"""A STIX 2.1 bundle of the store, made with the ``stix2`` library.

What goes in:
- an ``identity`` per organisation (ORG), person (PERSON), government (GPE) and group (NORP);
- a ``threat-actor`` instead, for the entities the gazetteer says are armed groups (``kind`` =
  ``armed_group``, :data:`dossier.extract.gazetteer.KINDS`);

What an entity is comes from the gazetteer's ``kind`` when the entity carries a gazetteer key
(``identity_class`` "individual" for a person, "group" for a people or religious community,
"organization" for states, agencies, parties, NGOs, media, companies), else from its spaCy label
(:data:`_IDENTITY_CLASS`). So with the gazetteer off (``DOSSIER_GAZETTEER=off``) the export is
still complete, every actor an ``identity`` by its label; only the threat-actor split needs
the curated kind. A place keeps its label's class: STIX ``location`` needs a country, region or
coordinates, which a gazetteer actor does not carry.
- a ``relationship`` per actor-graph edge between two of those; STIX has no verb for most of our
  relations, so each is ``related-to`` and keeps ours in ``x_dossier_relation``;
- a ``report`` per document (name = title, ``published`` = its publication date, refs to the actors it
  mentions, the source URL as an external reference);
- a ``note`` per settled claim cluster, quoting every cited span on both sides.

Ids are UUIDv5 of our own ids, and every timestamp comes from the data (never the clock), so the
same store always exports byte-identical output.
"""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Callable, Hashable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, BinaryIO, TextIO, cast

import simplejson
import stix2
from stix2.serialization import STIXJSONEncoder

from dossier.derived import stored_clusters
from dossier.extract.gazetteer import Actor, load_actors
from dossier.query.graph import store_graph
from dossier.records import Document
from dossier.store.base import EntityRow, Store

__all__ = ["NAMESPACE", "serialize_pretty", "stix_bundle", "write_stix"]

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://dossier.invalid/stix")
EPOCH = "1970-01-01T00:00:00Z"  # only when no document in the store is dated

#: spaCy label → STIX identity_class: the fallback for an entity the gazetteer does not know.
_IDENTITY_CLASS = {"ORG": "organization", "PERSON": "individual", "GPE": "organization", "NORP": "group"}
#: Gazetteer kind → STIX identity_class; kinds not listed (place, agreement, event, other) keep the label's.
_KIND_CLASS = {
    "person": "individual", "ethnic_group": "group", "religious_group": "group",
    **dict.fromkeys(("armed_group", "state", "state_agency", "intergovernmental", "political_party", "ngo",
                     "media", "company"), "organization"),
}


def _identity_class(row: EntityRow, actors: Mapping[str, Actor]) -> str:
    """The STIX identity_class of an entity: by its gazetteer kind when it has one, else by its label."""
    actor = actors.get(row.gazetteer) if row.gazetteer else None
    return _KIND_CLASS.get(actor.kind, _IDENTITY_CLASS[row.type]) if actor else _IDENTITY_CLASS[row.type]


def stix_id(kind: str, key: str) -> str:
    """A stable STIX id: ``kind--`` and the UUIDv5 of our own id."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


def _timestamp(value: str | None) -> str | None:
    """An ISO date or datetime as a UTC STIX timestamp; None when there is no usable date.

    A range ("1990-01-01/1993-12-31", an event dated by a span of years) stands for its first
    day, as the actor graph dates it.
    """
    if not value:
        return None
    text = value.strip().split("/", 1)[0].replace("Z", "+00:00")
    if len(text) == 10:
        text += "T00:00:00+00:00"
    if len(text) < 10 or not text[:4].isdigit():
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:  # not a date after all ("2021-02-30"): no usable date, as for a missing one
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _actor(row: EntityRow, when: str, actors: Mapping[str, Actor]) -> Any:
    actor = actors.get(row.gazetteer) if row.gazetteer else None
    common: dict[str, Any] = {
        "created": when, "modified": when, "name": row.name,
        "x_dossier_entity_id": row.id, "x_dossier_type": row.type,
        "x_dossier_documents": row.documents, "x_dossier_mentions": row.mentions,
        "allow_custom": True,
    }
    if actor and actor.note:
        common["description"] = actor.note
    if row.gazetteer:
        common["x_dossier_gazetteer"] = row.gazetteer
    if actor:
        common["x_dossier_kind"] = actor.kind
    aliases = sorted(a for a in row.aliases if a != row.name)
    if actor and actor.kind == "armed_group":
        return stix2.v21.ThreatActor(id=stix_id("threat-actor", row.id), aliases=aliases or None,
                                     roles=list(row.roles) or None, **common)
    if aliases:
        common["x_dossier_aliases"] = aliases
    if row.roles:
        common["roles"] = list(row.roles)
    return stix2.v21.Identity(id=stix_id("identity", row.id), identity_class=_identity_class(row, actors),
                              **common)


def _relationships(graph: Any, refs: Mapping[str, str], fallback: str) -> list[Any]:
    out = []
    for source, target, data in graph.edges(data=True):
        if source not in refs or target not in refs or source == target:
            continue
        relation = str(data.get("type", "related"))
        when = _timestamp(data.get("last_seen")) or fallback
        extra = {k: data[k] for k in ("first_seen", "last_seen", "evidence", "modalities") if data.get(k)}
        out.append(stix2.v21.Relationship(
            id=stix_id("relationship", f"{source}|{relation}|{target}"), created=when, modified=when,
            relationship_type="related-to", source_ref=refs[source], target_ref=refs[target],
            description=f"{graph.nodes[source].get('name', source)} {relation} "
                        f"{graph.nodes[target].get('name', target)}",
            x_dossier_relation=relation, x_dossier_weight=int(data.get("weight", 1)),
            x_dossier_provenance=str(data.get("provenance", "")).split(),
            x_dossier_directed=bool(data.get("directed", True)),
            **{f"x_dossier_{k}": v for k, v in extra.items()}, allow_custom=True))
    return out


def _report(doc: Document, refs: Mapping[str, str], fallback: str, producer: str) -> Any:
    published = _timestamp(doc.published)
    basis = doc.published_basis or "published"
    if published is None:
        published = _timestamp(doc.modified) or fallback
        basis = "modified" if _timestamp(doc.modified) else "undated: latest date in the store"
    mentioned = sorted({refs[e.entity_id] for e in doc.entities if getattr(e, "entity_id", None) in refs})
    external = [{"source_name": "dossier", "external_id": doc.id}]
    if doc.url:
        external.insert(0, {"source_name": doc.outlet or "source", "url": doc.url})
    return stix2.v21.Report(
        id=stix_id("report", doc.id), created=published, modified=published, published=published,
        name=doc.title or doc.id, report_types=["news"], object_refs=mentioned or [producer],
        description=doc.outlet, external_references=external,
        x_dossier_doc_id=doc.id, x_dossier_published_basis=basis,
        x_dossier_published_precision=doc.published_precision if doc.published else None,
        x_dossier_published_inferred=doc.published_inferred if doc.published else None,
        x_dossier_authors=list(doc.authors) or None, allow_custom=True)


def _side(label: str, evidence: Iterable[Mapping[str, Any]]) -> list[str]:
    lines = [f"{label}:"]
    for item in evidence:
        where = ", ".join(str(x) for x in (item.get("outlet"), item.get("date")) if x)
        lines.append(f"- {item['source']} ({where}; doc {item['doc']} [{item['start']}:{item['end']}]): "
                     f"\"{item['text']}\"")
    return lines


def _note(cluster: Any, refs: Mapping[str, str], reports: Mapping[str, str], fallback: str) -> Any:
    data = cluster.to_json()
    when = _timestamp(data.get("last_seen")) or fallback
    parties = [refs[p] for p in (data["subject_id"], data.get("object_id")) if p in refs]
    cited = sorted({reports[e["doc"]] for e in (*data["supporting"], *data["disputing"]) if e["doc"] in reports})
    content = [f"{data['proposition']} — {data['status']} ({data['sources']} sources)", ""]
    content += _side("Supporting", data["supporting"])
    if data["disputing"]:
        content += ["", *_side("Disputing", data["disputing"])]
    return stix2.v21.Note(
        id=stix_id("note", data["id"]), created=when, modified=when, abstract=data["proposition"],
        content="\n".join(content), object_refs=[*sorted(set(parties)), *cited],
        x_dossier_claim_id=data["id"], x_dossier_status=data["status"], x_dossier_predicate=data["predicate"],
        x_dossier_supporting=data["supporting"], x_dossier_disputing=data["disputing"], allow_custom=True)


def stix_bundle(store: Store) -> Any:
    """The store as a ``stix2.v21.Bundle`` (see the module docstring for what goes in)."""
    docs = sorted(store.iter_documents(), key=lambda d: d.id)
    dates = sorted(t for t in (_timestamp(d.published) for d in docs) if t)
    fallback = dates[-1] if dates else EPOCH
    producer = stix2.v21.Identity(id=stix_id("identity", "dossier"), created=fallback, modified=fallback,
                                  name="Dossier", identity_class="system")
    gazetteer = load_actors()
    rows = sorted((e for e in store.list_entities() if e.type in _IDENTITY_CLASS), key=lambda e: e.id)
    actors = [_actor(row, fallback, gazetteer) for row in rows]
    refs = {row.id: obj.id for row, obj in zip(rows, actors, strict=True)}
    relationships = sorted(_relationships(store_graph(store), refs, fallback), key=lambda r: r.id)
    reports = [_report(doc, refs, fallback, producer.id) for doc in docs]
    report_ids = {doc.id: r.id for doc, r in zip(docs, reports, strict=True)}
    clusters = sorted(stored_clusters(store), key=lambda c: c.id)  # kept at ingest
    note_objs = [_note(c, refs, report_ids, fallback) for c in clusters]
    objects = [producer, *actors, *relationships, *reports, *note_objs]
    bundle_key = json.dumps(sorted(o.id for o in objects))
    return stix2.v21.Bundle(objects=objects, id=stix_id("bundle", bundle_key), allow_custom=True)


def _freezer() -> Callable[[Any], Hashable]:
    """A hashable stand-in for a JSON-like value: equal stand-ins exactly when the values are ``==``.

    Containers are frozen once each (remembered by ``id``: the caller keeps them alive while it runs).
    """
    memo: dict[int, Hashable] = {}

    def freeze(value: Any) -> Hashable:
        if not isinstance(value, Mapping | list | tuple):
            return value  # type: ignore[no-any-return]
        frozen = memo.get(id(value))
        if frozen is None:
            if isinstance(value, Mapping):  # stix2 objects are Mappings and compare equal to dicts of their items
                frozen = ("mapping", frozenset((k, freeze(v)) for k, v in value.items()))
            else:
                frozen = (type(value).__name__, tuple(freeze(v) for v in value))
            memo[id(value)] = frozen
        return frozen

    return freeze


def _spec_order(root: Any) -> Callable[[tuple[str, Any]], int]:
    """``stix2``'s ``pretty=True`` item sort key, computed in one pass instead of a search per item.

    ``stix2.serialization.find_property_index`` orders a property by where that (name, value) pair
    first occurs in a depth-first walk of the whole bundle — the position of the name in that
    object's properties (a plain dict's sorted keys) — so every property of every object searches
    the bundle: quadratic in its size (minutes for a few hundred documents). Recording each pair
    at its first occurrence in the same walk gives the same numbers, hence byte-identical output.
    """
    freeze = _freezer()
    first: dict[tuple[str, Hashable], int] = {}
    stack: list[Any] = [root]
    while stack:  # pre-order, children in value order, as find_property_index searches
        node = stack.pop()
        if isinstance(node, stix2.base._STIXBase | dict):
            keys = list(node) if isinstance(node, stix2.base._STIXBase) else sorted(node)
            position = {key: i for i, key in enumerate(keys)}
            for key, value in node.items():
                first.setdefault((key, freeze(value)), position[key])
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))

    def sort_by(item: tuple[str, Any]) -> int:
        key, value = item
        if key.isdigit():
            return int(key)
        return first.get((key, freeze(value)), -1)

    return sort_by


def serialize_pretty(obj: Any) -> str:
    """``obj.serialize(pretty=True)``, byte for byte, in time linear in the size of ``obj``."""
    return str(simplejson.dumps(obj, cls=STIXJSONEncoder, indent=4, separators=(",", ": "),
                                item_sort_key=_spec_order(obj)))


def write_stix(store: Store, out: BinaryIO | TextIO) -> int:
    """Write the store as a STIX 2.1 bundle (JSON); returns how many STIX objects it holds.

    Example: ``with open("dossier.stix.json", "w") as f: write_stix(store, f)``
    """
    bundle = stix_bundle(store)
    text = serialize_pretty(bundle) + "\n"
    if isinstance(out, io.RawIOBase | io.BufferedIOBase) or "b" in getattr(out, "mode", ""):
        cast(BinaryIO, out).write(text.encode("utf-8"))
    else:
        cast(TextIO, out).write(text)
    return len(bundle.objects)
