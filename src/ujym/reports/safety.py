"""What keeps ujym's pages safe to open: a script-free content policy and links only to the web.

Every page is static HTML with inline SVG figures and no script at all, so its policy forbids
scripts outright and lets the page fetch nothing. A URL taken from data (a casebook source, a
catalog landing page) becomes a link only when it is ``http``, ``https`` or ``mailto``; anything
else (``javascript:``, ``data:``, ``file:``, a scheme hidden behind control characters) is shown
as plain text.

Examples
--------
>>> safe_url("https://www.nato.int/cps/en/natohq/topics_50349.htm")
'https://www.nato.int/cps/en/natohq/topics_50349.htm'
>>> safe_url("javascript:alert(1)") is None
True
>>> str(link("javascript:alert(1)"))
'<span class="url">javascript:alert(1)</span>'
>>> str(link("mailto:info@example.org", "write"))
'<a class="url" href="mailto:info@example.org">write</a>'
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

CSP = (
    "default-src 'none'; script-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
"""The Content-Security-Policy of every page: no script of any kind, nothing fetched; styles are
inline (the page's own and the SVG figures' attributes)."""

LINK_SCHEMES = ("http", "https", "mailto")
_SAFE = re.compile(r"(?:https?://[^/?#\s]|mailto:[^\s])", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")


def safe_url(url: object) -> str | None:
    """``url`` when it may be a link (``http``, ``https`` or ``mailto``, no blanks or control
    characters anywhere, which browsers would strip to reveal another scheme); else None.
    """
    if not isinstance(url, str) or not url or _CONTROL.search(url):
        return None
    return url if _SAFE.match(url) else None


def link(url: object, text: object | None = None) -> Markup:
    """A link to ``url`` showing ``text`` (default: the URL), or the text alone as a plain
    ``<span>`` when the URL is not one of :data:`LINK_SCHEMES`. Use it (the ``link`` filter in
    templates) wherever a URL from data is shown.
    """
    shown = url if text is None else text
    target = safe_url(url)
    if target is None:
        return Markup('<span class="url">{}</span>').format(escape(shown))
    return Markup('<a class="url" href="{}">{}</a>').format(target, shown)


__all__ = ["CSP", "LINK_SCHEMES", "link", "safe_url"]
