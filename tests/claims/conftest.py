"""Hand-built documents for claim tests, and the real corpora ingested once per session."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from dossier import Document, ingest_paths, open_store
from dossier.extract.records import EntityRef, Mention, Quote
from dossier.records import Span

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"

#: name → (label, entity id, gazetteer key)
ACTORS = {
    "Taliban": ("ORG", "ent_taliban", "taliban"),
    "al-Qaeda": ("ORG", "ent_aq", "al-qaeda"),
    "AQIS": ("ORG", "ent_aqis", "aqis"),
    "United Nations": ("ORG", "ent_un", "un"),
    "Suhail Shaheen": ("PERSON", "ent_shaheen", "suhail-shaheen"),
    "Mike Pompeo": ("PERSON", "ent_pompeo", None),
    "US": ("GPE", "ent_us", None),
    "Afghanistan": ("GPE", "ent_af", None),
}


def make_doc(text: str, *, doc_id: str = "d1", outlet: str | None = "Test Wire", published: str | None = "2020-06-01",
             quotes: Sequence[tuple[str, str | None]] = (), cue: str = "said") -> Document:
    """A document whose entities are every ACTORS name found in ``text``; quotes are (quoted text, speaker)."""
    refs = []
    for name, (label, entity_id, key) in ACTORS.items():
        mentions = tuple(Mention(m.group(), label, Span(doc_id, m.start(), m.end(), 0, "test"), name,
                                 entity_id=entity_id, gazetteer=key)
                         for m in re.finditer(rf"\b{re.escape(name)}\b", text))
        if mentions:
            refs.append(EntityRef(name, label, mentions, entity_id=entity_id))
    built = []
    for quoted, speaker in quotes:
        start = text.index(quoted)
        speaker_id = ACTORS[speaker][1] if speaker in ACTORS else None
        speaker_span = None
        if speaker and speaker in text:
            at = text.index(speaker)
            speaker_span = Span(doc_id, at, at + len(speaker), 0, "test")
        built.append(Quote(quoted, Span(doc_id, start, start + len(quoted), 0, "test"), direct=False,
                           speaker=speaker, speaker_span=speaker_span, speaker_id=speaker_id, cue=cue))
    return Document(id=doc_id, source=f"{doc_id}.txt", text=text, outlet=outlet, published=published,
                    entities=tuple(refs), quotes=tuple(built))


def _ingest(path: Path, tmp: Path) -> list[Document]:
    store = open_store(str(tmp / "claims.db"), create=True)
    try:
        ingest_paths([str(path)], store=store)
        return list(store.iter_documents())
    finally:
        store.close()


@pytest.fixture(scope="session")
def seed_docs(tmp_path_factory: pytest.TempPathFactory) -> list[Document]:
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip(f"seed articles not found in {SEEDS} (shared corpus not mounted)")
    return _ingest(SEEDS, tmp_path_factory.mktemp("claims-seeds"))


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not SAMPLES.is_dir():
        pytest.skip(f"sample articles not found in {SAMPLES}")
    path = tmp_path_factory.mktemp("claims-samples") / "samples.db"
    store = open_store(str(path), create=True)
    try:
        ingest_paths([str(SAMPLES)], store=store)
    finally:
        store.close()
    return str(path)


@pytest.fixture(scope="session")
def sample_docs(sample_db: str) -> list[Document]:
    store = open_store(sample_db)
    try:
        return list(store.iter_documents())
    finally:
        store.close()
