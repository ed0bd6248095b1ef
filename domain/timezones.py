"""Time zone choices labelled like the seed: "(GMT+02:00) Helsinki, Kyiv, …".

A zone's label names its own city, then up to four cities that keep the same
time: the zones CLDR puts in the same Windows time zone (the grouping people
know from "(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius"),
through tzlocal's copy of CLDR's windowsZones table. Only zones tzdata
defines itself (not aliases such as Mariehamn for Helsinki) are named as
companions. Zones without a Windows zone are grouped by region and offsets.
"""
import datetime
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo

from babel.core import get_global
from tzlocal.windows_tz import tz_win

DEFAULT_ZONE = "Europe/Helsinki"
REGIONS = ("Africa", "America", "Asia", "Atlantic", "Australia", "Europe",
           "Indian", "Pacific")
COMPANIONS = 4


def city_zones():
    """One zone per city of a territory (CLDR's list, no old aliases)."""
    return sorted(z for z in get_global("zone_territories")
                  if z.split("/")[0] in REGIONS and z.count("/") == 1)


@lru_cache(maxsize=1)
def tzdata_zones():
    """Zones with their own rules in the pinned tzdata (its "Z" lines)."""
    text = resources.files("tzdata").joinpath("zoneinfo/tzdata.zi").read_text()
    return frozenset(line.split()[1] for line in text.splitlines()
                     if line.startswith("Z "))


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
    """[(zone, label)]: one entry per city zone, by standard offset, label."""
    zones = city_zones()
    offsets = {zone: _offset_key(zone, year) for zone in zones}
    groups = {}
    for zone in zones:
        key = tz_win.get(zone) or (offsets[zone], zone.split("/")[0])
        groups.setdefault(key, []).append(zone)
    own_rules = tzdata_zones()
    choices = []
    for members in groups.values():
        for zone in members:
            companions = sorted(_city(z) for z in members
                                if z != zone and z in own_rules
                                and offsets[z] == offsets[zone])
            cities = [_city(zone)] + companions[:COMPANIONS]
            choices.append((zone, f"{_gmt(offsets[zone][0])} {', '.join(cities)}"))
    choices.append(("UTC", "(GMT+00:00) UTC"))
    offsets["UTC"] = (0, 0)
    choices.sort(key=lambda c: (offsets[c[0]][0], c[1]))
    return choices


def is_known_zone(zone):
    return zone in dict(zone_choices())
