"""Events dated from their own sentence, with how the date was found (issue 14, item 3).

Real spaCy parse and timex stage, anchored on a publication date of 15 March 2023; made-up
sentences about several conflicts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.extract.test_events import events, nlp, one

__all__ = ["nlp"]
ANCHOR = date(2023, 3, 15)

# (sentence, type, action, date value or None, basis)
CASES = [
    ("The attacks in 2004 killed nearly 200 commuters in Madrid.", "ASSAULT", "killed", "2004", "clause"),
    ("On Sept. 11, 2001, hijackers attacked New York.", "ASSAULT", "attacked", "2001-09-11", "clause"),
    ("Police arrested the suspect last Monday in Nairobi, officials said.", "COERCE", "arrested", "2023-03-13",
     "clause"),
    ("Rebels seized the town on Monday and killed five soldiers.", "ASSAULT", "killed", "2023-03-13", "outer-clause"),
    ("Police said on Tuesday that gunmen attacked a checkpoint.", "ASSAULT", "attacked", None, None),
    ("Gunmen, who attacked a checkpoint, were arrested on Friday.", "ASSAULT", "attacked", None, None),
]


@pytest.mark.parametrize(("text", "type_", "action", "value", "basis"), CASES)
def test_event_date_and_basis(nlp: Any, text: str, type_: str, action: str, value: str | None,
                              basis: str | None) -> None:
    event = one(events(nlp, text, anchor=ANCHOR), type_, action)
    assert (event.time.value if event.time else None) == value
    assert event.date_basis == basis
    assert event.to_json()["date_basis"] == basis
