"""The time zone list: one entry per zone people know, labelled like the seed.

An entry is one of the time zones Windows users know ("(UTC+02:00) Helsinki,
Kyiv, Riga, Sofia, Tallinn, Vilnius"): the city zones CLDR maps to the same
Windows zone (through tzlocal's copy of CLDR's windowsZones table) keep the
same time, so listing each city separately only made near-duplicates.

An entry's value is the zone CLDR names first for its Windows zone (Berlin,
New York, Tokyo), and its label names that city first, then up to four
more, one per country, alphabetically: countries with more languages in
CLDR's territory data (a measure of size that keeps microstates and
dependencies out) are named before smaller ones, and within a country the
zone most other names link to in tzdata (Toronto rather than Iqaluit).

Any other real zone (a stored one, or a site's) still gets a label: its own
city first, then the cities of its entry.
"""
import datetime
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo, available_timezones

from babel.core import get_global
from tzlocal.windows_tz import tz_win, win_tz

DEFAULT_ZONE = "Europe/Helsinki"
# The order of the regions in the list: the dealers' own first.
REGIONS = ("Europe", "Africa", "Asia", "America", "Australia", "Pacific",
           "Atlantic", "Indian")
OTHER = "Other"
CITIES = 5
# How many languages CLDR lists for a territory: countries this large come
# first, then mid-sized ones, then the rest (microstates, dependencies);
# within each band alphabetically.
SIZE_BANDS = (10, 3)


@dataclass(frozen=True)
class ZoneEntry:
    zone: str        # the value: the zone of the label's first city
    label: str       # "(GMT+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn"
    region: str      # one of REGIONS, or OTHER
    offset: int      # standard offset in minutes
    cities: tuple    # the zones the label names, in label order
    members: tuple   # every city zone keeping this time


def city_zones():
    """The city zones of CLDR's territories (no old aliases, no Etc/)."""
    return sorted(z for z in get_global("zone_territories")
                  if z.split("/")[0] in REGIONS)


@lru_cache(maxsize=1)
def _tzdata_links():
    """{target: [alias, …]} from the pinned tzdata's "L" lines."""
    text = resources.files("tzdata").joinpath("zoneinfo/tzdata.zi").read_text()
    links = {}
    for line in text.splitlines():
        if line.startswith("L "):
            _l, target, alias = line.split()
            links.setdefault(target, []).append(alias)
    return links


def standard_offset(zone, year):
    """The zone's standard offset in minutes (the smaller of Jan and Jul)."""
    tz = ZoneInfo(zone)
    return min(int(datetime.datetime(year, month, 15, 12, tzinfo=tz)
                   .utcoffset().total_seconds() // 60) for month in (1, 7))


def city(zone):
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def gmt(minutes):
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"(GMT{sign}{hours:02d}:{mins:02d})"


def _label_cities(members, first):
    """`first`, then a zone per other country, bigger countries first."""
    territories = get_global("zone_territories")
    sizes = get_global("territory_languages")
    links = _tzdata_links()
    by_territory = {}
    for zone in members:
        by_territory.setdefault(territories.get(zone), []).append(zone)
    by_territory.pop(territories.get(first), None)
    picks = []
    for territory, zones in by_territory.items():
        zone = min(zones, key=lambda z: (-len(links.get(z, ())), city(z)))
        size = len(sizes.get(territory, ()))
        band = sum(size < limit for limit in SIZE_BANDS)
        picks.append((band, city(zone), zone))
    others = [zone for _band, _city, zone in sorted(picks)[:CITIES - 1]]
    return (first,) + tuple(sorted(others, key=city))


def _first_zone(windows_name, members):
    """CLDR's main zone of the Windows zone, else the biggest country's."""
    primary = canonical(win_tz.get(windows_name, ""))
    if primary in members:
        return primary
    return _label_cities(members, "")[1]


def _region(members, first):
    areas = [zone.split("/")[0] for zone in members]
    return max(REGIONS, key=lambda r: (areas.count(r), r == first.split("/")[0]))


@lru_cache(maxsize=4)
def zone_entries(year=None):
    """[ZoneEntry] by region (REGIONS order), then offset and label."""
    year = year or datetime.date.today().year
    groups = {}
    for zone in city_zones():
        groups.setdefault(tz_win.get(zone) or zone, []).append(zone)
    entries = []
    for windows_name, members in groups.items():
        cities = _label_cities(members, _first_zone(windows_name, members))
        offset = standard_offset(cities[0], year)
        entries.append(ZoneEntry(
            cities[0], f"{gmt(offset)} {', '.join(city(z) for z in cities)}",
            _region(members, cities[0]), offset, cities, tuple(members)))
    entries.append(ZoneEntry("UTC", "(GMT+00:00) UTC", OTHER, 0, ("UTC",),
                             ("UTC",)))
    order = REGIONS + (OTHER,)
    entries.sort(key=lambda e: (order.index(e.region), e.offset, e.label))
    return entries


def zone_choices():
    """[(zone, label)] of the list, in its order."""
    return [(entry.zone, entry.label) for entry in zone_entries()]


@lru_cache(maxsize=1)
def _entries_by_member():
    return {zone: entry for entry in zone_entries() for zone in entry.members}


def canonical(zone):
    """A tzdata alias (Europe/Kiev, Europe/Mariehamn) → the zone it names."""
    for target, aliases in _tzdata_links().items():
        if zone in aliases:
            return target
    return zone


def entry_for(zone):
    """The list entry keeping the same time as `zone`, or None."""
    by_member = _entries_by_member()
    return by_member.get(zone) or by_member.get(canonical(zone))


def is_real_zone(zone):
    """A zone tzdata knows (Europe/Kiev too), not any string."""
    return isinstance(zone, str) and zone in _available()


@lru_cache(maxsize=1)
def _available():
    return frozenset(available_timezones())


def is_known_zone(zone):
    """A city zone of the list's entries (or UTC): what forms may store."""
    return zone in _entries_by_member()


def zone_label(zone):
    """The label of any zone: its entry's, or its own city first, then the
    entry's other cities; a zone without an entry shows its own offset."""
    # An old name of the same city (Europe/Kiev) reads as the new one.
    zone = get_global("zone_aliases").get(zone, zone)
    entry = entry_for(zone)
    if entry is not None and entry.zone == zone:
        return entry.label
    if not is_real_zone(zone):
        return zone or ""
    own = city(zone)
    if entry is None:
        offset = standard_offset(zone, datetime.date.today().year)
        return f"{gmt(offset)} {own}"
    others = sorted(city(z) for z in entry.cities if city(z) != own)
    return f"{gmt(entry.offset)} {', '.join([own] + others[:CITIES - 1])}"
