"""Production serving: versioned static URLs, cache headers, compression."""
import gzip
import re

import brotli


def _get(client, url, **kwargs):
    """GET a file response, read and closed (the file is then closed too)."""
    response = client.get(url, **kwargs)
    response.get_data()
    response.close()
    return response


def _static_urls(html):
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_static_urls_carry_a_content_hash_and_are_cached_a_year(client):
    html = client.get("/login").get_data(as_text=True)
    urls = _static_urls(html)
    assert urls and all(re.search(r"\?v=[0-9a-f]{12}$", u) for u in urls)
    response = _get(client, urls[0].replace("&amp;", "&"))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == (
        "public, max-age=31536000, immutable")


def test_unversioned_or_stale_static_urls_revalidate(client):
    for url in ("/static/app.css", "/static/app.css?v=000000000000"):
        response = _get(client, url)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "no-cache"


def test_static_files_are_served_compressed(client):
    plain = _get(client, "/static/app.css").data
    br = _get(client, "/static/app.css", headers={"Accept-Encoding": "br"})
    assert br.headers["Content-Encoding"] == "br"
    assert brotli.decompress(br.data) == plain
    gz = _get(client, "/static/app.css", headers={"Accept-Encoding": "gzip"})
    assert gzip.decompress(gz.data) == plain
    assert "Accept-Encoding" in gz.headers["Vary"]


def test_pages_are_compressed_and_csv_stays_streamed(demo, client, auth):
    auth.login()
    page = client.get("/orders", headers={"Accept-Encoding": "br, gzip"})
    assert page.headers["Content-Encoding"] == "br"
    assert b"<html" in brotli.decompress(page.data)
    export = client.get("/orders/export.csv",
                        headers={"Accept-Encoding": "br, gzip"})
    assert export.is_streamed and "Content-Encoding" not in export.headers
    export.close()
