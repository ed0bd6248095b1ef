"""BENCHMARKS.md from one run's results: table, ratios, targets, machine."""
import datetime
import os
import platform
import sqlite3

from report_postgres import postgres_section
from servers import ROOT

TARGET_WORST_P95, TARGET_SEARCH_P95, TARGET_MINIMAL_RATIO = 50.0, 25.0, 0.6
TARGET_PERCEIVED_P95 = 100.0
TARGET_SCALE_RATIO, TARGET_SUBMIT_RPS = 1.3, 150.0
TARGET_PAGE_KB, TARGET_PARTIAL_KB = 40, 8
TARGET_API_RPS, TARGET_API_P95, TARGET_WORKER_RPS = 150.0, 100.0, 100.0


def machine(results):
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as handle:
            model = next(line.split(":", 1)[1].strip() for line in handle
                         if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB RAM, "
            f"{platform.system()} {platform.release()}, Python "
            f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}"
            + (f", PostgreSQL {results['postgresql']['version']}"
               if "version" in results.get("postgresql", {}) else "")
            + f"; load average at the end {os.getloadavg()[0]:.1f}")


def _row(name, stats, bare, p95_small=None, cpu=None):
    if "skipped" in stats:
        return f"| {name} | skipped: {stats['skipped']} | | | | | | | |"
    ratio = stats["rps"] / bare["rps"] if bare else 0
    scale = (f"{stats['p95'] / p95_small:.2f}" if p95_small else "")
    cpu = f"{cpu:.1f}" if cpu is not None else ""
    return (f"| {name} | {stats['rps']:.0f} | {stats['p50']:.1f} | "
            f"{stats['p95']:.1f} | {stats['p99']:.1f} | {stats['errors']} | "
            f"{ratio:.2f} | {scale} | {cpu} |")


def _now():
    return datetime.datetime.now(datetime.timezone.utc)


def _check(ok, text):
    return f"- {'✅' if ok else '❌'} {text}"


def write_report(results, sizes, scenarios, seconds):
    small, large = min(sizes), max(sizes)
    lines = [
        "# Benchmarks", "",
        f"`make bench`, {_now():%Y-%m-%d %H:%M} UTC. "
        f"Machine: {machine(results)}.", "",
        f"wrk, {seconds} s per scenario after a 2 s warm-up, 8 connections "
        "(32 for the 32 submitters), loopback. App and baselines served "
        "one at a time by gunicorn with gunicorn.conf.py; the load "
        "generator shares the cores. Latencies in ms. *÷ bare* = req/s ÷ "
        "the bare Flask endpoint's req/s in the same run and database "
        "size (information, not a target); *p95 ÷ 10k* = this p95 ÷ the "
        "same scenario's p95 at "
        f"{small} orders; *CPU ms* = the app's CPU time per request "
        "measured in-process (Flask test client, bench/cpu.py): its own "
        "cost, unaffected by the network, the load generator or other work "
        "on the machine.", ""]
    if (large, "bare") in results:
        lines += _sqlite_sections(results, sizes, scenarios)
    if "postgresql" in results:
        sqlite = results if (large, "list") in results else None
        lines += postgres_section(
            results["postgresql"], sqlite, large, scenarios,
            {"worst": TARGET_WORST_P95, "perceived": TARGET_PERCEIVED_P95,
             "search": TARGET_SEARCH_P95})
    notes = os.path.join(ROOT, "bench", "NOTES.md")
    if os.path.exists(notes):
        with open(notes) as handle:
            lines += ["", handle.read().strip()]
    text = "\n".join(lines) + "\n"
    with open(os.path.join(ROOT, "BENCHMARKS.md"), "w") as handle:
        handle.write(text)
    return text


def _sqlite_sections(results, sizes, scenarios):
    small, large = min(sizes), max(sizes)
    lines = []
    for orders in sizes:
        bare = results[(orders, "bare")]
        lines += [f"## {orders:,} orders".replace(",", " "), "",
                  "| scenario | req/s | p50 | p95 | p99 | errors | ÷ bare | "
                  "p95 ÷ 10k | CPU ms |", "|---" * 9 + "|"]
        keys = [(key, label) for key, label, *_rest in scenarios] + [
            ("submit8", "Trade-account request, 8 submitters"),
            ("submit32", "Trade-account request, 32 submitters"),
            ("bare", "Baseline: bare Flask, short text"),
            ("minimal", "Baseline: minimal page of the same 50 rows")]
        for key, label in keys:
            if (orders, key) not in results:
                continue
            small_stats = results.get((small, key))
            p95_small = (small_stats["p95"] if orders != small and small_stats
                         and "p95" in small_stats else None)
            lines.append(_row(label, results[(orders, key)], bare, p95_small,
                              results.get(("cpu", orders, key))))
        lines.append("")
    lines += _targets(results, small, large, scenarios)
    build = results.get(f"build_{large}")
    if build:
        lines += ["", f"Building the {large}-order database "
                  f"(`flask seed-demo --orders {large}`) took {build:.0f} s."]
    return lines + [""]


def _targets(results, small, large, scenarios):
    lines = ["## Targets", ""]
    worst = results.get("worst")
    if worst:
        kind, (ms, path) = max(worst["by_kind"].items(),
                               key=lambda item: item[1][0])
        lines.append(_check(
            ms <= TARGET_WORST_P95,
            f"worst case at {large} orders, one client: every kind of search "
            f"× every sort both ways × with and without a status filter "
            f"({worst['requests']} requests): the slowest combination's "
            f"p95 {ms:.1f} ms ({kind}: `{path}`); all requests' p95 "
            f"{worst['p95']:.1f} ms (target ≤ {TARGET_WORST_P95:.0f} ms)"))
        lines += [f"  - {name}: {ms:.1f} ms" for name, (ms, _path)
                  in worst["by_kind"].items()]
    dated = results.get("worst_dated")
    if dated:
        lines.append(
            f"- ℹ date ranges at {large} orders, one client, the same grid "
            f"({dated['requests']} requests; no target names them): all "
            f"requests' p95 {dated['p95']:.1f} ms, slowest "
            f"{dated['slowest']:.1f} ms")
        lines += [f"  - {name}: {ms:.1f} ms (`{path}`)" for name, (ms, path)
                  in dated["by_kind"].items()]
    felt = results.get("perceived")
    if felt and "skipped" in felt:
        lines.append(f"- ⏭ what the dealer feels: skipped ({felt['skipped']})")
    elif felt:
        lines.append(_check(
            felt["p95"] <= TARGET_PERCEIVED_P95,
            f"what the dealer feels in Chromium at {large} orders, from the "
            f"search request leaving (after the 300 ms typing pause) to the "
            f"rows painted, {felt['count']} searches of every kind while 8 "
            f"connections search: p50 {felt['p50']:.0f} ms, p95 "
            f"{felt['p95']:.0f} ms (target ≤ {TARGET_PERCEIVED_P95:.0f} ms)"))
    for key in ("search", "search_broad", "search_word"):
        stats = results[(large, key)]
        label = next(label for k, label, *_rest in scenarios if k == key)
        lines.append(_check(stats["p95"] <= TARGET_SEARCH_P95,
                            f"{label} at {large} orders, 8 connections: p95 "
                            f"{stats['p95']:.1f} ms (target ≤ "
                            f"{TARGET_SEARCH_P95:.0f} ms)"))
    listed, minimal = results[(large, "list_partial")], results[(large, "minimal")]
    lines.append(_check(
        listed["rps"] / minimal["rps"] >= TARGET_MINIMAL_RATIO,
        f"order list partial {listed['rps']:.0f} req/s = "
        f"{listed['rps'] / minimal['rps']:.2f} × the minimal page of the same "
        f"50 rows ({minimal['rps']:.0f} req/s) (target ≥ "
        f"{TARGET_MINIMAL_RATIO}); information: "
        f"{listed['rps'] / results[(large, 'bare')]['rps']:.2f} × bare Flask"))
    for key, label, _path, _partial, same_work in scenarios:
        if not same_work:
            continue
        ratio = results[(large, key)]["p95"] / results[(small, key)]["p95"]
        cpu = (results[("cpu", large, key)] / results[("cpu", small, key)]
               if ("cpu", small, key) in results else None)
        cpu_text = f"; CPU per request ratio {cpu:.2f}" if cpu else ""
        lines.append(_check(ratio <= TARGET_SCALE_RATIO,
                            f"{label}: p95 at {large} ÷ p95 at {small} = "
                            f"{ratio:.2f}{cpu_text} "
                            f"(target ≤ {TARGET_SCALE_RATIO})"))
    submit = results.get((large, "submit32"), {"skipped": "not run"})
    if "skipped" in submit:
        lines.append(f"- ⏭ 32 submitters: skipped ({submit['skipped']})")
    else:
        lines.append(_check(
            submit["rps"] >= TARGET_SUBMIT_RPS and submit["errors"] == 0
            and submit["duplicates"] == 0
            and submit["stored"] >= submit["acknowledged"],
            f"32 submitters: {submit['rps']:.0f} requests/s, "
            f"{submit['errors']} errors; {submit['stored']} requests "
            f"stored for {submit['acknowledged']} acknowledged (warm-up "
            f"and measured run), {submit['duplicates']} duplicates "
            f"(target ≥ {TARGET_SUBMIT_RPS:.0f}/s, no errors)"))
    lines += _api_targets(results, large)
    weight = results.get("weight")
    if weight:
        assets = ", ".join(f"{name} {a['bytes'] / 1024:.1f} KB "
                           f"({a['encoding']}; {a['cache']})"
                           for name, a in weight["assets"].items())
        lines += [
            _check(weight["total"] <= TARGET_PAGE_KB * 1024,
                   f"order list page {weight['total'] / 1024:.1f} KB "
                   f"compressed in total: HTML {weight['html'] / 1024:.1f} KB "
                   f"({weight['encoding']}), {assets} "
                   f"(target ≤ {TARGET_PAGE_KB} KB)"),
            _check(weight["partial"] <= TARGET_PARTIAL_KB * 1024,
                   f"{weight['partial_rows']}-row search partial "
                   f"{weight['partial'] / 1024:.1f} KB compressed "
                   f"(target ≤ {TARGET_PARTIAL_KB} KB)")]
    return lines


def _api_targets(results, large):
    api, worker = results.get("api"), results.get("worker")
    if not api:
        return ["- ⏭ integration API: not run"]
    search = results[(large, "search")]
    return [
        _check(api["rps"] >= TARGET_API_RPS and api["p95"] <= TARGET_API_P95
               and api["errors"] == 0 and api["duplicate_orders"] == 0
               and api["duplicate_codes"] == 0
               and api["stored"] >= api["acknowledged"],
               f"API orders at {large} orders, 16 clients posting 3-line "
               f"orders: {api['rps']:.0f} orders/s, p95 {api['p95']:.1f} ms, "
               f"{api['errors']} errors; {api['stored']} stored for "
               f"{api['acknowledged']} acknowledged, "
               f"{api['duplicate_orders']} duplicate orders, "
               f"{api['duplicate_codes']} duplicate codes; "
               f"{api['rps'] / search['rps']:.2f} × the search partial's "
               f"req/s (target ≥ {TARGET_API_RPS:.0f}/s, p95 ≤ "
               f"{TARGET_API_P95:.0f} ms, no errors or duplicates)"),
        _check(api["replays_identical"] == api["replays"],
               f"replays: {api['replays_identical']} of {api['replays']} "
               "keys sent again from 16 threads got the first answer byte "
               "for byte with Idempotent-Replayed: true"),
        _check(worker["events_per_s"] >= TARGET_WORKER_RPS
               and worker["left"] == 0
               and worker["distinct_ids"] == worker["events"],
               f"webhook worker: {worker['events']} events delivered to a "
               f"local receiver in {worker['seconds']:.1f} s = "
               f"{worker['events_per_s']:.0f} events/s, "
               f"{worker['received']} received with {worker['distinct_ids']} "
               f"distinct webhook-ids (target ≥ {TARGET_WORKER_RPS:.0f}/s)"),
    ]
