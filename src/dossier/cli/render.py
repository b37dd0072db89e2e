"""Plain-text renderings of a document's extracted facts for `dossier show --facts`."""

from __future__ import annotations

from collections.abc import Iterator

from dossier.records import Document
from dossier.textutil import clip

__all__ = ["fact_lines"]



def fact_lines(doc: Document, *, width: int = 100) -> Iterator[str]:
    """Entities, quotes, events and quantities, one line each, with their character offsets."""
    entities = sorted(doc.entities, key=lambda e: (-len(e.mentions), e.name))
    yield f"entities ({len(entities)})"
    for entity in entities:
        roles = f"  [{'; '.join(entity.roles)}]" if entity.roles else ""
        yield clip(f"  {entity.label:<7} {entity.name} ×{len(entity.mentions)}{roles}", width)
    yield f"quotes ({len(doc.quotes)})"
    for quote in doc.quotes:
        kind = "“”" if quote.direct else "~ "
        yield clip(f"  {kind} {quote.speaker or '(unknown)'} [{quote.cue or '-'}] "
                    f"{quote.span.start}-{quote.span.end}: {quote.text}", width)
    yield f"events ({len(doc.events)})"
    for event in doc.events:
        when = event.time.value if event.time and event.time.value else "—"
        where = f" @ {event.place.name}" if event.place else ""
        numbers = " " + ", ".join(f"{k} {v:g}" for k, v in event.quantities.items()) if event.quantities else ""
        mood = "" if event.modality == "asserted" else f" ({event.modality})"
        yield clip(f"  {when:<10} {event.type:<9} {event.actor or '?'} → {event.target or '—'}"
                    f"{where}{numbers}{mood}: {event.action}", width)
    yield f"quantities ({len(doc.quantities)})"
    for q in doc.quantities:
        yield clip(f"  {q.qualifier:<6} {q.text} ({q.unit}{', ' + q.counts if q.counts else ''})", width)
