"""An order code as a QR code, inline SVG for the printed pick list.

Inline markup rather than an <img>: the CSP allows images from 'self'
only, and segno's SVG carries no style attributes (style-src 'self').
"""
import segno
from markupsafe import Markup


def qr_svg(text, title=""):
    """The QR code of `text` as an <svg> element (segno escapes the title)."""
    code = segno.make(str(text), error="m", micro=False)
    return Markup(code.svg_inline(scale=4, svgclass="qr", lineclass=None,
                                  title=str(title) or None))
