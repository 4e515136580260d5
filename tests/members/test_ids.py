"""Text from a query string or a form that should name a record by its id."""

import pytest

from engagement.core.forms import as_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", 12), ("0", 0), (str(2**63 - 1), 2**63 - 1)],
)
def test_a_plain_whole_number_is_an_id(text, expected):
    assert as_id(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "abc", "-1", "1.5", " 12", "¹", "٣", "１２", str(2**63)],
    ids=["empty", "letters", "negative", "decimal", "space", "superscript", "arabic-indic", "full-width", "too-big"],
)
def test_anything_else_is_not(text):
    assert as_id(text) is None
