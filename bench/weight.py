"""What a first visit downloads, compressed as a browser would get it."""
import gzip
import re

import brotli

from load import BROWSER, PARTIAL

ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def page_weight(browser, search_term):
    """Compressed bytes: the order list page with its CSS and JS, and a
    50-row search partial (brotli, as current browsers ask for)."""
    response, html = browser.request("GET", "/orders", headers=BROWSER)
    page = len(html)
    assets = {}
    text = _decoded(response, html)
    for url in sorted(set(ASSET.findall(text))):
        asset, body = browser.request("GET", url.replace("&amp;", "&"),
                                      headers=BROWSER)
        assets[url.split("?")[0]] = {
            "bytes": len(body),
            "encoding": asset.getheader("Content-Encoding") or "none",
            "cache": asset.getheader("Cache-Control") or ""}
    partial_response, partial = browser.request(
        "GET", f"/orders?q={search_term}",
        headers=dict(BROWSER, **PARTIAL))
    return {"html": page, "encoding": response.getheader("Content-Encoding"),
            "assets": assets,
            "total": page + sum(a["bytes"] for a in assets.values()),
            "partial": len(partial),
            "partial_rows": _decoded(partial_response, partial).count("<tr>")
            - 1}


def _decoded(response, body):
    encoding = response.getheader("Content-Encoding")
    if encoding == "br":
        body = brotli.decompress(body)
    elif encoding == "gzip":
        body = gzip.decompress(body)
    return body.decode("utf-8", "replace")
