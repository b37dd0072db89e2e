"""Names in title-case and capitals headlines: words the story never writes as names are cut off."""

from __future__ import annotations

from dossier.extract.entity_repair import WordClasses, repair
from tests.extract.test_entity_repair import find, make_doc, spans

WORDS = WordClasses(verbs=frozenset({"appoint", "strike", "return", "name"}), nouns=frozenset({"manager", "driver",
                                                                                               "bridge", "gate"}),
                    adjectives=frozenset({"drunk", "golden"}),
                    common=frozenset({"appoint", "strike", "return", "name", "manager", "driver", "bridge", "gate",
                                      "drunk", "golden"}))
BODY = ("The club said on Monday that Tomas Belko would take charge of the first team next week , after a long "
        "search that began when the old manager left in the spring and the board met again to appoint him .")


def test_headline_verb_glued_to_a_name_is_cut_off() -> None:
    doc = make_doc("Rangers Appoint Tomas Belko As Manager\n" + BODY)
    out = spans(doc, repair(doc, [find(doc, "Appoint Tomas Belko", "PERSON")], words=WORDS))
    assert out == [("Tomas Belko", "PERSON")]


def test_trailing_inflected_word_is_cut_and_only_common_words_go() -> None:
    doc = make_doc("Tomas Belko Returns\nBAKER STRUCK BY DRUNK DRIVER\n" + BODY)
    found = [find(doc, "Tomas Belko Returns", "PERSON"), find(doc, "DRUNK DRIVER", "ORG")]
    assert spans(doc, repair(doc, found, words=WORDS)) == [("Tomas Belko", "PERSON")]


def test_a_headline_word_the_story_writes_as_a_name_stays() -> None:
    doc = make_doc("Crowds Cross Golden Gate Bridge\n" + BODY + " Later the Golden Gate Bridge was closed .")
    found = [find(doc, "Golden Gate Bridge", "FAC")]
    assert spans(doc, repair(doc, found, words=WORDS)) == [("Golden Gate Bridge", "FAC")]


def test_without_running_text_the_headline_is_left_alone() -> None:
    doc = make_doc("Rangers Appoint Tomas Belko As Manager")
    found = [find(doc, "Appoint Tomas Belko", "PERSON")]
    assert spans(doc, repair(doc, found, words=WORDS)) == [("Appoint Tomas Belko", "PERSON")]
