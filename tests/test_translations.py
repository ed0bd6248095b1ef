"""Every msgid is translated in fi, sv and en; the glossary's Finnish is used."""
import os

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = os.path.dirname(os.path.dirname(__file__))
LOCALES = ("fi", "sv", "en")
SOURCE_DIRS = ("blueprints", "web", "domain", "request_kinds", "demo",
               "templates")
SOURCE_FILES = ("app.py", "cli.py")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None,
            "lazy_gettext": None, "lazy_ngettext": (1, 2)}

# The guide's own words (shared/seed/GLOSSARY.md): used verbatim in Finnish.
GLOSSARY_FI = {
    "Order Manager": "Tilausten hallinta",
    "Select order": "Valitse tilaus",
    "Search": "Hae",
    "Order code": "Tilauksen koodi",
    "Dealer code and location": "Liikkeen koodi ja paikkakunta",
    "Purchase order number": "Hankintatilauksen numero",
    "Customer": "Asiakas",
    "Date": "Päivämäärä",
    "Status": "Tila",
    "Total": "Summa",
    "New": "Uusi",
    "In progress": "Meneillään",
    "Complete": "Valmis",
    "Cancelled": "Peruutettu",
    "Settings": "Asetukset",
}


def catalog(locale):
    path = os.path.join(ROOT, "translations", locale, "LC_MESSAGES",
                        "messages.po")
    with open(path, "rb") as handle:
        return read_po(handle, locale=locale)


def source_msgids():
    with open(os.path.join(ROOT, "babel.cfg")) as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for directory in SOURCE_DIRS:
        for _file, _line, message, _comments, _context in extract_from_dir(
                os.path.join(ROOT, directory), method_map, options_map,
                keywords=KEYWORDS):
            found.add(message if isinstance(message, str) else message[0])
    for name in SOURCE_FILES:
        for _file, _line, message, _comments, _context in extract_from_dir(
                ROOT, [(name, "python")], {}, keywords=KEYWORDS):
            found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("locale", LOCALES)
def test_every_catalogue_entry_is_translated(locale):
    missing = []
    for message in catalog(locale):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) \
            else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id)
    assert missing == [], f"{locale}: untranslated or fuzzy: {missing}"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_msgid_in_the_code_is_in_the_catalogue(locale):
    known = {m.id if isinstance(m.id, str) else m.id[0]
             for m in catalog(locale) if m.id}
    missing = sorted(source_msgids() - known)
    assert missing == [], (
        f"{locale}: msgids not in the catalogue (run `make translations` and "
        f"translate them): {missing}")


def test_glossary_finnish_is_used_verbatim():
    fi = {m.id: m.string for m in catalog("fi") if isinstance(m.id, str)}
    wrong = {en: fi.get(en) for en, expected in GLOSSARY_FI.items()
             if fi.get(en) != expected}
    assert wrong == {}


def test_placeholders_survive_translation():
    for locale in LOCALES:
        for message in catalog(locale):
            if not message.id or not isinstance(message.id, str):
                continue
            for name in ("%(date)s", "%(time)s", "%(code)s", "%(number)s"):
                if name in message.id:
                    assert name in message.string, (locale, message.id)
