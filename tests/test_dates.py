"""How publication dates are shown: inferred ones always marked."""

import pytest

from dossier.dates import label_of, precision_of, published_label
from dossier.store.base import DocSummary


@pytest.mark.parametrize(("value", "expected"), [
    ("2020-02-29", "day"), ("2020-02", "month"), ("2020", "year"), (None, None), ("soon", None),
])
def test_precision_of_reads_the_unit_a_value_names(value, expected):
    assert precision_of(value) == expected


@pytest.mark.parametrize(("args", "short", "long"), [
    (("2020-02-29", "day", False), "2020-02-29", "2020-02-29"),
    (("2020-02-29", "day", True), "~2020-02-29", "2020-02-29 (inferred)"),
    (("2021-08", "month", False), "2021-08", "2021-08 (month)"),
    (("2013", "year", True), "~2013", "2013 (year, inferred)"),
    (("2021-08-26", "range", True, "2021-09-01"), "2021-08-26…2021-09-01", "2021-08-26 to 2021-09-01 (inferred)"),
    (("2021-08-26", "range", True), "≥2021-08-26", "on or after 2021-08-26 (inferred)"),
    ((None, None, False), "", ""),
])
def test_published_label_marks_inferred_dates(args, short, long):
    assert published_label(*args) == short
    assert published_label(*args, long=True) == long


def test_label_of_reads_records_and_dicts():
    summary = DocSummary(id="x", title=None, outlet=None, published="2013", source="s", chars=1,
                         published_precision="year", published_inferred=True)
    assert label_of(summary) == "~2013"
    assert label_of({"published": "2021-08-26", "published_precision": "range", "published_inferred": True,
                     "meta": {"published_until": "2021-09-01"}}, long=True) == "2021-08-26 to 2021-09-01 (inferred)"
    assert label_of({"published": None}, empty="undated") == "undated"
