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


# --- proper nouns the model left out -------------------------------------------------------

LONG = ("the club said on monday that the new coach would take charge of the first team next week .\n"
        "the search began when the old manager left in the spring and the board met again to appoint him .\n"
        "fans waited outside the ground for hours while the players trained in the rain and wind .\n")


def test_a_proper_noun_run_the_model_missed_is_added() -> None:
    doc = make_doc(LONG + "he was fired as coach of the Varnell 76ers on monday .")
    out = spans(doc, repair(doc, [], words=WORDS))
    assert out == [("Varnell 76ers", "ORG")]


def test_a_people_adjective_joins_the_name_after_it() -> None:
    doc = make_doc(LONG + "ships of the Zorvan Navy patrolled the coast .")
    found = [find(doc, "Zorvan", "NORP")]
    assert spans(doc, repair(doc, found, words=WORDS)) == [("Zorvan Navy", "ORG")]


def test_english_words_title_words_and_short_texts_add_nothing() -> None:
    doc = make_doc(LONG + "read our Manager notes and the Bridge guide .")
    assert repair(doc, [], words=WORDS) == []
    short = make_doc("he was fired as coach of the Varnell 76ers on monday .")
    assert repair(short, [], words=WORDS) == []


def test_a_place_before_a_missed_name_joins_it_and_repeated_common_words_count() -> None:
    doc = make_doc(LONG + "the Dorrow Herons beat the visitors .\n"
                   "a flaw in Golden Bridge let them in . they patched Golden Bridge again . "
                   "users of Golden Bridge were told .")
    found = [find(doc, "Dorrow", "GPE")]
    out = spans(doc, repair(doc, found, words=WORDS))
    assert ("Dorrow Herons", "ORG") in out
    assert out.count(("Golden Bridge", "ORG")) == 3
