"""Tests for dossier.extract.quotes (quotes.v1): quote marks, cues, speakers, seed articles."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.extract.nlp import load_nlp
from dossier.extract.quotes import find_quotes, group_quotes
from dossier.extract.quotes_marks import find_quoted_spans
from dossier.extract.quotes_speaker import strip_titles
from dossier.extract.records import Mention, Quote
from dossier.records import Span

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEEDS = SHARED / "corpus" / "seeds"


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_nlp()


def _quotes(nlp, text: str, mentions: Sequence[Mention] = ()) -> list[Quote]:  # type: ignore[no-untyped-def]
    return find_quotes(nlp(text), doc_id="t", mentions=mentions)


def _find(quotes: list[Quote], needle: str) -> Quote | None:
    return next((q for q in quotes if needle in q.text), None)


def _check_offsets(text: str, quotes: list[Quote]) -> None:
    for q in quotes:
        assert text[q.span.start:q.span.end] == q.text
        assert q.span.method.startswith("quotes.v1:")
        assert q.span.sentence >= 0
        if q.speaker_span is not None:
            assert 0 <= q.speaker_span.start < q.speaker_span.end <= len(text)


# -- quote marks (characters only, no model) -----------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ('He said "we are ready," and left.', ["we are ready"]),
    ("He said “we are ready,” and left.", ["we are ready"]),
    ("“Outer ‘inner words’ here,” she said.", ["Outer ‘inner words’ here"]),
    ("“[The] Taliban is not powerful,” he said.", ["[The] Taliban is not powerful"]),
    ("the façade of ‘good boy’ here", ["good boy"]),
    ("the Taliban’s ties and the students’ union don’t count", []),
    ("”Mr. Trump is bad.” ― Edwin", ["Mr. Trump is bad."]),
    ("''This museum tells the truth,'' Mr. Bush declared.", ["This museum tells the truth"]),
    ('<tweet id="123">text</tweet> more "real quote" here', ["real quote"]),
    ("“As a woman, I live in what he calls “hell” here.” ― Ana", ["As a woman, I live in what he calls “hell” here."]),
])
def test_find_quoted_spans_contents(text: str, expected: list[str]) -> None:
    assert [text[s.content_start:s.content_end] for s in find_quoted_spans(text)] == expected


def test_find_quoted_spans_paragraph_continuation() -> None:
    text = "“First paragraph of the quote.\n\n“Second paragraph,” he said."
    spans = find_quoted_spans(text)
    assert [(s.closed, s.continues) for s in spans] == [(False, True), (True, False)]


def test_find_quoted_spans_never_crosses_a_line() -> None:
    text = "He said “this never closes\n\nand this is narration."
    spans = find_quoted_spans(text)
    assert all("\n" not in text[s.content_start:s.content_end] for s in spans)


# -- titles and grouping (our logic on hand-built records) ---------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("Mullah Abdul Ghani Baradar", "Abdul Ghani Baradar"),
    ("Gen. Frank McKenzie", "Frank McKenzie"),
    ("Mr. Trump", "Trump"),
    ("President", "President"),
    ("Obama’s", "Obama"),
])
def test_strip_titles(name: str, expected: str) -> None:
    assert strip_titles(name) == expected


def _q(start: int, end: int, speaker_at: int | None) -> Quote:
    span = Span("d", start, end, 0, "quotes.v1:cue-verb")
    sp = Span("d", speaker_at, speaker_at + 2, 0, "quotes.v1:speaker") if speaker_at is not None else None
    return Quote("x" * (end - start), span, True, "He", sp, cue="say")


def test_group_quotes_joins_parts_with_the_same_speaker_mention() -> None:
    quotes = [_q(0, 10, 12), _q(20, 30, 12), _q(40, 50, 60), _q(70, 80, None), _q(90, 95, None)]
    assert [len(g) for g in group_quotes(quotes)] == [2, 1, 1, 1]


# -- rules on short passages (the real spaCy model) ----------------------------------------------

CASES = [
    # (passage, quote substring, direct, speaker, rule)
    ("“We are ready to talk,” Lavrov said.", "We are ready to talk", True, "Lavrov", "cue-verb"),
    ("Lavrov said: “We are ready to talk.”", "We are ready to talk", True, "Lavrov", "cue-verb"),
    ("“We are ready to talk,” said Taliban spokesman Zabihullah Mujahid.", "We are ready", True,
     "Zabihullah Mujahid", "cue-verb"),
    ('"We are ready to talk," the minister told reporters.', "We are ready", True, "the minister", None),
    ("“The Islamic Emirate [Taliban] is committed to peace,” Baradar said.", "[Taliban] is committed", True,
     "Baradar", "cue-verb"),
    ("Al-Qaeda has 400 to 600 operatives in 12 provinces, according to the report.", "Al-Qaeda has 400", False,
     "the report", "according-to"),
    ("“AQIS maintains close ties to the Taliban,” according to the Pentagon.", "AQIS maintains", True,
     "Pentagon", "according-to"),
    ("Rassoul said Afghan-U.S. relations are “solid.”", "relations are", False, "Rassoul", "mixed"),
    ("Russian Foreign Minister Sergey Lavrov urged that foreign forces leave Afghanistan.",
     "foreign forces leave Afghanistan", False, "Sergey Lavrov", "reported"),
    ("Afghan foreign minister Amir Khan Muttaqi said their focus was on humanitarian aid.",
     "their focus was on humanitarian aid", False, "Amir Khan Muttaqi", "reported"),
    ("US State Department spokesman Ned Price stated that the US side focused on security.",
     "the US side focused on security", False, "Ned Price", "reported"),
    ("Taliban spokesman Suhail Shaheen also rejected the U.N. report's conclusions.",
     "the U.N. report's conclusions", False, "Suhail Shaheen", "reported-object"),
    ("U.N. experts, drawing on interviews, say the Taliban has played a double game with Washington.",
     "the Taliban has played a double game", False, "U.N. experts", "reported"),
    ("Jones praised the plan. “It will work,” he said. “We have tested it for years.”",
     "We have tested it", True, "Jones", "continuation"),
    ("“It will work,” Jones said, “because we have tested it for years.”", "because we have tested", True,
     "Jones", None),
    ("“The first part of a long statement goes here.\n\n“The second part ends it,” Jones said.",
     "The first part", True, "Jones", None),
    ("“Early indications are that many objectives will prove challenging,” says the annual report to "
     "the U.N. Security Council.", "Early indications", True, "the annual report to the U.N. Security Council",
     "cue-verb"),
]


@pytest.mark.parametrize(("text", "needle", "direct", "speaker", "rule"), CASES)
def test_find_quotes_rule(nlp, text: str, needle: str, direct: bool, speaker: str,  # type: ignore[no-untyped-def]
                          rule: str | None) -> None:
    quotes = _quotes(nlp, text)
    _check_offsets(text, quotes)
    quote = _find(quotes, needle)
    assert quote is not None, [q.text for q in quotes]
    assert (quote.direct, quote.speaker) == (direct, speaker)
    if rule is not None:
        assert quote.span.method == f"quotes.v1:{rule}"


@pytest.mark.parametrize("text", [
    "Pakistan continued to play the façade of ‘good boy’ in the talks.",
    "A truly ‘inclusive’ government in Afghanistan is unlikely.",
    "He watched the show “Morning Joe” on Friday.",
    "The museum is a “philanthropub” of sorts.",
])
def test_find_quotes_drops_scare_quotes(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [q for q in _quotes(nlp, text) if q.direct] == []


@pytest.mark.parametrize(("text", "needle", "speaker"), [
    ("Russian Foreign Minister Sergey Lavrov spoke first. “There is no military solution,” the Russian "
     "foreign minister stressed.", "no military solution", "Sergey Lavrov"),
    ("Mullah Abdul Ghani Baradar led the delegation. “We want peace,” Baradar said.", "We want peace",
     "Abdul Ghani Baradar"),
    ("Taliban spokesman Suhail Shaheen spoke by phone. “I totally refute this report,” he said.",
     "I totally refute", "Suhail Shaheen"),
    ("Afghan Foreign Minister Zalmai Rassoul spoke on TV. “We are fine,” Rassoui said.", "We are fine",
     "Zalmai Rassoul"),
    ("“The two groups remain close,” the UN report stated.", "The two groups", "the UN report"),
])
def test_find_quotes_resolves_speaker(nlp, text: str, needle: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    quote = _find(_quotes(nlp, text), needle)
    assert quote is not None and quote.speaker == speaker


SPEAKER_RULES = [
    # (passage, quote substring, speaker, text of speaker_span): one row per rule, from PolNeAR dev misses
    # a question or exclamation followed by "Name cue" ends its own sentence, but is attributed
    ("“Every time you say that, you give them ammunition,” Tester said.\n\n“Why isn’t this proof that the "
     "bank is too big to manage?” Vitter demanded.", "Why isn", "Vitter", "Vitter"),
    # a cue whose subject is inside a quote never names the speaker of the next quote
    ('"It is insane," Sanders said, going on to say that the country has spent "hundreds of years fighting '
     'racism, to have that debate again, young people do not want to see that."', "hundreds", "Sanders",
     "Sanders"),
    # a negated cue between two quotes does not interrupt the continuation
    ('"We have had problems with cyber intrusions from Russia," Obama said after the meeting. He did not '
     'suggest retaliation. "Our goal is to start instituting some norms so that everybody acts responsibly."',
     "Our goal", "Obama", "Obama"),
    # nor does a pronoun cue for the same person
    ("“We are ready to talk to anyone,” Lavrov said. He added that talks would resume in May. “Nothing has "
     "changed for us at all here.”", "Nothing has", "Lavrov", "Lavrov"),
    # a pronoun whose antecedent is in the same sentence gives the name but stays the mention
    ("Director Ava DuVernay spoke on Friday.\n\nDuVernay said she felt the 13th Amendment was worth examining "
     "because “most people don’t know about that loop-hole,” she said.", "loop-hole", "Ava DuVernay",
     "she"),
    # a pronoun inside what its antecedent says is one attribution: the outer subject is the mention
    ("Secretary General Ban Ki-moon condemned what he called a “brazen breach” of U.N. resolutions.",
     "brazen breach", "Ban Ki-moon", "Ban Ki-moon"),
    # a relative pronoun is the mention, the noun it stands for the name
    ("The report was criticised by Greenpeace, which said the plan was “a disaster for the climate and for "
     "the people who live here.”", "a disaster", "Greenpeace", "which"),
    # "it"/"they" in a clause below a non-person subject refer to that subject
    ("The United Nations Security Council on Friday pledged to impose further sanctions as a deterrence to what "
     "it called “a clear threat to international peace and security.”", "clear threat",
     "United Nations Security Council", "The United Nations Security Council"),
    # ... but not to the subject of a side clause
    ("Although the IMF did not single out Trump's proposals, it referenced “political tensions” in advanced "
     "economies that are generating broader uncertainty.", "political tensions", None, "it"),
    # a document or remark someone released or made speaks for them
    ("Gary Johnson is a triathlete. He released a letter from his doctor on Friday that says he has "
     "“extraordinarily good health” for a 63-year-old.", "extraordinarily", "Gary Johnson", "He"),
    # the outermost cue is found even when it is far up the parse
    ("Clinton campaign manager Robby Mook told CBS on Monday that the Clinton campaign expects Holt to insert "
     "himself into the debate by calling out Trump for his supposed “lies” throughout the event.", "lies",
     "Robby Mook", "Robby Mook"),
    # "“…,” X reported." after the quote beats an evaluative cue inside the sentence
    ("The four “loopholes” he cited are “the ability to use real estate losses to offset other income and to "
     "avoid capital gains on property,” The Hill reported.", "the ability", "Hill", "Hill"),
    # a speech cue with its own subject between a cue and the quote: "footage of Trump saying, “…”"
    ("The spot concludes with footage of Trump saying during the debate last week, “That makes me smart and "
     "it is true.”", "That makes", "Trump", "Trump"),
    # a parenthetical "…, X said, …" reports the clause that holds the quote
    ("During his years in office, Mr. Obama said, a majority of Americans have come to believe “that climate "
     "change is real and we should do something about it.”", "climate change", "Obama", "Obama"),
    # ", saying" hung on a relative clause belongs to the main clause
    ("Trump was similarly defensive when forced to defend not paying an architect who said he was stiffed "
     "after he designed a clubhouse at one of Trump’s golf courses, saying, “Maybe he didn’t do a good job, "
     "and I wasn’t satisfied with his work.”", "Maybe he", "Trump", "Trump"),
]


@pytest.mark.parametrize(("text", "needle", "speaker", "mention"), SPEAKER_RULES)
def test_find_quotes_speaker_rule(nlp, text: str, needle: str, speaker: str | None,  # type: ignore[no-untyped-def]
                                  mention: str) -> None:
    quotes = _quotes(nlp, text)
    _check_offsets(text, quotes)
    quote = _find(quotes, needle)
    assert quote is not None and quote.speaker_span is not None, [q.text for q in quotes]
    assert (quote.speaker, text[quote.speaker_span.start:quote.speaker_span.end]) == (speaker, mention)


def test_find_quotes_speaker_span_is_the_local_mention(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Taliban spokesman Suhail Shaheen spoke by phone. “I totally refute this report,” he said."
    quote = _find(_quotes(nlp, text), "I totally refute")
    assert quote is not None and quote.speaker_span is not None
    assert text[quote.speaker_span.start:quote.speaker_span.end] == "he"


def test_find_quotes_records_the_antecedent(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Taliban spokesman Suhail Shaheen spoke by phone. “I totally refute this report,” he said."
    quote = _find(_quotes(nlp, text), "I totally refute")
    assert quote is not None and quote.antecedent_span is not None and not quote.anonymous
    assert text[quote.antecedent_span.start:quote.antecedent_span.end] == "Suhail Shaheen"


@pytest.mark.parametrize(("text", "needle", "speaker", "antecedent"), [
    ("President Joe Biden met Ukrainian leaders on Monday. “We will stand with Ukraine,” the US president said.",
     "stand with", "Joe Biden", "Joe Biden"),
    ("Amnesty International published a report on Sunday. “The prisoners were tortured,” the organization "
     "said.", "prisoners", "Amnesty International", "Amnesty International"),
    ("Army spokesman John Kirby spoke on Monday. “We are ready,” the spokesman said.", "We are ready",
     "John Kirby", "John Kirby"),
])
def test_find_quotes_resolves_descriptions(nlp, text: str, needle: str, speaker: str,  # type: ignore[no-untyped-def]
                                           antecedent: str) -> None:
    quote = _find(_quotes(nlp, text), needle)
    assert quote is not None and quote.speaker == speaker and not quote.anonymous
    assert quote.antecedent_span is not None
    assert text[quote.antecedent_span.start:quote.antecedent_span.end] == antecedent


@pytest.mark.parametrize(("text", "speaker"), [
    ("“The talks have failed,” a senior administration official said.", "a senior administration official"),
    ("“We heard explosions all night,” witnesses said.", "witnesses"),
])
def test_find_quotes_marks_unnamed_sources(nlp, text: str, speaker: str) -> None:  # type: ignore[no-untyped-def]
    quote = next(q for q in _quotes(nlp, text) if q.direct)
    assert (quote.speaker, quote.anonymous, quote.antecedent_span) == (speaker, True, None)


def test_find_quotes_never_gives_the_outlet_told() -> None:
    from dossier.extract.entities import find_mentions  # noqa: PLC0415
    from dossier.extract.nlp import dossier_nlp  # noqa: PLC0415

    text = ("He spoke on Monday.\n\n\"For you to ask me that question is actually very insulting because "
            "Hillary Clinton does one stop, and then she goes home and sleeps,\" Trump, 70, told CNN's Dana Bash. "
            "\"I want to back my children.\"")
    sdoc = dossier_nlp(gazetteer=True)(text)
    quote = _find(find_quotes(sdoc, doc_id="t", mentions=find_mentions(sdoc, doc_id="t")), "very insulting")
    assert quote is not None and quote.speaker_span is not None
    assert text[quote.speaker_span.start:quote.speaker_span.end] == "Trump"


def test_quote_without_new_fields_decodes() -> None:
    from dossier.codec import decode, encode  # noqa: PLC0415

    old = {"text": "x", "span": {"doc_id": "d", "start": 0, "end": 1, "sentence": 0, "method": "m"},
           "direct": True, "speaker": "Lavrov", "speaker_span": None, "speaker_id": None, "cue": "say"}
    quote = decode(Quote, old)
    assert quote.antecedent_span is None and quote.anonymous is False
    assert decode(Quote, encode(quote)) == quote


def test_find_quotes_uses_given_mentions(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“We are ready,” Lavrov said."
    start = text.index("Lavrov")
    mention = Mention("Lavrov", "PERSON", Span("t", start, start + 6, 0, "test"), "Sergey Viktorovich Lavrov")
    quote = _find(_quotes(nlp, text, [mention]), "We are ready")
    assert quote is not None and quote.speaker == "Sergey Viktorovich Lavrov"


def test_find_quotes_empty_text(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _quotes(nlp, "") == []
    assert _quotes(nlp, "   \n\n ") == []


QUOTE_CHARS = st.sampled_from(list("\"'“”‘’«»„`") + ["''", " said ", ", he said", "\n\n", "[", "]"])
WORDS = st.sampled_from(["The", "minister", "Lavrov", "said", "told", "according to", "peace", "is", "he",
                         "Taliban", "report", ".", ",", ":", "that", "stressed", "— ", "―"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(QUOTE_CHARS, WORDS, st.text(max_size=6)), max_size=40))
def test_find_quotes_never_crashes(nlp, parts: list[str]) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(parts)
    quotes = _quotes(nlp, text)
    _check_offsets(text, quotes)


# -- the five seed articles ----------------------------------------------------------------------

def _body(name: str, first: str, last: str) -> str:
    """Article paragraphs cut by hand: non-blank lines from ``first`` to ``last``, blank-line separated."""
    path = next(SEEDS.glob(f"{name}_*.txt"))
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    i = next(k for k, ln in enumerate(lines) if ln.startswith(first))
    j = next(k for k, ln in enumerate(lines) if ln.startswith(last) and k >= i)
    return "\n\n".join(lines[i:j + 1])


SEED_BODIES = {
    "000": ("The Afghan Foreign Minister says", "Still, as negotiations continue"),
    "001": ("The U.S. went to war", "A precipitous U.S. withdrawal"),
    "002": ("The Taliban and Russia have jointly", "The U.S.-led military invasion"),
    "003": ("The first in-person talks", "The above developments"),
    "004": ("Al-Qaeda’s regional affiliate", "Under the US-Taliban deal"),
}

# (quote substring, direct, speaker), read off each article by hand.
SEED_EXPECTED: dict[str, list[tuple[str, bool, str]]] = {
    "000": [
        ("[The] Taliban is not powerful enough", True, "Zalmai Rassoul"),
        ("One thing that we’re focusing on now", True, "Zalmai Rassoul"),
        ("The transition of the security has been fairly finished", True, "Zalmai Rassoul"),
        ("We’re in discussions with United States", True, "Zalmai Rassoul"),
        ("“solid.”", False, "Zalmai Rassoul"),
        ("he agrees with that assessment", False, "Zalmai Rassoul"),
        ("the core of al Qaeda", False, "Obama"),
    ],
    "001": [
        ("Early indications are that many", True, "the annual report to the U.N. Security Council"),
        ("the Taliban have now made the break", False, "Mike Pompeo"),
        ("They’ve said they will not permit terror", True, "Mike Pompeo"),
        ("agreed that they would break that relationship", False, "Mike Pompeo"),
        ("bring our people back home", False, "Donald Trump"),
        ("everyone is tired of war", True, "Donald Trump"),
        ("That is something (the Taliban)", True, "Frank McKenzie"),
        ("We don’t need to trust them", True, "Frank McKenzie"),
        ("The Taliban have made…specific commitments", False, "Zalmay Khalilzad"),
        ("The job is not done yet", True, "Zalmay Khalilzad"),
        ("it is our understanding the U.N. experts", False, "A State Department spokesperson"),
        ("I totally refute this report", True, "Suhail Shaheen"),
        ("The Taliban have already begun accusing", True, "the study authors"),
        ("the Taliban has played a double game", False, "U.N. experts"),
        ("U.N. report’s conclusions", False, "Suhail Shaheen"),
        ("the Taliban conferred at high levels", False, "Suhail Shaheen"),
        ("prevent the use of the soil of Afghanistan", False, "The deal"),
    ],
    "002": [
        ("The Islamic Emirate [Taliban] is truly committed", True, "Abdul Ghani Baradar"),
        ("foreign forces leave Afghanistan", False, "Sergey Lavrov"),
        ("Russia is ready to offer more help", False, "Sergey Lavrov"),
        ("This conflict in Afghanistan has no military solution", True, "Sergey Lavrov"),
        ("We believe that Afghanistan should stay united", True, "Sergey Lavrov"),
        ("accelerated Afghan peace-building efforts", False, "Sergey Lavrov"),
        ("a dignified and just mechanism", False, "Karim Khalili"),
        ("The delegation of Islamic Emirate [Taliban] will also hold", True, "Zabihullah Mujahid"),
    ],
    "003": [
        ("the US side focused on security", False, "Ned Price"),
        ("both sides also discussed American provision", False, "Ned Price"),
        ("their focus was on humanitarian aid", False, "Amir Khan Muttaqi"),
        ("Afghanistan is looking to the international community", False, "Amir Khan Muttaqi"),
        ("the US would offer Afghan people vaccines", False, "Amir Khan Muttaqi"),
        ("the Taliban will not cooperate with the US", False, "Suhail Shaheen"),
        ("the US has been transferring ISIS terrorists", False, "Mevlut Cavusoglu"),
        ("look at themselves", False, "Mevlut Cavusoglu"),
        ("incompatible with NATO equipment", False, "the Trump administration"),
    ],
    "004": [
        ("“enduring interest”", False, "Pentagon"),
        ("AQIS routinely supports", True, "Pentagon"),
        ("Despite recent progress in the peace process", True, "Pentagon"),
        ("AQIS’s interest in attacking", True, "Pentagon"),
        ("were in regular consultations", False, "a UN analysis"),
        ("The two groups “remain close", False, "the UN report"),
        ("conditions would have to be met", False, "Kenneth McKenzie"),
        ("the Taliban have continued to work with Al-Qaeda", False, "US Defense Department"),
    ],
}

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS}")


@pytest.fixture(scope="module")
def seed_quotes(nlp) -> dict[str, tuple[str, list[Quote]]]:  # type: ignore[no-untyped-def]
    out = {}
    for name, (first, last) in SEED_BODIES.items():
        text = _body(name, first, last)
        out[name] = (text, find_quotes(nlp(text), doc_id=name))
    return out


def _hits(quotes: list[Quote], expected: list[tuple[str, bool, str]]) -> list[bool]:
    return [any(needle in q.text and q.direct == direct and q.speaker == speaker for q in quotes)
            for needle, direct, speaker in expected]


@needs_seeds
def test_seeds_direct_speaker_accuracy(seed_quotes) -> None:  # type: ignore[no-untyped-def]
    expected = [(name, e) for name, rows in SEED_EXPECTED.items() for e in rows if e[1]]
    hits = [_hits(seed_quotes[name][1], [e])[0] for name, e in expected]
    missed = [e for (_, e), ok in zip(expected, hits, strict=True) if not ok]
    assert sum(hits) / len(hits) >= 0.9, missed


@needs_seeds
@pytest.mark.parametrize("name", sorted(SEED_EXPECTED))
def test_seed_quotes_and_reported_speech(seed_quotes, name: str) -> None:  # type: ignore[no-untyped-def]
    text, quotes = seed_quotes[name]
    hits = _hits(quotes, SEED_EXPECTED[name])
    missed = [e for e, ok in zip(SEED_EXPECTED[name], hits, strict=True) if not ok]
    assert sum(hits) / len(hits) >= 0.85, missed


@needs_seeds
@pytest.mark.parametrize("name", sorted(SEED_EXPECTED))
def test_seed_offsets(seed_quotes, name: str) -> None:  # type: ignore[no-untyped-def]
    text, quotes = seed_quotes[name]
    _check_offsets(text, quotes)


@needs_seeds
def test_seed_scare_quotes_are_not_quotes(seed_quotes) -> None:  # type: ignore[no-untyped-def]
    _, quotes = seed_quotes["003"]
    assert not any(q.direct and q.text in ("good boy", "inclusive") for q in quotes)


def test_find_quotes_surname_prefers_the_person_whose_last_name_it_is(nlp):  # type: ignore[no-untyped-def]
    text = ("Mullah Abdul Ghani Baradar signed for the Taliban. President Ashraf Ghani stayed in Kabul.\n\n"
            "On Sunday, Ghani told reporters in Kabul that his government had made no commitment to "
            "release 5,000 prisoners.")
    quote = _find(_quotes(nlp, text), "no commitment")
    assert quote is not None and quote.speaker == "Ashraf Ghani"
