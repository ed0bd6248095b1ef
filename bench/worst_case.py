"""The order list's worst cases for one client: every kind of search ×
every sort, both ways × with and without a status filter; and the same
for date ranges (reported beside the targets, which name no dates).

Each combination is asked REPEATS times, one request at a time, as a
dealer's browser would (the search partial); its p95 is the worst of them
bar none when REPEATS < 20.
"""
import datetime
import time
import urllib.parse

from load import BROWSER, PARTIAL

# At 1M orders, for the demo user's two sites (900 000 orders).
SEARCHES = {
    "a PO number fragment (a few hundred)": "12361",
    "a four-digit fragment (thousands)": "4711",
    "a code's date (a month's orders)": "2405",
    "a customer word (a quarter of all)": "korjaamo",
    "one customer (one in twelve)": "Kallion",
    "one character": "k",
    "one digit": "1",
    "one digit (every code)": "2",
    "two characters": "Oy",
    "two digits": "19",
    "two digits (this year's codes)": "26",
    "no match": "zzqx",
}
SORTS = ("code", "site", "po", "customer", "date", "status", "total")
REPEATS = 3


def date_ranges(today=None):
    """{kind: list arguments} of the date ranges a dealer picks (the demo
    orders reach back about eight years from the day they were made)."""
    today = today or datetime.date.today()
    this_year = {"from": f"{today.year}-01-01", "to": today.isoformat()}
    last_month_end = today.replace(day=1) - datetime.timedelta(days=1)
    return {
        "this year": this_year,
        "last month": {"from": last_month_end.replace(day=1).isoformat(),
                       "to": last_month_end.isoformat()},
        "since three years ago": {"from": f"{today.year - 3}-06-01"},
        "every order's dates": {"from": f"{today.year - 10}-01-01",
                                "to": today.isoformat()},
        "a customer word this year": dict(this_year, q="korjaamo"),
        "a four-digit fragment this year": dict(this_year, q="4711"),
    }


def searches():
    return {kind: {"q": q} for kind, q in SEARCHES.items()}


def _paths(kinds):
    for kind, filters in kinds.items():
        for sort in SORTS:
            for direction in ("", "-"):
                for status in ("", "in_progress"):
                    args = dict(filters, sort=direction + sort)
                    if status:
                        args["status"] = status
                    yield kind, "/orders?" + urllib.parse.urlencode(args)


def worst_cases(browser, log, kinds):
    """{kind: (worst p95 ms, its path)} and every request's latency, for
    `kinds` ({kind: list arguments}: searches() or date_ranges())."""
    headers = dict(BROWSER, **PARTIAL)
    worst, every = {}, []
    for kind, path in _paths(kinds):
        times = []
        for _ in range(REPEATS):
            started = time.perf_counter()
            response, _body = browser.request("GET", path, headers=headers)
            times.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                raise RuntimeError(f"{path}: HTTP {response.status}")
        every += times
        slowest = max(times)
        if slowest > worst.get(kind, (0, ""))[0]:
            worst[kind] = (slowest, path)
    for kind, (ms, path) in worst.items():
        log(f"  worst {kind:38} {ms:7.1f} ms  {path}")
    every.sort()
    overall = every[int(len(every) * 0.95)]
    log(f"  all {len(every)} requests: p95 {overall:.1f} ms, "
        f"slowest {every[-1]:.1f} ms")
    return {"by_kind": worst, "p95": overall, "requests": len(every),
            "slowest": every[-1]}
