"""Latin-script words a kk or ru reader would see in a page's main content (not its footer)."""

from __future__ import annotations

import html
import re

ALLOWED = {
    # codes and identifiers shown as codes: datasets, variables, the model's Q, presets, files
    "cow_nmc", "cinc", "CINC", "COW", "NMC", "unvotes", "Q", "ujym", "scholz2011", "as-printed",
    "DIGEST", "d", "d_", "L", "vote",
}  # fmt: skip
CODE = re.compile(r"^(L\d.*|[A-Z]+\d+|[a-z0-9_]+(\.[a-z0-9_]+)+|[a-z0-9-]+\.yaml)$")


def latin_words(page: str) -> set[str]:
    """Latin-script words in ``<main>`` outside ``lang="en"`` spans, svg and code, not allowed."""
    main = page[page.index("<main") : page.index("</main>")]
    for pattern in (r"<svg.*?</svg>", r"<code>.*?</code>", r'<span lang="en">.*?</span>'):
        main = re.sub(pattern, " ", main, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", main))
    words = set(re.findall(r"[A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9_]|[A-Za-z]", text))
    return {w for w in words if w not in ALLOWED and not CODE.match(w)}
