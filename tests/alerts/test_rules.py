"""Rule validation: the messages name the bad value and the fix; entity names resolve through clusters."""

from __future__ import annotations

import pytest

from dossier.alerts import KINDS, Rule, make_rule, resolve_entity
from dossier.errors import ConfigError


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"kinds": ["dispute", "disputes"]}, "Unknown alert kind 'disputes'; known: dispute, changed, new-event, new-source."),
    ({"kinds": "changed,typo"}, "Unknown alert kind 'typo'"),
    ({"webhook": "ftp://example.org/hook"}, "is not an http(s) URL"),
    ({"webhook": "https://"}, "is not an http(s) URL"),
    ({"story": "Kramatorsk"}, "is not a claim or event id"),
])
def test_make_rule_rejects_bad_values(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        make_rule(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(("kinds", "expected"), [
    (None, set(KINDS)), ([], set(KINDS)), ("dispute, Changed", {"dispute", "changed"}), (["new-event"], {"new-event"}),
])
def test_make_rule_kinds(kinds: object, expected: set[str]) -> None:
    assert make_rule(kinds=kinds) .kinds == expected  # type: ignore[arg-type]


def test_make_rule_id_is_stable_and_json_round_trips() -> None:
    rule = make_rule(entity=" Wagner Group ", story="clm_d3b72bf36a27", kinds="dispute", webhook="http://127.0.0.1:9/h")
    assert rule.entity == "Wagner Group" and rule.id.startswith("rul_")
    assert rule == make_rule(entity="Wagner Group", story="clm_d3b72bf36a27", kinds=["dispute"],
                             webhook="http://127.0.0.1:9/h")
    assert Rule.from_json(rule.to_json()) == rule
    assert make_rule(entity="Hamas").id != make_rule(entity="Wagner Group").id


ENTITIES = {"ent_w": ("Wagner Group", "Wagner group"), "ent_r": ("Russia",), "ent_rn": ("Russian",),
            "ent_k": ("Kramatorsk",)}


@pytest.mark.parametrize(("name", "expected"), [
    ("ent_w", {"ent_w"}), ("wagner group", {"ent_w"}), ("Wagner", {"ent_w"}), ("Russia", {"ent_r"}),
    ("Hamas", set()), ("", set()),
])
def test_resolve_entity(name: str, expected: set[str]) -> None:
    assert resolve_entity(name, ENTITIES) == expected
