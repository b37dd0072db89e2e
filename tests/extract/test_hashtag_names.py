"""A hashtag or handle glues a name together; the mention keeps the text, its name gets the spaces back."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier import ingest_paths, open_store
from dossier.extract.entities import hashtag_name


@pytest.mark.parametrize(("text", "expected"), [
    ("#AkhtarMansoor", "Akhtar Mansoor"),
    ("@AlJazeeraEnglish", "Al Jazeera English"),
    ("McKenzie", None),  # running text: a name's own capitals stay
    ("#Taliban", None),  # one word: nothing to split
])
def test_hashtag_name(text: str, expected: str | None) -> None:
    assert hashtag_name(text, 0, len(text)) == expected


def test_a_hashtag_joins_the_person_it_names(tmp_path: Path) -> None:
    page = tmp_path / "mansoor.txt"
    page.write_text("Taliban leader killed in drone strike\n\nBy Staff Writer\nMay 23, 2016\n\n"
                    "Mullah Akhtar Mansoor, the leader of the Afghan Taliban, was killed in a drone strike on "
                    "Saturday, officials said. Supporters shared photos under #AkhtarMansoor within hours.\n",
                    encoding="utf-8")
    store = open_store(str(tmp_path / "s.db"), create=True)
    try:
        ingest_paths([str(page)], store=store)
        people = [e for e in store.list_entities() if e.type == "PERSON"]
    finally:
        store.close()
    assert len(people) == 1, [(e.name, e.aliases) for e in people]
    assert "AkhtarMansoor" in people[0].aliases or "Akhtar Mansoor" in people[0].aliases
