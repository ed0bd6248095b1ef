"""Time zone choices labelled like the seed: "(GMT+02:00) Helsinki, Kyiv, …".

Zones that share an offset today (standard and daylight alike) and a region
are grouped under one label naming their cities, built from tzdata
(offsets) and CLDR's city list (through Babel).
"""
import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.core import get_global

DEFAULT_ZONE = "Europe/Helsinki"
REGIONS = ("Africa", "America", "Asia", "Atlantic", "Australia", "Europe",
           "Indian", "Pacific")


def city_zones():
    """One zone per city of a territory (CLDR's list, no old aliases)."""
    return sorted(get_global("zone_territories"))


def _offset_key(zone, year):
    """(January offset, July offset) in minutes: zones alike all year."""
    tz = ZoneInfo(zone)
    jan = datetime.datetime(year, 1, 15, 12, tzinfo=tz).utcoffset()
    jul = datetime.datetime(year, 7, 15, 12, tzinfo=tz).utcoffset()
    return int(jan.total_seconds() // 60), int(jul.total_seconds() // 60)


def _city(zone):
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def _gmt(minutes):
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"(GMT{sign}{hours:02d}:{mins:02d})"


@lru_cache(maxsize=4)
def zone_choices(year=2026):
    """[(zone, label)]: one entry per zone, ordered by offset then label.

    A zone's label lists the cities of every zone in its region with the
    same offsets, so Helsinki reads "(GMT+02:00) Helsinki, Kyiv, Riga, Sofia,
    Tallinn" like the seed's form.
    """
    zones = [z for z in city_zones()
             if z.split("/")[0] in REGIONS and z.count("/") == 1]
    groups = {}
    for zone in zones:
        key = (_offset_key(zone, year), zone.split("/")[0])
        groups.setdefault(key, []).append(zone)
    choices = []
    for ((jan, _jul), _region), members in groups.items():
        for zone in members:
            cities = [_city(zone)] + sorted(
                _city(z) for z in members if z != zone)
            shown = cities[:1] + sorted(cities[1:])[:4]
            choices.append((zone, f"{_gmt(jan)} {', '.join(shown)}"))
    choices.sort(key=lambda c: (_offset_key(c[0], year)[0], c[1]))
    choices.append(("UTC", "(GMT+00:00) UTC"))
    return choices


def is_known_zone(zone):
    return zone in dict(zone_choices())
