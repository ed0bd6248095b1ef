"""The one rule for characters free text may hold."""
import pytest

from domain.safe_text import describe, unsafe_character


@pytest.mark.parametrize("text", [
    "JG IMT 1", "Korjaamo Åkerlund Oy", "Teollisuuskatu 3, Helsinki",
    "Müller & Söhne", "Ääkköset – ja “lainausmerkit”", "", "עברית", "العربية",
])
def test_ordinary_text_is_clean(text):
    assert unsafe_character(text) is None


@pytest.mark.parametrize("text, bad", [
    ("abc\u202etxt.exe", "\u202e"),
    ("a\u2066b", "\u2066"),
    ("nul\x00", "\x00"),
    ("bell\x07", "\x07"),
    ("esc\x1b[31m", "\x1b"),
    ("del\x7f", "\x7f"),
    ("c1\x85", "\x85"),
    ("line\u2028sep", "\u2028"),
    ("bom\ufeff", "\ufeff"),
    ("non\ufffe", "\ufffe"),
    ("one\nline", "\n"),
    ("tab\there", "\t"),
])
def test_control_and_bidi_characters_are_refused(text, bad):
    assert unsafe_character(text) == bad


def test_notes_may_have_newlines_and_tabs_but_not_overrides():
    assert unsafe_character("first\r\nsecond\tthird", multiline=True) is None
    assert unsafe_character("first\n\u202esecond", multiline=True) == "\u202e"


def test_describe_names_the_character():
    assert describe("\u202e") == "U+202E RIGHT-TO-LEFT OVERRIDE"
    assert describe("\x00") == "U+0000"
