"""Which characters free text may hold: one rule for every form and the API.

Control characters have no place in a name, an address or a note, and
PostgreSQL cannot store NUL at all. Bidirectional overrides and isolates
(U+202A–U+202E, U+2066–U+2069) make text display in another order than it
is stored, the trick behind spoofed names and file names ("Trojan Source").
"""
import unicodedata

BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                          "\u2066\u2067\u2068\u2069")
# Line and paragraph separators and the byte-order mark: invisible, and they
# break lines (or CSV rows) where no newline is seen.
INVISIBLE_BREAKS = frozenset("\u2028\u2029\ufeff")
MULTILINE_WHITESPACE = frozenset("\n\r\t")


def unsafe_character(text, multiline=False):
    """The first character `text` may not hold, or None when it is clean.

    `multiline` allows newlines and tabs (notes, messages); single-line
    fields allow none of them.
    """
    for char in text:
        if multiline and char in MULTILINE_WHITESPACE:
            continue
        if (char in BIDI_CONTROLS or char in INVISIBLE_BREAKS
                or unicodedata.category(char) in ("Cc", "Cs", "Co")
                or _noncharacter(char)):
            return char
    return None


def describe(char):
    """How an error names the character: U+202E RIGHT-TO-LEFT OVERRIDE."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".strip()


def _noncharacter(char):
    point = ord(char)
    return 0xFDD0 <= point <= 0xFDEF or (point & 0xFFFE) == 0xFFFE
