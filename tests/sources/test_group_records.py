"""The organisations' membership records: every member by date, complete, pinned to the
organisations' own published counts, and one set of group names at every entry point."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import polars as pl
import pytest
from click.testing import CliRunner

import ujym
from _vote_scenarios import scenario
from ujym.cli.main import cli
from ujym.core.errors import UnknownCodeError
from ujym.core.groups import EU_CORE, IncompleteGroupError
from ujym.core.votes import VoteMatrix
from ujym.pipeline.capabilities import add_capabilities, group_capabilities
from ujym.pipeline.cohesion import group_cohesion
from ujym.pipeline.dyads import alignment_profile, create_dyad_years
from ujym.pipeline.state_alignment import add_alignment as add_state_alignment
from ujym.pipeline.state_years import create_state_years
from ujym.sources.casebook import load_casebook
from ujym.sources.codes import resolve_state
from ujym.sources.groups import parse_spec, resolve_group
from ujym.sources.unga import UNGAVotes

GROUPS = ("NATO", "EU", "SCO", "CIS", "EAEU", "EURASEC", "CU", "SES", "CSTO", "GUAM", "OSCE", "OTS")
"""The organisations issue 9 asks for, each with every member by date."""


def count_on(group: str, day: date) -> int:
    return len(resolve_group(group).members_on(day))


def year_end(group: str, year: int) -> int:
    return count_on(group, date(year, 12, 31))


# ---- published counts ------------------------------------------------------------------------
# Each figure is the organisation's own published count of member states at the end of the year
# (NATO's and the EU's lists of members with their accession years, the OSCE's list of
# participating States, the SCO Secretariat's, the CIS Executive Committee's, the Eurasian
# Economic Commission's). They are written here, not read from the casebook.
PUBLISHED: dict[str, dict[int, int]] = {
    "NATO": {1949: 12, 1952: 14, 1955: 15, **dict.fromkeys(range(1982, 1999), 16),
             1999: 19, 2003: 19, 2004: 26, 2008: 26, 2009: 28, 2016: 28, 2017: 29, 2019: 29,
             2020: 30, 2022: 30, 2023: 31, 2024: 32},
    "EU": {1958: 6, 1973: 9, 1981: 10, 1986: 12, 1994: 12, 1995: 15, 2003: 15, 2004: 25,
           2007: 27, 2012: 27, 2013: 28, 2019: 28, 2020: 27, 2024: 27},
    "SCO": {2001: 6, 2016: 6, 2017: 8, 2022: 8, 2023: 9, 2024: 10},
    "CSTO": {1992: 6, 1993: 9, 1998: 9, 1999: 6, 2005: 6, 2006: 7, 2011: 7, 2012: 6, 2024: 6},
    "CIS": {1991: 10, 1993: 12, 2004: 12, 2005: 11, 2009: 10, 2017: 10, 2018: 9},
    "EAEU": {2015: 5, 2024: 5},
    "EURASEC": {2000: 5, 2006: 6, 2007: 6, 2009: 5, 2014: 5, 2015: 0},
    "CU": {2010: 3, 2014: 3, 2015: 0},
    "SES": {2012: 3, 2014: 3, 2015: 0},
    "GUAM": {1997: 4, 1999: 5, 2001: 5, 2002: 4, 2024: 4},
    "OTS": {2009: 4, 2018: 4, 2019: 5, 2024: 5},
}  # fmt: skip


@pytest.mark.parametrize("group", sorted(PUBLISHED))
def test_member_counts_match_the_published_records(group: str) -> None:
    got = {year: year_end(group, year) for year in PUBLISHED[group]}
    assert got == PUBLISHED[group]


def test_osce_57_participating_states_one_without_a_cow_code() -> None:
    """57 participating States since Mongolia (21 November 2012); the Holy See has no COW code
    (not in the crosswalk, no UN vote), so the casebook lists 56 and names it in the record."""
    osce = resolve_group("OSCE")
    assert len(osce.members_on(date(2012, 11, 20))) + 1 == 56
    assert len(osce.members_on(date(2012, 11, 21))) + 1 == 57
    assert len(osce.members_on(date(2025, 1, 1))) + 1 == 57
    record = load_casebook().actor("OSCE").membership_record
    assert record is not None and "Holy See" in (record.editorial or "")
    with pytest.raises(UnknownCodeError):
        resolve_state("VAT")
    # the 35 original participants of 1973 (34 with COW codes), and Yugoslavia's suspension
    assert year_end("OSCE", 1975) + 1 == 35
    serbia = resolve_state("SRB").ccode
    assert serbia not in osce.members(1995) and serbia in osce.members(2001)
    assert osce.members(1995, statuses=("suspended",)) == (serbia,)


def test_days_of_accession_and_exit() -> None:
    nato, eu, sco = resolve_group("NATO"), resolve_group("EU"), resolve_group("SCO")
    montenegro, uk, india = (resolve_state(c).ccode for c in ("MNE", "GBR", "IND"))
    assert montenegro not in nato.members_on(date(2017, 6, 4))
    assert montenegro in nato.members_on(date(2017, 6, 5))
    assert uk in eu.members_on(date(2020, 1, 31)) and uk not in eu.members_on(date(2020, 2, 1))
    assert india in sco.members_on(date(2017, 6, 9))
    assert india not in sco.members_on(date(2017, 6, 8))
    day = date(2017, 6, 8)  # observers are rows too, though the record claims members only
    observers = {
        m.actor
        for m in load_casebook().memberships
        if m.organisation == "SCO" and m.status == "observer" and m.period.start is not None
        and m.period.start.earliest() <= day <= (m.period.end.latest() if m.period.end else day)
    }  # fmt: skip
    assert observers == {"IND", "IRN", "MNG", "PAK", "BLR", "AFG"}
    # West Germany to 2 October 1990, united Germany from 3 October 1990 (COW 260 → 255)
    assert (
        260 in nato.members_on(date(1990, 10, 2)),
        255 in nato.members_on(date(1990, 10, 2)),
    ) == (
        True,
        False,
    )
    assert (
        260 in nato.members_on(date(1990, 10, 3)),
        255 in nato.members_on(date(1990, 10, 3)),
    ) == (
        False,
        True,
    )


@pytest.mark.parametrize("group", GROUPS)
def test_every_group_is_complete_for_its_whole_life(group: str) -> None:
    g = resolve_group(group)
    g.require_complete(range(1900, 2031))  # before founding and after an end: nobody, known
    assert g.complete and g.record is not None
    cb = load_casebook()
    record = cb.actor(group).membership_record
    assert record is not None and cb.source(record.cite.source).url  # cited, with an address
    rows = [m for m in cb.memberships if m.organisation == group]
    assert all(m.cite.outside and cb.source(m.cite.source).url for m in rows)


def test_dissolved_groups_have_no_members_after_their_end() -> None:
    for group in ("EURASEC", "CU", "SES"):
        g = resolve_group(group)
        assert g.members(2014) and g.members(2015) == ()
        assert g.members_on(date(2014, 12, 31)) and g.members_on(date(2015, 1, 1)) == ()


def test_an_incomplete_record_is_refused_in_one_line() -> None:
    with pytest.raises(IncompleteGroupError) as info:
        resolve_group("PFP").members(2015)
    text = str(info.value)
    assert "\n" not in text and "PFP" in text and "list the states instead" in text


def test_the_eu_core_stays_a_named_comparison_set() -> None:
    assert resolve_group("EU-CORE") is EU_CORE
    assert set(EU_CORE.members(2015)) < set(resolve_group("EU").members(2015))
    assert ujym.EU_CORE is EU_CORE


# ---- one set of names at every entry point ----------------------------------------------------
NAMES = [
    ("nato", "NATO"), ("НАТО", "NATO"), ("eu", "EU"), ("ЕО", "EU"), ("ЕС", "EU"),
    ("sco", "SCO"), ("ШЫҰ", "SCO"), ("ШОС", "SCO"), ("cis", "CIS"), ("ТМД", "CIS"),
    ("СНГ", "CIS"), ("eaeu", "EAEU"), ("ЕАЭО", "EAEU"), ("ЕАЭС", "EAEU"),
    ("eurasec", "EURASEC"), ("ЕврАзЭС", "EURASEC"), ("ЕурАзЭҚ", "EURASEC"), ("cu", "CU"),
    ("Кеден одағы", "CU"), ("Таможенный союз", "CU"), ("csto", "CSTO"), ("ҰҚШҰ", "CSTO"),
    ("ОДКБ", "CSTO"), ("guam", "GUAM"), ("ГУАМ", "GUAM"), ("osce", "OSCE"), ("ЕҚЫҰ", "OSCE"),
    ("ОБСЕ", "OSCE"), ("ots", "OTS"), ("ТМҰ", "OTS"), ("ОТГ", "OTS"), ("Turkic Council", "OTS"),
    ("eu-core", "EU-CORE"), ("ses", "SES"), ("ЕЭП", "SES"),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "group"), NAMES)
def test_ids_aliases_and_kk_ru_short_names(typed: str, group: str) -> None:
    assert resolve_group(typed).id == group
    assert resolve_group(typed.swapcase()).id == group  # any case
    spec = parse_spec(typed)
    assert spec is not None and [g.id for g in spec.groups] == [group]


@pytest.fixture()
def matrix() -> VoteMatrix:
    """Hand-made votes 2018–2020 (the US, the EU core, Russia, China and the CSTO's six)."""
    return scenario(range(2018, 2021), {"KAZ": 2, "ARM": 4})


def test_every_verb_reads_the_same_names(matrix: VoteMatrix) -> None:
    cohesion = group_cohesion("шыұ", matrix=matrix)  # the SCO in Kazakh, lower case
    assert cohesion["n_members"].tolist() == [8, 8, 8]
    profile = alignment_profile("KAZ", ["нато", "ес", "одкб"], matrix=matrix)
    assert set(profile["partner"]) == {"НАТО", "ЕС", "ОДКБ"}
    dyads = create_dyad_years("ОДКБ", partners="nato", years=2019, matrix=matrix)
    assert set(dyads["ccode1"]) <= set(resolve_group("CSTO").members(2019))
    states = create_state_years("Eaeu", years=2016)
    assert sorted(states["iso3"]) == ["ARM", "BLR", "KAZ", "KGZ", "RUS"]
    aligned = add_state_alignment(create_state_years("KAZ", years=2019), ["guam"], matrix=matrix)
    assert "align_guam" in aligned.columns


def test_the_csto_odkb_spelling_is_not_a_group() -> None:
    with pytest.raises(UnknownCodeError):
        resolve_group("ODKB")


UNKNOWN = "ATLANTIS"


def _one_line_listing_known(exc: BaseException) -> None:
    text = str(exc)
    assert "\n" not in text and UNKNOWN in text
    for known in ("CSTO", "EU", "EU-CORE", "NATO", "OSCE", "OTS", "SCO"):
        assert known in text, known


@pytest.mark.parametrize(
    "call",
    [
        lambda m: group_cohesion(UNKNOWN, matrix=m),
        lambda m: alignment_profile("KAZ", ["RUS", UNKNOWN], matrix=m),
        lambda m: create_dyad_years(UNKNOWN, years=2019, matrix=m),
        lambda m: create_dyad_years("KAZ", partners=UNKNOWN, years=2019, matrix=m),
        lambda m: create_state_years(UNKNOWN, years=2019),
        lambda m: add_state_alignment(create_state_years("KAZ", years=2019), [UNKNOWN], matrix=m),
        lambda m: add_capabilities(create_state_years("KAZ", years=2010), within=UNKNOWN),
        lambda m: group_capabilities(UNKNOWN, 2010, nmc=_nmc()),
    ],
    ids=[
        "cohesion",
        "profile",
        "dyads",
        "partners",
        "state-years",
        "state-alignment",
        "capabilities-within",
        "group-capabilities",
    ],
)
def test_an_unknown_group_is_one_line_at_every_verb(call, matrix: VoteMatrix) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownCodeError) as info:
        call(matrix)
    _one_line_listing_known(info.value)


def _nmc() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "ccode": [365, 705],
            "year": [2010, 2010],
            "milex": [5.0, 1.0],
            "milper": [1.0, 1.0],
            "irst": [1.0, 1.0],
            "pec": [1.0, 1.0],
            "tpop": [1.0, 1.0],
            "upop": [1.0, 1.0],
            "cinc": [0.1, 0.01],
        }
    )


@pytest.fixture()
def cache_of(monkeypatch: pytest.MonkeyPatch, matrix: VoteMatrix) -> None:
    """The hand-made votes standing in for the cache, for the CLI."""
    rows = [
        (int(matrix.rcids[j]), int(matrix.ccodes[i]), int(matrix.votes[i, j]))
        for i in range(len(matrix.ccodes))
        for j in range(len(matrix.rcids))
    ]
    votes = pl.DataFrame(
        rows, schema={"rcid": pl.Int32, "ccode": pl.Int16, "vote": pl.Int8}, orient="row"
    )
    rc = pl.DataFrame(
        {
            "rcid": matrix.rcids.tolist(),
            "session": matrix.session.tolist(),
            "year": matrix.year.tolist(),
            "importantvote": [False] * len(matrix.rcids),
            **{c: [False] * len(matrix.rcids) for c in ("me", "nu", "di", "hr", "co", "ec")},
        },
        schema_overrides={"rcid": pl.Int32, "session": pl.Int16, "year": pl.Int16},
    )
    data = UNGAVotes(votes=votes, roll_calls=rc, dataset="test_votes", version="1")
    monkeypatch.setattr("ujym.pipeline.dyads.read_unga", lambda dataset=None: data)


@pytest.mark.parametrize(
    "args",
    [
        ["cohesion", UNKNOWN],
        ["plot-alignment", "KAZ", "--against", f"RUS,{UNKNOWN}", "--out", "OUT"],
        ["capabilities", UNKNOWN, "--year", "2010"],
    ],
    ids=["cohesion", "plot-alignment", "capabilities"],
)
def test_an_unknown_group_is_one_line_at_every_command(args: list[str], cache_of, tmp_path) -> None:  # type: ignore[no-untyped-def]
    args = [str(tmp_path / "x.svg") if a == "OUT" else a for a in args]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    _one_line_listing_known(Exception(lines[0]))


def test_cohesion_and_plot_alignment_agree_on_eu(cache_of, tmp_path) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    by_id = runner.invoke(cli, ["cohesion", "EU", "--format", "csv"])
    assert by_id.exit_code == 0, by_id.output
    assert by_id.output == runner.invoke(cli, ["cohesion", "ес", "--format", "csv"]).output
    assert by_id.output != runner.invoke(cli, ["cohesion", "EU-CORE", "--format", "csv"]).output
    out = tmp_path / "kaz.html"
    result = runner.invoke(
        cli, ["plot-alignment", "KAZ", "--against", "EU,EU-CORE", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "EU core" in text and "EU" in text


def test_an_incomplete_group_is_refused_by_the_commands(cache_of) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, ["cohesion", "UN"])
    assert result.exit_code == 2
    assert "not complete" in result.output and len(result.output.strip().splitlines()) == 1


def test_member_names_of_a_year_for_the_cohesion_of_the_eu(matrix: VoteMatrix) -> None:
    """The EU's members of each year, whichever of them voted (here the scenario's four)."""
    eu = resolve_group("EU")
    present = set(matrix.ccodes.tolist())
    assert sorted(set(eu.members(2019)) & present) == [200, 220, 255, 325]
    assert sorted(set(eu.members(2020)) & present) == [200, 220, 255, 325]  # to 31 January
    assert np.isin([200], eu.members(2021)).sum() == 0
