"""Quotes on news of other stories (fires, courts, quakes, piracy): the fixes made on the
``bench/quotes_other.py`` gold, each on sentences written for this test."""

from __future__ import annotations

from typing import Any

import pytest

from dossier.extract.entities import find_mentions
from dossier.extract.nlp import dossier_nlp
from dossier.extract.quotes import find_quotes
from dossier.extract.quotes_marks import find_quoted_spans
from dossier.extract.records import Quote


@pytest.fixture(scope="module")
def nlp() -> Any:
    return dossier_nlp()


def _quotes(nlp: Any, text: str) -> list[Quote]:
    sdoc = nlp(text)
    quotes = find_quotes(sdoc, doc_id="t", mentions=find_mentions(sdoc, doc_id="t"))
    for q in quotes:
        assert text[q.span.start:q.span.end] == q.text
    return quotes


def _find(quotes: list[Quote], needle: str) -> Quote:
    found = [q for q in quotes if needle in q.text]
    assert found, (needle, [q.text for q in quotes])
    return found[0]


def _mention(text: str, quote: Quote) -> str | None:
    s = quote.speaker_span
    return None if s is None else text[s.start:s.end]


def test_quote_closing_on_the_next_line_continues_the_open_one() -> None:
    text = 'Crews left at dawn.\n"The ridge is unstable.\nNobody should climb it," the ranger said.\n'
    spans = find_quoted_spans(text)
    assert [text[s.content_start:s.content_end] for s in spans] == [
        "The ridge is unstable.", "Nobody should climb it"]
    assert spans[0].continues and not spans[0].closed and spans[1].closed


def test_a_line_opening_a_new_quote_is_not_a_carried_over_close() -> None:
    text = 'He said "yes\nand then "no" was the answer.\n'
    assert [text[s.content_start:s.content_end] for s in find_quoted_spans(text)] == ["yes", "no"]


def test_first_half_of_a_quote_split_over_lines_takes_the_speaker(nlp: Any) -> None:
    text = ('The dam held overnight.\n"The water is falling.\nWe will reopen the road on Friday," '
            'engineer Paula Grant said.\n')
    quote = _find(_quotes(nlp, text), "The water is falling")
    assert quote.speaker == "Paula Grant" and quote.direct


def test_short_whole_sentence_quote_after_an_attributed_one_keeps_the_speaker(nlp: Any) -> None:
    text = ('"We lost the first half badly," coach Martin Hale said.\n"We came back."\n'
            'The match ended in a draw.\n')
    quote = _find(_quotes(nlp, text), "We came back")
    assert quote.speaker == "Martin Hale"


def test_short_quote_inside_a_sentence_is_still_a_scare_quote(nlp: Any) -> None:
    text = 'Coach Martin Hale said the team played "very well" on Sunday.\n"We came back."\n'
    quotes = _quotes(nlp, text)
    assert not any(q.direct and q.text == "very well" for q in quotes)


def test_he_after_according_to_is_the_source_not_the_subject(nlp: Any) -> None:
    text = ('The singer Maria Lopez has cancelled her tour, according to her manager, Peter Novak.\n'
            '"She needs rest after a long year," he said.\n')
    quote = _find(_quotes(nlp, text), "She needs rest")
    assert _mention(text, quote) == "he" and quote.speaker == "Peter Novak"


def test_he_after_a_relative_clause_is_the_person_it_describes(nlp: Any) -> None:
    text = ('The news surprised the producer Adam Kerr, who worked with Lisa Moore last year.\n'
            '"Lisa was always on time," he said.\n')
    quote = _find(_quotes(nlp, text), "always on time")
    assert quote.speaker == "Adam Kerr"


def test_he_inserted_after_a_clause_is_not_the_subject_of_that_clause(nlp: Any) -> None:
    text = ('The fire chief, Tom Reyes, said two rooms burned.\n'
            'Anna Holt owned the house, he said.\n')
    quote = _find(_quotes(nlp, text), "Anna Holt owned the house")
    assert _mention(text, quote) == "he" and quote.speaker == "Tom Reyes"


def test_inserted_cue_after_a_comma_is_reported_speech(nlp: Any) -> None:
    text = 'Two ferries collided near the harbour at night and one sank within minutes, coast guard officials said.\n'
    quote = _find(_quotes(nlp, text), "Two ferries collided")
    assert _mention(text, quote) == "coast guard officials" and not quote.direct


def test_headline_without_full_stop_is_not_part_of_the_reported_clause(nlp: Any) -> None:
    text = ('Storm floods coastal town\nMarch 3, 2014\n'
            'Hundreds of homes were flooded after the river burst its banks on Sunday, officials said.\n')
    quote = _find(_quotes(nlp, text), "Hundreds of homes")
    assert quote.text.startswith("Hundreds of homes") and "Storm floods" not in quote.text


def test_nickname_in_quotes_does_not_block_reported_speech(nlp: Any) -> None:
    text = ('It was the same jail where the smugglers Ivan "Big Ivan" Petrov and Leon "The Cat" Marsh '
            'also died, the newspaper said.\n')
    quote = _find(_quotes(nlp, text), "the same jail")
    assert not quote.direct


def test_abbreviated_title_split_by_the_parser_is_part_of_the_speaker(nlp: Any) -> None:
    text = 'The driver fled the scene before the police arrived, said Sgt. Laura Finch.\n'
    quote = _find(_quotes(nlp, text), "The driver fled")
    assert quote.speaker == "Laura Finch" and "Sgt" in (_mention(text, quote) or "")


def test_the_newspaper_is_the_outlet_named_before(nlp: Any) -> None:
    text = ('The mayor resigned on Monday, the Riverside Courier reported.\n'
            'He had been in office for nine years, the newspaper said.\n')
    quote = _find(_quotes(nlp, text), "nine years")
    assert _mention(text, quote) == "the newspaper" and quote.speaker == "Riverside Courier"


def test_definite_institution_is_the_one_named_before_with_that_head(nlp: Any) -> None:
    text = ('The Kenyan navy said it had seized a boat carrying weapons.\n'
            '"Six men were detained," the navy said.\n')
    quote = _find(_quotes(nlp, text), "Six men were detained")
    assert quote.speaker is not None and "Kenyan" in quote.speaker


def test_the_spokesman_stays_with_the_person_named_with_that_office(nlp: Any) -> None:
    text = 'Police spokesman Omar Said spoke on Monday. "We are searching the area," the spokesman said.\n'
    quote = _find(_quotes(nlp, text), "searching the area")
    assert quote.speaker == "Omar Said"


def test_short_reply_before_its_cue_is_a_quote_and_the_question_is_not_speech(nlp: Any) -> None:
    text = ('"Not at all," coach Peter Brandt said when asked whether the team had played badly.\n'
            '"We were the better side."\n')
    quotes = _quotes(nlp, text)
    assert _find(quotes, "Not at all").speaker == "Peter Brandt"
    assert _find(quotes, "the better side").speaker == "Peter Brandt"
    assert not any("had played badly" in q.text for q in quotes)


def test_a_phrase_before_the_cue_is_not_reported_speech(nlp: Any) -> None:
    text = 'In his speech, Mayor Dan Ruiz said: "We will rebuild the bridge."\n'
    quotes = _quotes(nlp, text)
    assert not any(q.text == "In his speech" for q in quotes)
    assert _find(quotes, "rebuild the bridge").speaker == "Dan Ruiz"


def test_it_said_is_the_organisation_that_spoke_before(nlp: Any) -> None:
    text = ('The Kenyan coast guard said it had rescued 40 fishermen.\n'
            'The boats would be towed back to Mombasa, it said.\n')
    quote = _find(_quotes(nlp, text), "towed back to Mombasa")
    assert _mention(text, quote) == "it" and quote.speaker is not None and "coast guard" in quote.speaker


def test_dummy_it_is_no_speaker(nlp: Any) -> None:
    text = 'It is said that the old bridge was built in a single summer.\n'
    assert not any(q.speaker_span is not None and text[q.speaker_span.start:q.speaker_span.end] == "It"
                   for q in _quotes(nlp, text))


def test_her_spokesman_is_the_spokesman_named_in_the_next_sentence(nlp: Any) -> None:
    text = ('The actress Nora Field died on Sunday in London at the age of 88, her spokesman said.\n'
            'She had been ill for several months, spokesman Colin Webb said.\n')
    quote = _find(_quotes(nlp, text), "died on Sunday")
    assert _mention(text, quote) == "her spokesman" and quote.speaker == "Colin Webb"


def test_a_spokesman_is_not_guessed_from_a_later_name(nlp: Any) -> None:
    text = ('The plant will close in May, a spokesman said.\n'
            'Workers were told on Friday, spokesman Colin Webb said.\n')
    quote = _find(_quotes(nlp, text), "will close in May")
    assert quote.speaker != "Colin Webb"


def test_the_president_is_the_one_named_without_a_country(nlp: Any) -> None:
    text = ('President Harold Baines said he would meet Ruritanian President Ivo Petrak next week.\n'
            '"The talks will be hard," the president said.\n')
    quote = _find(_quotes(nlp, text), "The talks will be hard")
    assert quote.speaker == "Harold Baines"


def test_quoted_as_saying_makes_the_passive_subject_the_speaker(nlp: Any) -> None:
    text = '"We must open the border crossings now," Mendez was quoted as saying by the ministry website.\n'
    quote = _find(_quotes(nlp, text), "open the border crossings")
    assert _mention(text, quote) == "Mendez"


def test_quote_paragraph_after_reported_speech_is_that_speakers(nlp: Any) -> None:
    text = ('The rebel commander was captured in a night raid, according to Defence Minister Ana Ortiz.\n\n'
            '"This operation ends a ten-year hunt and our forces suffered no losses."\n\n'
            'The raid took place near the northern border.\n')
    quote = _find(_quotes(nlp, text), "ends a ten-year hunt")
    assert quote.speaker == "Ana Ortiz" and quote.direct


def test_quote_paragraph_after_an_unrelated_paragraph_has_no_speaker(nlp: Any) -> None:
    text = ('The raid took place near the northern border on a cold night.\n\n'
            '"This operation ends a ten-year hunt and our forces suffered no losses."\n')
    assert not any("ten-year hunt" in q.text for q in _quotes(nlp, text))


def test_cue_set_off_by_commas_reports_the_clause_after_it(nlp: Any) -> None:
    text = 'Before the talks could begin, Morales said, the militants attacked a market that killed nine people.\n'
    quote = _find(_quotes(nlp, text), "the militants attacked a market")
    assert quote.speaker == "Morales" and not quote.direct


def test_quote_paragraph_before_an_attributed_one_joins_it_not_the_reported_speaker(nlp: Any) -> None:
    text = ('Judge Mary Olsen said the jury had been misled.\n\n'
            '"Nobody told them the whole story about the night of the fire."\n\n'
            '"That is not justice," lawyer Tom Akers said.\n')
    quote = _find(_quotes(nlp, text), "Nobody told them")
    assert quote.speaker == "Tom Akers"
