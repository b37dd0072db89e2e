import pytest

from dossier.errors import QueryError
from dossier.query.search import parse_query, to_fts5, to_tsquery


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Taliban", '"Taliban"'),
        ("al-Qaeda Taliban", '"al Qaeda" AND "Taliban"'),
        ('"peace deal"', '"peace deal"'),
        ("Taliban OR Haqqani", '"Taliban" OR "Haqqani"'),
        ("Taliban NOT Pakistan", '"Taliban" NOT "Pakistan"'),
        ("withdraw*", '"withdraw" *'),
        ("title:Doha", 'title : "Doha"'),
        ("U.S. (troops OR forces)", '"U S" AND ( "troops" OR "forces" )'),
    ],
)
def test_to_fts5_renders_user_queries(query, expected):
    assert to_fts5(parse_query(query)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("al-Qaeda Taliban", "('al' <-> 'Qaeda') & ('Taliban')"),
        ("Taliban NOT Pakistan", "('Taliban') & ! ('Pakistan')"),
        ("Taliban OR Haqqani", "('Taliban') | ('Haqqani')"),
        ('"peace talks" withdraw*', "('peace' <-> 'talks') & ('withdraw':*)"),
        ("title:Doha", "('Doha':A)"),
        ("text:Doha*", "('Doha':*B)"),
        ("U.S. (troops OR forces)", "('U' <-> 'S') & ( ('troops') | ('forces') )"),
    ],
)
def test_to_tsquery_renders_user_queries_for_postgres(query, expected):
    assert to_tsquery(parse_query(query)) == expected


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("al-Qaeda AND", "incomplete"),
        ("AND Taliban", "nothing before it"),
        ("Taliban OR OR Qaeda", "nothing before it"),
        ('"peace deal', "unclosed quote"),
        ("(Taliban", "unclosed '('"),
        ("Taliban)", "never opened"),
        ("()", "no words"),
        ("Taliban ()", "empty parentheses"),
        ("--- ***", "no letters or digits"),
    ],
)
def test_parse_query_rejects_malformed_queries_with_a_fix(query, fragment):
    with pytest.raises(QueryError) as info:
        parse_query(query)
    assert fragment in str(info.value)
