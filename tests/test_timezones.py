"""Time zone labels read like the guide's form."""
from domain.timezones import is_known_zone, zone_choices


def test_helsinki_reads_like_the_guide():
    assert dict(zone_choices())["Europe/Helsinki"] == \
        "(GMT+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn"


def test_an_alias_zone_names_itself_first_and_no_aliases_after():
    label = dict(zone_choices())["Europe/Mariehamn"]
    assert label.startswith("(GMT+02:00) Mariehamn, Helsinki")
    assert "Mariehamn" not in dict(zone_choices())["Europe/Helsinki"]


def test_every_zone_once_ordered_by_offset():
    zones = [zone for zone, _label in zone_choices()]
    assert len(zones) == len(set(zones))
    labels = [label for _zone, label in zone_choices()]
    assert labels.index(dict(zone_choices())["America/New_York"]) < \
        labels.index(dict(zone_choices())["Europe/Helsinki"])


def test_known_zones():
    assert is_known_zone("Europe/Stockholm") and is_known_zone("UTC")
    assert not is_known_zone("Mars/Base") and not is_known_zone("Europe/Kiev")
