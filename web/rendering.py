"""One template, two renderings: the full page, or only its partial for htmx."""
from flask import make_response, render_template, request


def wants_partial():
    """True for an htmx request that swaps a region, not the whole page.

    Boosted navigation and history restores target the body and get the
    full page, so the mere presence of HX-Request is not enough.
    """
    headers = request.headers
    return (headers.get("HX-Request") == "true"
            and headers.get("HX-Request-Type") == "partial"
            and "HX-History-Restore-Request" not in headers)


def render_page(page_template, partial_template, status=200, **context):
    """Render the page, or the partial it includes when htmx asks for it."""
    partial = wants_partial()
    template = partial_template if partial else page_template
    response = make_response(
        render_template(template, is_partial=partial, **context), status)
    response.vary.add("HX-Request")
    response.vary.add("HX-Request-Type")
    return response
