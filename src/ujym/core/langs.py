"""The three languages of ujym: Kazakh, Russian, English (no other import, so that the command
line can choose a language before the domain models load).
"""

from __future__ import annotations

from typing import Literal, get_args

Lang = Literal["kk", "ru", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)
