"""Terminal tables fit 80 columns: no number cut short, no word broken (issue 13, item 4).

Each command runs on the real data at ``COLUMNS=80`` and on a wide terminal, in kk, ru and en.
At 80 columns every table line fits, no ellipsis touches a digit, and no word of the output is
a piece of a word the wide output holds whole (a word broken across lines).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from real_cache import _imported_cache, _real_data  # noqa: F401  (fixtures)

from ujym.cli.main import cli

COMMANDS = {
    "align": ["align", "KAZ", "RUS", "--years", "2005-2020"],
    "align, every measure": [
        "align", "KAZ", "RUS", "--years", "2010-2020",
        "--measure", "agreement,identical,s_abs,s_sq,kappa_abs,kappa_sq,pi_abs,pi_sq",
    ],
    "cohesion": ["cohesion", "--years", "2008-2020"],
    "capabilities": ["capabilities", "--year", "2013"],
    "capabilities, milex": ["capabilities", "RUS,USA,CHN", "--year", "2012"],
    "memberships": ["memberships", "KAZ"],
    "casebook show KAZ": ["casebook", "show", "KAZ"],
    "casebook show CSTO": ["casebook", "show", "CSTO"],
    "ideal": ["ideal", "--from", "2010", "--to", "2013"],
    "data status": ["data", "status"],
}  # fmt: skip
"""The commands whose tables are this workstream's (check and casebook claims: issue 10)."""

_BOX = re.compile(r"[┃│┏┓┗┛┡┩└┘━─]")
_WORD = re.compile(r"[^\W\d_]{2,}")


def run(args: list[str], lang: str, columns: int) -> str:
    res = CliRunner().invoke(cli, [*args, "--lang", lang], env={"COLUMNS": str(columns)})
    assert res.exit_code == 0, (args, lang, res.output)
    return res.output


def broken_words(narrow: str, wide: str) -> set[str]:
    """Words of ``narrow`` that are a beginning or an end of a longer word of ``wide`` and never
    a word there themselves: pieces of a word broken across lines.

    >>> sorted(broken_words("Казах стан", "Казахстан"))
    ['Казах', 'стан']
    >>> broken_words("Казахстан", "Казахстан")
    set()
    """
    whole = set(_WORD.findall(wide))
    pieces = set(_WORD.findall(narrow)) - whole
    return {p for p in pieces if any(w != p and (w.startswith(p) or w.endswith(p)) for w in whole)}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_tables_fit_80_columns(real_data: Path, name: str, lang: str) -> None:
    narrow = run(COMMANDS[name], lang, 80)
    wide = run(COMMANDS[name], lang, 400)
    table_lines = [line for line in narrow.splitlines() if _BOX.search(line)]
    assert table_lines, f"{name}: no table printed"
    too_long = [line for line in table_lines if len(line) > 80]
    assert not too_long, f"{name} ({lang}): table lines over 80 columns: {too_long[:2]}"
    cut = re.findall(r"\d…|…\d", narrow)
    assert not cut, f"{name} ({lang}): a number cut short: {cut}"
    broken = broken_words("\n".join(table_lines), wide)  # rich wraps other text between words
    assert not broken, f"{name} ({lang}): words broken across lines: {sorted(broken)}"
