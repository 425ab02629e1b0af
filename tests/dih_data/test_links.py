"""Reading a link's query string: every declared rule, hostile values falling back to the default."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dih_data import links

SPEC = {
    "lang": links.choice(("lv", "en"), "lv"),
    "auto": links.integer(0, 600, 0),
    "m": links.subset(("hackathon", "meetup")),
    "public": links.flag(True),
}


@pytest.mark.parametrize(("name", "text", "value", "ignored"), [
    ("lang", "en", "en", False),
    ("lang", "EN", "lv", True),
    ("lang", "**en**", "lv", True),
    ("auto", "30", 30, False),
    ("auto", "²", 0, True),  # isdigit() is True, int() fails: the traceback of issue 12
    ("auto", "٣", 0, True),  # an Arabic-Indic three: int() would accept it, the rule does not
    ("auto", "１２", 0, True),  # full-width digits
    ("auto", "9" * 40, 0, True),
    ("auto", "-5", 0, True),
    ("auto", "601", 0, True),
    ("auto", "", 0, True),
    ("auto", " 30", 0, True),
    ("auto", "30\x00", 0, True),
    ("m", "meetup,hackathon,meetup", ["meetup", "hackathon"], False),
    ("m", "meetup,party", ["meetup"], False),
    ("m", "party", [], True),
    ("m", "", [], False),
    ("m", "meetup," * 1000, [], True),  # longer than MAX_LENGTH
    ("public", "0", False, False),
    ("public", "yes", True, True),
])
def test_each_value_is_read_or_falls_back_and_is_named(name, text, value, ignored):
    values, names = links.read({name: text}, SPEC)
    assert values[name] == value
    assert (name in names) == ignored


def test_missing_parameters_take_their_defaults_silently():
    assert links.read({}, SPEC) == ({"lang": "lv", "auto": 0, "m": [], "public": True}, [])


@given(st.dictionaries(st.sampled_from(["lang", "auto", "m", "public", "other"]), st.text(max_size=50)))
def test_any_text_gives_a_value_of_the_declared_kind(params):
    values, ignored = links.read(params, SPEC)
    assert values["lang"] in ("lv", "en")
    assert isinstance(values["auto"], int) and 0 <= values["auto"] <= 600
    assert set(values["m"]) <= {"hackathon", "meetup"}
    assert isinstance(values["public"], bool)
    assert set(ignored) <= set(params)
