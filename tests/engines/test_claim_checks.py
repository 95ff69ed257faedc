"""Every claim check on a small hand-made dataset whose right verdict is known by construction."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pandas as pd
import pytest

from _vote_scenarios import scenario
from ujym.core.claims import CheckKind, ClaimStatus
from ujym.engines.checks import (
    VOTES,
    CheckData,
    CheckRegistryError,
    NotTestable,
    Registry,
    Window,
    checks,
    fixed_windows,
    registered,
    registry,
)
from ujym.engines.checks.base import Check
from ujym.pipeline.checks import group_members
from ujym.sources.casebook import load_casebook, validate_casebook

S, C, M, INSUFFICIENT = (
    ClaimStatus.SUPPORTED,
    ClaimStatus.CONTRADICTED,
    ClaimStatus.MIXED,
    ClaimStatus.INSUFFICIENT_DATA,
)
ARTICLE = Window("article", 2011, 2013)


@pytest.fixture(scope="module")
def cb():
    return load_casebook()


def run(claim: str, data: CheckData, window: Window = ARTICLE):
    """Run ``claim``'s check; data built by hand get the casebook's members (as the pipeline)."""
    if not data.members.by_year:
        data = replace(data, members=group_members(data.casebook))
    return checks()[claim].run(data, window)


# ---- the registry -------------------------------------------------------------------------
REASONS = {"needs-data", "document-content", "interpretive", "historical-record"}


def test_every_claim_is_checked_or_not_testable_with_reason_and_data(cb) -> None:
    table = registry(cb)
    ids = {c.id for c in cb.claims}
    assert set(table) == ids
    for claim_id, item in table.items():
        assert isinstance(item, Check | NotTestable), claim_id
        if isinstance(item, NotTestable):
            assert item.reason in REASONS, claim_id
            assert item.needed, f"{claim_id}: no needed data named"
            assert item.explanation is not None, claim_id
            assert all(item.explanation[lang] for lang in ("kk", "ru", "en")), claim_id
        else:
            assert item.operationalisation.en and item.threshold.kk and item.threshold.ru
            assert item.description.cannot_see.kk, claim_id


def test_the_required_claims_are_real_checks(cb) -> None:
    required = {"C3", "C5", "C9", "C11", "C12", "C14", "C16", "C18", "C20", "C21", "C22", "C30",
                "C31", "C32", "C33", "C36", "C37", "C38", "C40", "C45", "C46", "C47"}  # fmt: skip
    assert required <= set(checks())


def test_registered_functions_and_check_blocks_match_one_to_one(cb) -> None:
    blocks = {c.id for c in cb.claims if c.check is not None}
    assert set(registered()) == blocks
    report = validate_casebook(checks=registered().names())
    assert report.ok, report.problems


def test_record_checks_read_no_dataset_and_data_checks_do(cb) -> None:
    for item in registry(cb).values():
        if isinstance(item, Check):
            assert (item.kind is CheckKind.RECORD) == (not item.datasets), item.claim


def test_declared_datasets_are_catalog_ids_or_the_votes() -> None:
    from ujym.sources.catalog import load_catalog

    catalog = load_catalog()
    for claim, function in registered().items():
        for ds in function.datasets:
            assert ds == VOTES or ds.partition(":")[0] in catalog, (claim, ds)


def test_fixed_windows_are_declared_by_the_decorator() -> None:
    assert fixed_windows() == {
        "C36": Window("claim", 1991, 1993),
        "C14": Window("claim", 2010, 2010),  # Thompson and Dreyer's rivalries end in 2010
    }
    assert registered()["C36"].window == Window("claim", 1991, 1993)


def test_no_check_names_the_subject_organisation() -> None:
    from pathlib import Path

    import ujym.engines.checks as package

    for path in Path(package.__file__).parent.glob("*.py"):
        code = path.read_text(encoding="utf-8")
        assert '"CSTO"' not in code and "'CSTO'" not in code, path.name


def test_a_second_function_for_a_claim_is_refused() -> None:
    mine = registered().copy()
    with pytest.raises(CheckRegistryError, match="two check functions for C9"):
        mine.check("C9", datasets=("cow_nmc",))(lambda data, window: None)
    with pytest.raises(ValueError, match="a claim id looks like"):
        mine.check("9")
    with pytest.raises(ValueError, match="must be a tuple"):
        mine.check("C99", datasets="cow_nmc")  # type: ignore[arg-type]
    assert "C9" in registered() and len(mine) == len(registered())


def test_a_claims_check_block_without_a_function_is_an_error(cb) -> None:
    without = Registry({c: f for c, f in registered().items() if c != "C9"})
    with pytest.raises(CheckRegistryError, match="C9 has a check: block but no check function"):
        registry(cb, without)


# ---- voting checks ------------------------------------------------------------------------
# every verdict each voting check can give: tests/engines/test_check_verdicts.py
YEARS = range(2008, 2014)


def test_voting_checks_without_votes_raise_data_not_available(cb) -> None:
    from ujym.core.errors import DataNotAvailableError

    with pytest.raises(DataNotAvailableError, match="ujym data import"):
        run("C3", CheckData(cb))


def test_a_window_without_votes_is_insufficient(cb) -> None:
    data = CheckData(cb, votes=scenario(YEARS, {}))
    assert run("C47", data, Window("latest", 2030, 2032)).verdict == INSUFFICIENT


# ---- capability checks (COW NMC layout) ---------------------------------------------------
CSTO_2013 = {365: 0.039, 705: 0.003, 370: 0.002, 371: 0.0006, 702: 0.0004, 703: 0.0003}


def nmc(cinc: dict[int, float], milex: dict[int, float] | None = None, years=range(2011, 2014)):
    rows = [
        {"ccode": c, "year": y, "cinc": v, "milex": (milex or {}).get(c, v * 1e9), "milper": 10.0}
        for y, (c, v) in itertools.product(years, cinc.items())
    ]
    rows += [{"ccode": 704, "year": y, "cinc": 0.002, "milex": 2e6, "milper": 10.0} for y in years]
    return pd.DataFrame(rows)


def test_the_group_is_the_articles_subject_organisation(cb) -> None:
    # the same data with EurAsEC as the subject: Armenia (not a member) drops out of the group
    eurasec = cb.model_copy(
        update={"article": cb.article.model_copy(update={"subject": "EURASEC"})}
    )
    data = CheckData(eurasec, frames={"cow_nmc": nmc(CSTO_2013)})
    assert data.subject == "EURASEC"
    table = run("C9", data).table
    members = {365, 705, 370, 702, 703}  # RUS, KAZ, BLR, TJK, KGZ
    expected = CSTO_2013[365] / sum(CSTO_2013[c] for c in members)
    assert table["share_cinc"].tolist() == pytest.approx([expected] * 3)
    csto = run("C9", CheckData(cb, frames={"cow_nmc": nmc(CSTO_2013)})).table
    assert csto["share_cinc"].iloc[-1] == pytest.approx(CSTO_2013[365] / sum(CSTO_2013.values()))


@pytest.mark.parametrize(("tjk", "expected"), [(0.0, S), (1.0, M), (50.0, C)])
def test_c36_tajik_forces(cb, tjk, expected) -> None:
    from ujym.engines.checks.capabilities import POST_SOVIET

    rows = [{"ccode": c, "year": 1992, "milper": 5.0} for c in POST_SOVIET.values()]
    frame = pd.DataFrame(rows)
    frame.loc[frame["ccode"] == 702, "milper"] = tjk
    finding = run("C36", CheckData(cb, frames={"cow_nmc": frame}), Window("claim", 1991, 1993))
    assert finding.verdict == expected
    assert finding.figure == pytest.approx(5.0 - tjk) and finding.interval is not None
    assert finding.reference[0].reference == "post-soviet-others"


# ---- alliance check (ATOP layout) ---------------------------------------------------------
def atop(pairs: list[tuple[int, int]], years=range(2011, 2014)) -> pd.DataFrame:
    rows = [
        {"ccode1": a, "ccode2": b, "year": y, "atop_defense": 1}
        for y in years for a, b in pairs for a, b in ((a, b), (b, a))
    ]  # fmt: skip
    return pd.DataFrame(rows)


def _members(cb, org: str, year: int = 2012) -> list[int]:
    from ujym.engines.checks.groups import members_ccodes

    return members_ccodes(group_members(cb), org, year)


def test_c5_supported_when_only_csto_pairs_are_bound(cb) -> None:
    csto = {y: _members(cb, "CSTO", y) for y in range(2011, 2014)}
    frames = [atop(list(itertools.combinations(csto[y], 2)), [y]) for y in csto]
    finding = run("C5", CheckData(cb, frames={"atop_alliance": pd.concat(frames)}))
    assert finding.verdict == S
    assert finding.figures["coverage_csto"] == 1.0
    assert finding.figures["coverage_cis"] < 1.0


def test_c5_contradicted_when_every_cis_pair_is_bound(cb) -> None:
    frames = []
    for y in range(2011, 2014):
        bound = set(_members(cb, "CSTO", y)) | set(_members(cb, "CIS", y))
        frames.append(atop(list(itertools.combinations(sorted(bound), 2)), [y]))
    finding = run("C5", CheckData(cb, frames={"atop_alliance": pd.concat(frames)}))
    assert finding.verdict == C


def test_the_cis_has_ukraine_moldova_and_turkmenistan(cb) -> None:
    cis_2012 = set(cb.members_of("CIS", 2012))
    assert {"UKR", "MDA"} <= cis_2012
    assert "TKM" not in cis_2012  # an associate member (a tie) since 2005
    assert "TKM" in cb.members_of("CIS", 2004)
    assert "UKR" not in cb.members_of("CIS", 2019)


# ---- casebook checks ----------------------------------------------------------------------
@pytest.mark.parametrize(("claim", "expected"), [("C1", M)])
def test_casebook_checks(cb, claim, expected) -> None:
    assert run(claim, CheckData(cb)).verdict == expected
