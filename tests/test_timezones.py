"""The time zone list: one entry per zone people know, labelled like the guide."""
import re

from domain.timezones import (entry_for, is_known_zone, zone_choices,
                              zone_entries, zone_label)

LABEL = re.compile(r"^\(GMT[+-]\d\d:\d\d\) [^,]+(, [^,]+){0,4}$")


def test_helsinki_reads_like_the_guide():
    assert zone_label("Europe/Helsinki") == \
        "(GMT+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn"


def test_one_entry_per_zone_no_duplicates_a_sensible_count():
    zones = [zone for zone, _label in zone_choices()]
    labels = [label for _zone, label in zone_choices()]
    assert len(zones) == len(set(zones))
    assert len(labels) == len(set(labels))
    # Windows lists about 140; tzdata's 380 city zones were near-duplicates.
    assert 100 <= len(zones) <= 160
    assert all(LABEL.match(label) for label in labels), labels


def test_cities_keeping_the_same_time_share_one_entry():
    berlin = entry_for("Europe/Berlin")
    assert entry_for("Europe/Stockholm") is berlin is entry_for("Europe/Rome")
    assert berlin.zone == "Europe/Berlin" and berlin.region == "Europe"
    assert berlin.label == "(GMT+01:00) Berlin, Amsterdam, Rome, Stockholm, Zurich"
    assert dict(zone_choices())["America/New_York"].startswith(
        "(GMT-05:00) New York")
    assert "Stockholm" not in dict(zone_choices())


def test_grouped_by_region_then_by_offset():
    entries = zone_entries()
    regions = [e.region for e in entries]
    # Each region is one run: an <optgroup> each.
    runs = [r for i, r in enumerate(regions) if i == 0 or regions[i - 1] != r]
    assert len(runs) == len(set(runs)) and runs[0] == "Europe"
    europe = [e for e in entries if e.region == "Europe"]
    assert [e.offset for e in europe] == sorted(e.offset for e in europe)
    assert entry_for("America/Argentina/Buenos_Aires").region == "America"


def test_a_zone_off_the_list_still_has_a_label():
    assert zone_label("Europe/Stockholm") == \
        "(GMT+01:00) Stockholm, Amsterdam, Berlin, Rome, Zurich"
    assert zone_label("Europe/Mariehamn").startswith("(GMT+02:00) Mariehamn, ")
    assert zone_label("Europe/Kiev") == zone_label("Europe/Kyiv")
    assert zone_label("Etc/GMT-3") == "(GMT+03:00) GMT-3"
    assert zone_label("Mars/Base") == "Mars/Base" and zone_label(None) == ""


def test_known_zones():
    assert is_known_zone("Europe/Stockholm") and is_known_zone("UTC")
    assert not is_known_zone("Mars/Base") and not is_known_zone("Europe/Kiev")
