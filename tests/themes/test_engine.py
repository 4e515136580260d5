"""The engine alone: texts in, suggestions out, the same every time."""

from feedback.themes import engine
from feedback.themes.text import strip_personal

from .conftest import TEXTS

ITEMS = list(enumerate(TEXTS, 1))


def test_it_pins_the_suggestions_for_a_fixed_set():
    result = engine.suggest(ITEMS)
    assert [(s.label, s.ids, s.quotes) for s in result.suggestions] == [
        ("Appointment, weeks and wait", [5, 6, 7, 8], [6, 5, 8]),
        ("Kind, staff and rude", [9, 10, 11, 12], [11, 12, 10]),
        ("Parking, bus and running", [1, 2, 3, 4], [2, 1, 3]),
    ]
    assert result.suggestions[2].words[:3] == ["parking", "bus", "running"]
    assert result.unassigned == []


def test_it_gives_the_same_suggestions_for_the_same_texts_in_any_order():
    assert engine.suggest(ITEMS) == engine.suggest(list(reversed(ITEMS)))


def test_it_gives_each_suggestion_a_count_and_three_quotes_from_its_own_texts():
    for suggestion in engine.suggest(ITEMS).suggestions:
        assert suggestion.count == len(suggestion.ids)
        assert len(suggestion.quotes) == 3
        assert set(suggestion.quotes) <= set(suggestion.ids)


def test_it_keeps_within_the_bounds_staff_set():
    result = engine.suggest(ITEMS, min_themes=4, max_themes=5)
    assert 4 <= len(result.suggestions) <= 5


def test_it_leaves_the_domains_own_words_out():
    _, terms = engine.vectorise(["The NHS and the GP practice", "Patients of the ICB service", "NHS parking"])
    assert sorted(terms) == ["parking", "practice"]


def test_it_puts_a_handful_of_texts_in_one_suggestion():
    result = engine.suggest([(1, "Parking is hard."), (2, "Parking costs too much.")])
    assert [s.ids for s in result.suggestions] == [[1, 2]]


def test_it_suggests_nothing_for_no_texts():
    assert engine.suggest([]).suggestions == []


def test_it_sets_aside_texts_with_no_words_to_theme():
    result = engine.suggest(ITEMS + [(99, "NHS GP 123")])
    assert 99 in result.unassigned


def test_it_takes_email_addresses_and_phone_numbers_out():
    text = "Ring me on 07700 900123 or 0161 496 0000, or e-mail jo.bloggs+nhs@example.org about parking."
    cleaned = strip_personal(text)
    assert "07700" not in cleaned and "900123" not in cleaned and "0161" not in cleaned
    assert "example.org" not in cleaned and "jo.bloggs" not in cleaned
    assert cleaned.startswith("Ring me on") and cleaned.endswith("about parking.")


def test_no_personal_detail_reaches_the_top_words():
    texts = [(i, f"{text} Call 07700 900{i:03d} or write to person{i}@example.org") for i, text in ITEMS]
    words = {word for s in engine.suggest(texts).suggestions for word in s.words}
    assert words
    assert not any("example" in word or "person" in word or "org" in word for word in words)
    assert not any(character.isdigit() for word in words for character in word)
