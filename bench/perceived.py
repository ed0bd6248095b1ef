"""What the dealer feels: in Chromium, from the search request leaving the
browser (after the typing pause) to the new rows painted, while wrk's 8
connections load the server with searches.

Each kind of search is typed into the order list's search box several
times, after one round that warms the server's caches as the other
scenarios' warm-up runs do; the page records htmx's before:request and,
after the swap, a task queued from the next animation frame: it runs
right after that frame is painted (two animation frames, as before,
counted a whole frame more, 16.7 ms).
"""
import os
import subprocess
import time

from load import BROWSER, LUA, PARTIAL
from servers import BASE_URL
from worst_case import SEARCHES

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ROUNDS = 4
WARM_UP_ROUNDS = 1
# Records each search's request start and the paint after its swap.
PROBE = """() => {
  window.__timings = [];
  let started = null;
  document.body.addEventListener('htmx:before:request', () => {
    started = performance.now();
  });
  document.body.addEventListener('htmx:after:swap', () => {
    if (started === null) return;
    const from = started;
    started = null;
    requestAnimationFrame(() => setTimeout(() =>
      window.__timings.push(performance.now() - from)));
  });
}"""


def perceived(cookie_header, log, load_path="/orders?q=korjaamo"):
    """{"p50", "p95", "count", "by_kind"} in ms, or {"skipped": reason}.

    `cookie_header` is the background load's session; the browser logs in
    on its own."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"skipped": "Playwright is not installed"}
    if not os.path.exists(CHROMIUM):
        return {"skipped": f"no Chromium at {CHROMIUM}"}
    load = _background_load(cookie_header, load_path)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            try:
                return _measure(browser, log)
            finally:
                browser.close()
    finally:
        load.terminate()
        load.wait()


def _background_load(cookie_header, path):
    command = ["wrk", "-t2", "-c8", "-d600s", "-s",
               os.path.join(LUA, "stats.lua")]
    headers = dict(BROWSER, **PARTIAL, Cookie=cookie_header)
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(BASE_URL + path)
    return subprocess.Popen(command, stdout=subprocess.DEVNULL,
                            env=dict(os.environ, BENCH_LUA_DIR=LUA))


def _measure(browser, log):
    # bypass_csp: the probe and waits run script the strict CSP forbids.
    page = browser.new_context(locale="fi-FI", bypass_csp=True).new_page()
    page.goto(BASE_URL + "/login?lang=fi")
    page.fill("#username", "demo")
    page.fill("#password", "demo")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/orders**")
    page.evaluate(PROBE)
    box = page.locator("#q")
    by_kind, every = {}, []
    for round_number in range(WARM_UP_ROUNDS + ROUNDS):
        for kind, q in SEARCHES.items():
            count = page.evaluate("window.__timings.length")
            box.fill(q)
            page.wait_for_function(f"window.__timings.length > {count}",
                                   timeout=30000)
            ms = page.evaluate("window.__timings[window.__timings.length - 1]")
            if round_number >= WARM_UP_ROUNDS:
                every.append(ms)
                by_kind.setdefault(kind, []).append(ms)
            box.fill("")
            page.wait_for_function(f"window.__timings.length > {count + 1}",
                                   timeout=30000)
            time.sleep(0.05)
    every.sort()
    result = {"p50": every[len(every) // 2],
              "p95": every[int(len(every) * 0.95)], "count": len(every),
              "by_kind": {kind: max(times) for kind, times in by_kind.items()}}
    log(f"  perceived, {len(every)} searches under load: p50 "
        f"{result['p50']:.0f} ms, p95 {result['p95']:.0f} ms")
    for kind, ms in result["by_kind"].items():
        log(f"    slowest {kind:38} {ms:6.0f} ms")
    return result
