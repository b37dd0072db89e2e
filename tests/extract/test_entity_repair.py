"""Tests for dossier.extract.entity_repair: noise filter and document-level type repair.

Unit tests build small ``Doc``s by hand (our own logic, with the word classes passed in);
the end-to-end tests run the real sm model with and without the gazetteer.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from dossier.extract.entities import add_entity_components, find_mentions
from dossier.extract.entity_repair import Found, WordClasses, repair
from dossier.extract.nlp import load_nlp
from dossier.extract.records import Mention

VOCAB = spacy.blank("en").vocab  # English lexical attributes (is_title, lower_…)
WORDS = WordClasses(verbs=frozenset({"question", "smoke", "inject"}), adjectives=frozenset({"gaunt"}),
                    nouns=frozenset({"smoke", "town", "exchange"}),
                    common=frozenset({"question", "smoke", "inject", "gaunt", "town", "exchange"}))


def make_doc(text: str, tags: dict[str, str] | None = None) -> Doc:
    """A tokenised doc (whitespace split), one sentence per line, NNP for capitalised words."""
    words, spaces, starts = [], [], []
    for line_no, line in enumerate(text.split("\n")):
        tokens = line.split(" ")
        for i, word in enumerate(tokens):
            words.append(word)
            spaces.append(i < len(tokens) - 1)
            starts.append(i == 0)
        if line_no < len(text.split("\n")) - 1:
            spaces[-1] = False
            words.append("\n")
            spaces.append(False)
            starts.append(False)
    tags = tags or {}
    doc = Doc(VOCAB, words=words, spaces=spaces, sent_starts=starts,
              tags=[tags.get(w, "NNP" if w[:1].isupper() else "NN") for w in words],
              pos=["PROPN" if w[:1].isupper() else "NOUN" for w in words])
    return doc


def spans(doc: Doc, found: list[Found]) -> list[tuple[str, str]]:
    return [(doc[s:e].text, label) for s, e, label, *_ in sorted(found)]


def find(doc: Doc, text: str, label: str, key: str = "") -> Found:
    words = text.split()
    for i in range(len(doc)):
        if [t.text for t in doc[i:i + len(words)]] == words:
            return (i, i + len(words), label, key, "model")
    raise AssertionError(f"{text!r} not in {doc.text!r}")


# --- noise ------------------------------------------------------------------------------------

def test_lowercase_spans_are_dropped_but_numbers_stay() -> None:
    doc = make_doc("He looked gaunt after a potential exchange , days after 9/11 .")
    found = [find(doc, "gaunt", "PERSON"), find(doc, "potential exchange", "ORG"), find(doc, "9/11", "EVENT")]
    assert spans(doc, repair(doc, found, words=WORDS)) == [("9/11", "EVENT")]


def test_sentence_initial_gerund_is_cut_off_a_name() -> None:
    doc = make_doc("Questioning Vindman , the counsel asked about the call .", tags={"Questioning": "VBG"})
    out = repair(doc, [find(doc, "Questioning Vindman", "PERSON")], words=WORDS)
    assert spans(doc, out) == [("Vindman", "PERSON")]
    assert out[0][4] == "rule"


def test_sentence_initial_common_word_alone_is_dropped() -> None:
    doc = make_doc("Smoke rose over the town .\nThe smoke cleared .", tags={"Smoke": "NN"})
    assert repair(doc, [find(doc, "Smoke", "ORG")], words=WORDS) == []


def test_a_name_keeps_its_capitalised_first_word_mid_sentence() -> None:
    doc = make_doc("Officials met Smoke Johnson on Monday .")
    assert spans(doc, repair(doc, [find(doc, "Smoke Johnson", "PERSON")], words=WORDS)) == [
        ("Smoke Johnson", "PERSON")]


def test_leading_article_is_trimmed() -> None:
    doc = make_doc("It would take a Mitt Romney to win .")
    assert spans(doc, repair(doc, [find(doc, "a Mitt Romney", "PERSON")], words=WORDS)) == [
        ("Mitt Romney", "PERSON")]


def test_span_across_a_line_break_is_split() -> None:
    doc = make_doc("Talks in Ukraine\nKurt Volker resigned on Friday .")
    assert doc[3].text == "\n"
    out = repair(doc, [(2, 6, "PERSON", "", "model")], words=WORDS)
    assert spans(doc, out) == [("Kurt Volker", "PERSON")]  # "Ukraine" alone: no label seen for it


def test_place_glued_to_a_name_is_split() -> None:
    doc = make_doc("The envoy for Ukraine Kurt Volker resigned .\nUkraine was not told .")
    found = [find(doc, "Ukraine Kurt Volker", "ORG"), (9, 10, "GPE", "", "model")]
    assert spans(doc, repair(doc, found, words=WORDS)) == [
        ("Ukraine", "GPE"), ("Kurt Volker", "PERSON"), ("Ukraine", "GPE")]


def test_gazetteer_spans_are_kept_as_they_are() -> None:
    doc = make_doc("Fighters of the Wagner group advanced .")
    found = [find(doc, "Wagner group", "ORG", key="wagner-group")]
    assert repair(doc, found, words=WORDS) == found


# --- types ------------------------------------------------------------------------------------

def test_town_of_makes_every_mention_of_the_name_a_place() -> None:
    doc = make_doc("Troops took the town of Soledar on Friday .\nThe fall of Soledar was denied .")
    found = [find(doc, "Soledar", "PERSON"), (13, 14, "ORG", "", "model")]
    assert [doc[13].text] == ["Soledar"]
    out = repair(doc, found, words=WORDS)
    assert spans(doc, out) == [("Soledar", "GPE"), ("Soledar", "GPE")]
    assert {f[4] for f in out} == {"rule"}


def test_title_before_a_name_makes_it_a_person() -> None:
    doc = make_doc("Mr Burisma said so .\nBurisma left .", tags={"Burisma": "NNP"})
    found = [find(doc, "Burisma", "GPE"), (6, 7, "ORG", "", "model")]
    assert [label for _, label in spans(doc, repair(doc, found, words=WORDS))] == ["PERSON", "PERSON"]


def test_company_after_a_name_makes_it_an_org() -> None:
    doc = make_doc("Burisma company paid him .\nBurisma denied it .")
    found = [find(doc, "Burisma", "PERSON"), (6, 7, "GPE", "", "model")]
    assert [label for _, label in spans(doc, repair(doc, found, words=WORDS))] == ["ORG", "ORG"]


def test_a_tie_keeps_the_model_labels() -> None:
    doc = make_doc("Officials named Kalvar on Friday .\nKalvar denied it .")
    found = [find(doc, "Kalvar", "PERSON"), (7, 8, "ORG", "", "model")]
    assert spans(doc, repair(doc, found, words=WORDS)) == [("Kalvar", "PERSON"), ("Kalvar", "ORG")]


def test_gazetteer_type_wins_the_document_vote() -> None:
    doc = make_doc("The Taliban said so .\nTaliban fighters left .")
    found = [find(doc, "Taliban", "ORG", key="taliban"), (6, 7, "NORP", "", "model")]
    assert [label for _, label in spans(doc, repair(doc, found, words=WORDS))] == ["ORG", "ORG"]


def test_plural_family_name_is_a_person_not_a_place() -> None:
    doc = make_doc("Hunter Biden was there .\nThe Bidens flew home .")
    found = [find(doc, "Hunter Biden", "PERSON"), find(doc, "Bidens", "GPE")]
    assert spans(doc, repair(doc, found, words=WORDS))[1] == ("Bidens", "PERSON")


def test_a_plural_place_without_a_person_stays() -> None:
    doc = make_doc("The Netherlands voted .")
    assert spans(doc, repair(doc, [find(doc, "Netherlands", "GPE")], words=WORDS)) == [("Netherlands", "GPE")]


# --- the real model -------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=[True, False], ids=["gazetteer", "no-gazetteer"])
def nlp(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    return add_entity_components(load_nlp(), shipped=request.param)


def mentions(nlp, text: str) -> list[Mention]:  # type: ignore[no-untyped-def]
    found = find_mentions(nlp(text), doc_id="t")
    for m in found:
        assert text[m.span.start:m.span.end] == m.text
    return found


def labels_of(found: list[Mention], text: str) -> set[str]:
    return {m.label for m in found if m.text == text}


STORY = ("Russian troops seized the mining town of Soledar after weeks of shelling, the ministry said.\n\n"
         "The loss of Soledar would cut the road to the nearby city of Bakhmut, and fighting in Bakhmut "
         "went on.")


def test_one_place_one_type_in_a_story(nlp) -> None:  # type: ignore[no-untyped-def]
    found = mentions(nlp, STORY)
    assert labels_of(found, "Soledar") == {"GPE"}
    assert labels_of(found, "Bakhmut") == {"GPE"}


def test_questioning_and_families_on_the_model(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Questioning Vindman, the counsel asked about the July call.\n\n"
            "Hunter Biden sat on a board. The Bidens flew to Kyiv in May.")
    found = mentions(nlp, text)
    assert "Questioning Vindman" not in {m.text for m in found}
    assert labels_of(found, "Vindman") == {"PERSON"}
    assert "GPE" not in labels_of(found, "Bidens")
    assert labels_of(found, "Kyiv") == {"GPE"}


def test_no_lowercase_mentions_on_the_model(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The prisoner looked gaunt. A potential exchange was discussed, officials said, "
            "but the defence ministry and the state would not comment.")
    assert all(any(c.isupper() for c in m.text) for m in mentions(nlp, text))


def test_a_common_noun_role_in_front_of_a_name_is_cut_off() -> None:
    doc = make_doc("Defender Hassan Abbas scored twice .")
    words = WordClasses(nouns=frozenset({"defender"}), common=frozenset({"defender"}))
    assert spans(doc, repair(doc, [find(doc, "Defender Hassan Abbas", "PERSON")], words=words)) == [
        ("Hassan Abbas", "PERSON")]


def test_an_adjective_alone_is_no_name_where_the_document_writes_it_lowercase() -> None:
    doc = make_doc("The central bank met .\nOfficials at Central said no .")
    words = WordClasses(adjectives=frozenset({"central"}), common=frozenset({"central"}))
    assert repair(doc, [find(doc, "Central", "ORG")], words=words) == []


def test_a_company_named_in_full_makes_its_short_name_an_org() -> None:
    doc = make_doc("Burisma Holdings paid him .\nBurisma denied it .")
    found = [find(doc, "Burisma Holdings", "ORG"), (6, 7, "PERSON", "", "model")]
    assert doc[6].text == "Burisma"
    assert spans(doc, repair(doc, found, words=WORDS))[1] == ("Burisma", "ORG")


def test_a_full_name_is_not_cut_to_a_shorter_form_of_it() -> None:
    doc = make_doc("Osama bin Laden was killed .\nbin Laden hid for years .")
    found = [find(doc, "Osama bin Laden", "PERSON"), (7, 9, "PERSON", "", "model")]
    assert doc[7:9].text == "bin Laden"
    assert spans(doc, repair(doc, found, words=WORDS))[0] == ("Osama bin Laden", "PERSON")


def test_a_common_word_glued_to_a_person_named_elsewhere_is_cut_off() -> None:
    doc = make_doc("He mocked Universe Alicia Machado .\nAlicia Machado , once queen of the universe , replied .")
    words = WordClasses(nouns=frozenset({"universe"}), common=frozenset({"universe"}))
    found = [find(doc, "Universe Alicia Machado", "PERSON"), (7, 9, "PERSON", "", "model")]
    assert doc[7:9].text == "Alicia Machado"
    assert spans(doc, repair(doc, found, words=words)) == [("Alicia Machado", "PERSON"), ("Alicia Machado", "PERSON")]


def test_a_given_name_that_is_also_a_noun_stays_in_the_full_name() -> None:
    doc = make_doc("Bill de Blasio spoke .\nde Blasio left .")
    words = WordClasses(nouns=frozenset({"bill"}), verbs=frozenset({"bill"}), common=frozenset({"bill"}))
    found = [find(doc, "Bill de Blasio", "PERSON"), (6, 8, "PERSON", "", "model")]
    assert doc[6:8].text == "de Blasio"
    assert spans(doc, repair(doc, found, words=words))[0] == ("Bill de Blasio", "PERSON")
