"""Every verdict each data check's rule can give, on constructed data whose answer is known.

A check that cannot fail is a failing test (issue 10): for each check there is data on which
it says ``supported``, data on which it says ``contradicted``, data on which its decisive
interval straddles the boundary (``inconclusive``) and data it cannot judge (``insufficient``).

The vote panels are built so the figures are known: each year has ``N`` roll calls on which
Russia votes yes and the West (the USA and the EU core) votes no; a state with West share ``w``
votes with the West on a seeded random ``w`` of them and with Russia on the rest. Its Voeten
agreement is then about ``1 − w`` with Russia and ``w`` with the West.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from ujym.core.claims import ClaimStatus
from ujym.core.votes import VoteMatrix
from ujym.engines.checks import CheckData, Window, checks
from ujym.engines.checks.inference import (
    MAX_DISCRIMINATION,
    interval,
    margin_verdict,
    ratio_replicates,
    resampling_weights,
)
from ujym.pipeline.checks import group_members
from ujym.sources.casebook import load_casebook

S, C, INC, INS = (
    ClaimStatus.SUPPORTED,
    ClaimStatus.CONTRADICTED,
    ClaimStatus.INCONCLUSIVE,
    ClaimStatus.INSUFFICIENT_DATA,
)
RUS, USA, CHN = 365, 2, 710
EU = (220, 255, 325, 200)
MEMBERS = {"ARM": 371, "BLR": 370, "KAZ": 705, "KGZ": 703, "TJK": 702}
POST_SOVIET = (372, 373, 359, 369)
OUTSIDERS = tuple(range(900, 940))
YEARS = range(2008, 2014)
ARTICLE = Window("article", 2011, 2013)
N = 40


@pytest.fixture(scope="module")
def cb():
    return load_casebook()


def run(claim: str, data: CheckData, window: Window = ARTICLE):
    """Run ``claim``'s check; data built by hand get the casebook's members (as the pipeline)."""
    if not data.members.by_year:
        data = replace(data, members=group_members(data.casebook))
    return checks()[claim].run(data, window)


def panel(shares: dict[int, float | tuple[float, float]], *, china: float = 0.0, seed: int = 0):
    """A vote matrix: state → its West share (or (before 2011, from 2011)); see the module doc.

    China votes with the West on the first ``china`` share of each year's roll calls; a state
    whose share is given as ``("china", x)`` is not used here (see :func:`china_panel`).
    """
    rng = np.random.default_rng(seed)
    states = sorted({RUS, USA, CHN, *EU, *shares})
    cols = []
    for year in YEARS:
        block = np.full((len(states), N), 1, dtype=np.int8)
        for i, c in enumerate(states):
            if c in (USA, *EU):
                block[i] = 3
            elif c == CHN:
                block[i, : int(china * N)] = 3
            elif c in shares:
                w = shares[c]
                share = (w[0] if year < 2011 else w[1]) if isinstance(w, tuple) else w
                west = rng.permutation(N) < round(share * N)
                block[i, west] = 3
        cols.append(block)
    n_years = len(YEARS)
    return VoteMatrix(
        ccodes=np.array(states, dtype=np.int16),
        rcids=np.arange(1, N * n_years + 1, dtype=np.int32),
        votes=np.concatenate(cols, axis=1),
        session=np.repeat(np.arange(n_years) + 60, N).astype(np.int16),
        year=np.repeat(np.array(list(YEARS)), N).astype(np.int16),
        important=np.zeros(N * n_years, dtype=bool),
    )


def spread(values, states=OUTSIDERS) -> dict[int, float]:
    """Outsiders' West shares cycling through ``values``."""
    return {c: v for c, v in zip(states, itertools.cycle(values), strict=False)}


def data(cb, shares, **kw) -> CheckData:
    return CheckData(cb, votes=panel(shares, **kw))


def members(value: float, **overrides: float) -> dict[int, float]:
    out = {c: value for c in MEMBERS.values()}
    out.update({MEMBERS[k]: v for k, v in overrides.items()})
    return out


# ---- the inference helpers ----------------------------------------------------------------
def test_the_bootstrap_is_seeded_and_keeps_strata() -> None:
    a = resampling_weights(10, replicates=50, seed=3, strata=[0] * 4 + [1] * 6)
    b = resampling_weights(10, replicates=50, seed=3, strata=[0] * 4 + [1] * 6)
    assert (a == b).all()
    assert (a[:, :4].sum(axis=1) == 4).all() and (a[:, 4:].sum(axis=1) == 6).all()
    assert not (a == resampling_weights(10, replicates=50, seed=4)).all()


def test_a_ratio_bootstrap_matches_a_loop() -> None:
    rng = np.random.default_rng(0)
    num, den = rng.random((3, 30)), np.ones((3, 30))
    w = resampling_weights(30, replicates=20, seed=1)
    _point, reps = ratio_replicates(num, den, w)
    for r in range(20):
        drawn = np.repeat(np.arange(30), w[r].astype(int))
        assert reps[r] == pytest.approx(num[:, drawn].mean(axis=1))


@pytest.mark.parametrize(
    ("values", "expected"),
    [([0.1, 0.2, 0.3], S), ([-0.1, -0.2, -0.3], C), ([-0.2, 0.1, 0.3, -0.1], INC)],
)
def test_margin_verdicts(values, expected) -> None:
    x = np.array(values)
    w = resampling_weights(x.size, replicates=400, seed=2)
    reps = (w @ x) / x.size
    assert margin_verdict(float(x.mean()), interval(reps)) == expected


# ---- C47: every member sides with Russia more than the median UN member -------------------
def test_c47_supported_contradicted_inconclusive(cb) -> None:
    outsiders = spread([0.0, 0.2, 0.4, 0.6, 0.8]) | dict.fromkeys(POST_SOVIET, 0.7)
    supported = run("C47", data(cb, members(0.0) | outsiders))
    assert supported.verdict == S, supported.figures
    assert supported.discrimination is not None
    assert supported.discrimination <= MAX_DISCRIMINATION
    assert {r.reference for r in supported.reference} == {
        "un-members", "random-groups", "post-soviet-others",
    }  # fmt: skip
    assert supported.interval is not None and supported.interval.low > 0
    assert run("C47", data(cb, members(0.0, KAZ=0.9) | outsiders)).verdict == C
    at_median = members(0.4) | spread([0.0, 0.2, 0.4, 0.6, 0.8]) | dict.fromkeys(POST_SOVIET, 0.4)
    assert run("C47", data(cb, at_median)).verdict == INC


def test_c47_cannot_support_when_the_rule_passes_for_most_of_a_reference_set(cb) -> None:
    # the post-Soviet non-members side with Russia as much as the members: the named set passes
    outsiders = spread([0.0, 0.2, 0.4, 0.6, 0.8]) | dict.fromkeys(POST_SOVIET, 0.0)
    finding = run("C47", data(cb, members(0.0) | outsiders))
    assert finding.verdict == INC
    assert finding.discrimination == 1.0
    assert finding.reference_set == "post-soviet-others"  # the set the reader is shown
    assert "1 of 1 of the reference set" in (finding.note or "")


def test_c47_insufficient_without_split_roll_calls(cb) -> None:
    m = panel(members(0.0) | spread([0.0, 0.5]))
    m.votes[m.ccodes.tolist().index(USA)] = 1  # the USA votes as Russia: no split
    assert run("C47", CheckData(cb, votes=m)).verdict == INS


# ---- C12, C18, C30: one member against the UN members -------------------------------------
WIDE = spread([0.0, 0.1, 0.2, 0.3, 0.7, 0.8, 0.9, 1.0])


@pytest.mark.parametrize(
    ("claim", "state", "value", "expected"),
    [
        ("C12", "ARM", 0.5, S), ("C12", "ARM", 0.0, C),
        ("C18", "BLR", 0.0, S), ("C18", "BLR", 0.9, C),
        ("C30", "KAZ", 0.9, S), ("C30", "KAZ", 0.0, C),
    ],
)  # fmt: skip
def test_west_checks_supported_and_contradicted(cb, claim, state, value, expected) -> None:
    others = {k: 0.05 for k in MEMBERS if k != state}
    finding = run(claim, data(cb, members(0.0, **others, **{state: value}) | WIDE))
    assert finding.verdict == expected, (claim, finding.figures, finding.interval)
    assert finding.interval is not None and finding.interval.replicates == 1000
    assert finding.discrimination is not None and finding.discrimination <= MAX_DISCRIMINATION


@pytest.mark.parametrize(("claim", "state"), [("C12", "ARM"), ("C18", "BLR"), ("C30", "KAZ")])
def test_west_checks_inconclusive_at_the_threshold(cb, claim, state) -> None:
    # every UN member alike: the member sits on the threshold, the interval straddles it
    same = dict.fromkeys(OUTSIDERS, 0.3)
    finding = run(claim, data(cb, members(0.3) | same))
    assert finding.verdict == INC, (claim, finding.figure, finding.interval)


# ---- C38: a difference in differences -----------------------------------------------------
def china_panel(tjk_before: bool, tjk_window: bool) -> VoteMatrix:
    """China votes with the West on the first 30 % of each year's roll calls; Tajikistan does
    the same before 2011 (``tjk_before``) and/or from 2011 (``tjk_window``), else as Russia."""
    m = panel(members(0.0) | spread([0.0, 0.3, 0.6]), china=0.3)
    row = m.ccodes.tolist().index(MEMBERS["TJK"])
    first = np.tile(np.arange(N) < int(0.3 * N), len(YEARS))
    window = m.year >= 2011
    m.votes[row] = 1
    m.votes[row, first & ~window] = 3 if tjk_before else 1
    m.votes[row, first & window] = 3 if tjk_window else 1
    return m


@pytest.mark.parametrize(
    ("before", "after", "expected"), [(False, True, S), (True, False, C), (True, True, INC)]
)
def test_c38_verdicts(cb, before, after, expected) -> None:
    finding = run("C38", CheckData(cb, votes=china_panel(before, after)))
    assert finding.verdict == expected, (finding.figures, finding.interval)
    assert finding.discrimination is not None and finding.discrimination <= MAX_DISCRIMINATION


# ---- C45: topical roll calls only ---------------------------------------------------------
def topical(m: VoteMatrix, n: int | None = None) -> pd.DataFrame:
    labels = ["Measures to eliminate international terrorism"] * m.rcids.size
    if n is not None:
        labels = [t if (i % N) < n else "Other" for i, t in enumerate(labels)]
    return pd.DataFrame({"rcid": m.rcids, "short": labels})


def test_c45_verdicts_and_insufficient(cb) -> None:
    outsiders = spread([0.0, 0.25, 0.5, 0.75, 1.0])
    m = panel(members(0.0) | outsiders)
    ok = run("C45", CheckData(cb, votes=m, frames={"unga_roll_calls": topical(m)}))
    assert ok.verdict == S, ok.figures
    assert ok.discrimination is not None and ok.discrimination <= MAX_DISCRIMINATION
    split = members(0.0, ARM=1.0, KAZ=1.0) | dict.fromkeys(OUTSIDERS, 0.0)
    m = panel(split)
    bad = run("C45", CheckData(cb, votes=m, frames={"unga_roll_calls": topical(m)}))
    assert bad.verdict == C, bad.figures
    m = panel(members(0.0) | outsiders)
    few = run("C45", CheckData(cb, votes=m, frames={"unga_roll_calls": topical(m, 1)}))
    assert few.verdict == INS  # 3 topical roll calls in 2011–2013: never all roll calls
    assert "at least 5" in (few.note or "")


def test_c45_inconclusive_when_members_agree_like_everyone(cb) -> None:
    m = panel(dict.fromkeys([*MEMBERS.values(), *OUTSIDERS], 0.5), seed=5)
    finding = run("C45", CheckData(cb, votes=m, frames={"unga_roll_calls": topical(m)}))
    assert finding.verdict == INC, (finding.figure, finding.interval)


# ---- C3: members voting against each other, against random groups ------------------------
def test_c3_verdicts(cb) -> None:
    alike = dict.fromkeys(OUTSIDERS, 0.0)
    split = run("C3", data(cb, members(0.0, ARM=0.5, KAZ=0.5) | alike))
    assert split.verdict == S, split.figures
    same = run("C3", data(cb, members(0.0) | spread([0.0, 0.5, 1.0])))
    assert same.verdict == C
    middling = run("C3", data(cb, dict.fromkeys([*MEMBERS.values(), *OUTSIDERS], 0.5)))
    assert middling.verdict == INC, (middling.figure, middling.interval)


# ---- capabilities: C9, C20, C21 -----------------------------------------------------------
CSTO = {365: 0.039, 705: 0.003, 370: 0.002, 371: 0.0006, 702: 0.0004, 703: 0.0003}


def nmc(cinc_by_year: dict[int, dict[int, float]], *, milper=None, outsiders: int = 60):
    rows = []
    for year, cinc in cinc_by_year.items():
        for c, v in cinc.items():
            troops = (milper or {}).get(c, 10.0)
            troops = troops[year] if isinstance(troops, dict) else troops
            rows.append({"ccode": c, "year": year, "cinc": v, "milex": v * 1e9, "milper": troops})
        rows += [
            {"ccode": 1000 + i, "year": year, "cinc": 0.002, "milex": 2e6, "milper": 20.0}
            for i in range(outsiders)
        ]
        rows.append({"ccode": 704, "year": year, "cinc": 0.002, "milex": 2e6, "milper": 10.0})
    return pd.DataFrame(rows)


def every_year(cinc: dict[int, float]) -> dict[int, dict[int, float]]:
    return dict.fromkeys(ARTICLE.years, cinc)


def test_c9_verdicts(cb) -> None:
    ok = run("C9", CheckData(cb, frames={"cow_nmc": nmc(every_year(CSTO))}))
    assert ok.verdict == S and ok.discrimination is not None and ok.discrimination <= 0.5
    small = run("C9", CheckData(cb, frames={"cow_nmc": nmc(every_year({**CSTO, 365: 0.001}))}))
    assert small.verdict == C
    rest = sum(v for c, v in CSTO.items() if c != 365)
    around = {2011: {**CSTO, 365: rest * 0.8}, 2012: {**CSTO, 365: rest * 1.5},
              2013: {**CSTO, 365: rest * 0.9}}  # fmt: skip
    assert run("C9", CheckData(cb, frames={"cow_nmc": nmc(around)})).verdict == INC


def test_c9_needs_both_measures_and_says_which_is_missing(cb) -> None:
    frame = nmc(every_year(CSTO))
    frame.loc[(frame["ccode"] == 370) & (frame["year"] >= 2012), "milex"] = np.nan
    finding = run("C9", CheckData(cb, frames={"cow_nmc": frame}))
    assert finding.verdict == INS
    assert "BLR 2012" in (finding.note or "") and "BLR 2013" in (finding.note or "")


def test_c9_reads_the_nearest_earlier_years_with_both_measures_and_says_so(cb) -> None:
    frame = nmc(dict.fromkeys(range(2008, 2014), CSTO))
    frame.loc[(frame["ccode"] == 370) & (frame["year"] >= 2012), "milex"] = np.nan
    frame.loc[(frame["ccode"] == 370) & (frame["year"] == 2009), "milex"] = np.nan
    finding = run("C9", CheckData(cb, frames={"cow_nmc": frame}))
    assert finding.verdict == S and finding.figures["years_used"] == "2010, 2011"
    assert "BLR 2012" in (finding.note or "") and "2010, 2011" in (finding.note or "")
    assert finding.n_units == 2  # the years read, never a year without milex
    frame.loc[frame["ccode"] == 365, "cinc"] = 0.001  # Russia carries little: the same years fail
    assert run("C9", CheckData(cb, frames={"cow_nmc": frame})).verdict == C


def pwt(gdp: dict[int, float]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"ccode": c, "year": y, "rgdpe": v} for y in ARTICLE.years for c, v in gdp.items()]
    )


GDP = {365: 3000.0, 705: 400.0, 370: 150.0, 371: 25.0, 702: 20.0, 703: 18.0, 704: 150.0}


def test_c20_verdicts(cb) -> None:
    troops = {705: 60.0, 370: 40.0, 365: 900.0}
    frames = {"cow_nmc": nmc(every_year(CSTO), milper=troops), "pwt91": pwt(GDP)}
    ok = run("C20", CheckData(cb, frames=frames))
    assert ok.verdict == S, ok.figures
    beaten = {705: 49.0, 370: 73.0, 365: 900.0}  # Belarus has more troops (COW 2011–12)
    frames = {"cow_nmc": nmc(every_year(CSTO), milper=beaten), "pwt91": pwt(GDP)}
    bad = run("C20", CheckData(cb, frames=frames))
    assert bad.verdict == C and bad.figures["median_rank_troops"] > 2
    swing = {705: {2011: 30.0, 2012: 60.0, 2013: 32.0}, 370: 40.0, 365: 900.0}
    frames = {"cow_nmc": nmc(every_year(CSTO), milper=swing), "pwt91": pwt(GDP)}
    assert run("C20", CheckData(cb, frames=frames)).verdict == INC
    frames = {"cow_nmc": nmc(every_year(CSTO), milper=troops), "pwt91": pwt({365: 1.0})}
    assert run("C20", CheckData(cb, frames=frames)).verdict == INS


@pytest.mark.parametrize(
    ("troops", "expected"),
    [({2011: 77.0, 2012: 75.0, 2013: 79.0}, S), ({2011: 49.0, 2012: 49.0, 2013: 39.0}, C),
     ({2011: 60.0, 2012: 77.0, 2013: 92.0}, INC)],
)  # fmt: skip
def test_c21_verdicts(cb, troops, expected) -> None:
    frame = nmc(every_year(CSTO), milper={705: troops})
    finding = run("C21", CheckData(cb, frames={"cow_nmc": frame}))
    assert finding.verdict == expected, (finding.figure, finding.interval)
    assert finding.discrimination is not None and finding.discrimination <= 0.5


def test_c21_insufficient_without_kazakhstan(cb) -> None:
    frame = nmc(every_year(CSTO))
    frame = frame[frame["ccode"] != 705]
    assert run("C21", CheckData(cb, frames={"cow_nmc": frame})).verdict == INS


# ---- C11 and C22: one member against the UN members (votes) -------------------------------
@pytest.mark.parametrize(
    ("claim", "state", "value", "others", "expected"),
    [
        ("C11", "ARM", 0.0, 0.5, S), ("C11", "ARM", 0.9, 0.5, C),
        ("C11", "ARM", 0.0, 0.0, INC),  # every member as close to Russia: not Armenia's trait
        ("C22", "KAZ", 0.5, 0.05, S), ("C22", "KAZ", 0.0, 0.05, C),
    ],
)  # fmt: skip
def test_c11_and_c22(cb, claim, state, value, others, expected) -> None:
    rest = {k: others for k in MEMBERS if k != state}
    finding = run(claim, data(cb, members(0.0, **rest, **{state: value}) | WIDE))
    assert finding.verdict == expected, (claim, finding.figure, finding.interval, finding.note)


# ---- peace-science checks: C14, C16, C31, C32, C33, C37, C40 ------------------------------
STATES = list(range(1000, 1040))


def states_nmc(years=range(2008, 2014)) -> pd.DataFrame:
    codes = [*STATES, *MEMBERS.values(), RUS, 373]
    return pd.DataFrame([{"ccode": c, "year": y, "cinc": 0.001} for y in years for c in codes])


def contiguity(pairs) -> pd.DataFrame:
    return pd.DataFrame(
        [{"ccode1": a, "ccode2": b, "conttype": 1, "stdate": "1991-12-01",
          "enddate": "2016-12-01"} for a, b in pairs]
    )  # fmt: skip


def test_c32(cb) -> None:
    both = contiguity([(703, 702), (703, 704), (703, 705)])
    assert run("C32", CheckData(cb, frames={"cow_contdir": both})).verdict == S
    one = contiguity([(703, 702), (703, 705)])
    assert run("C32", CheckData(cb, frames={"cow_contdir": one})).verdict == C


def rivalries(rows) -> pd.DataFrame:
    return pd.DataFrame(
        [{"rivalryno": i, "rivalryname": n, "ccode1": a, "ccode2": b, "styear": s, "endyear": e,
          "region": "", "type1": "spatial", "type2": None, "type3": None}
         for i, (n, a, b, s, e) in enumerate(rows)]
    )  # fmt: skip


def test_c14(cb) -> None:
    window = Window("claim", 2010, 2010)
    frames = {"td_rivalries": rivalries([("Armenia-Azerbaijan", 371, 373, 1991, 2010)]),
              "cow_nmc": states_nmc()}  # fmt: skip
    finding = run("C14", CheckData(cb, frames=frames), window)
    assert finding.verdict == S and finding.discrimination is not None
    frames["td_rivalries"] = rivalries([("Armenia-Azerbaijan", 371, 373, 2005, 2010)])
    assert run("C14", CheckData(cb, frames=frames), window).verdict == C  # not entrenched
    every = [("x", c, c + 1, 1950, 2010) for c in STATES[::2]]
    frames["td_rivalries"] = rivalries([("Armenia-Azerbaijan", 371, 373, 1991, 2010), *every])
    assert run("C14", CheckData(cb, frames=frames), window).verdict == INC  # most states too


def conflicts(codes, years=range(2008, 2014)) -> pd.DataFrame:
    return pd.DataFrame(
        [{"conflict_id": i, "year": y, "side": "a", "ccode": c} for i, c in enumerate(codes)
         for y in years], columns=["conflict_id", "year", "side", "ccode"],
    )  # fmt: skip


def test_c16(cb) -> None:
    frames = {"ucdp_acd": conflicts(STATES[:30]), "cow_nmc": states_nmc()}
    assert run("C16", CheckData(cb, frames=frames)).verdict == S
    frames["ucdp_acd"] = conflicts([*STATES[:30], 370])
    assert run("C16", CheckData(cb, frames=frames)).verdict == C
    frames["ucdp_acd"] = conflicts(STATES[:5])  # most states are at peace: not Belarus's trait
    assert run("C16", CheckData(cb, frames=frames)).verdict == INC


def leaders(irregular: dict[int, list[int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"ccode": c, "leader": f"L{c}-{y}", "startdate": f"{y - 1}-01-01",
          "enddate": f"{y}-06-01", "exit": "Irregular"} for c, ys in irregular.items() for y in ys]
        + [{"ccode": 365, "leader": "x", "startdate": "1991-01-01", "enddate": "2013-12-31",
            "exit": "Regular"}]
    )  # fmt: skip


def test_c31(cb) -> None:
    calm = conflicts([], years=[])
    unstable = {703: [1995, 2000, 2005, 2010, 2012, 2013, 1998, 1993], 371: [1998]}
    frames = {"archigos": leaders(unstable), "ucdp_acd": calm}
    assert run("C31", CheckData(cb, frames=frames)).verdict == S
    busy = [1992, 1995, 1998, 2001, 2004, 2007, 2010, 2013]
    frames = {"archigos": leaders(dict.fromkeys([371, 373, 372, 702, 369, 359, 366], busy)),
              "ucdp_acd": calm}  # fmt: skip
    assert run("C31", CheckData(cb, frames=frames)).verdict == C


def test_c33_and_c37(cb) -> None:
    igo = pd.DataFrame(
        [{"ccode": c, "year": y, "sum_igo_full": 40 + (c % 30)} for y in range(2011, 2014)
         for c in [*STATES, *MEMBERS.values()]]
    )  # fmt: skip
    igo.loc[igo["ccode"] == 703, "sum_igo_full"] = 90
    assert run("C33", CheckData(cb, frames={"cow_igo_sy": igo})).verdict == S
    igo.loc[igo["ccode"] == 703, "sum_igo_full"] = 10
    assert run("C33", CheckData(cb, frames={"cow_igo_sy": igo})).verdict == C
    pwt = pd.DataFrame(
        [{"ccode": c, "year": y, "rgdpe": 1000.0 + 50 * (c % 40), "pop": 1.0}
         for y in range(2011, 2014) for c in [*STATES, *MEMBERS.values()]]
    )  # fmt: skip
    pwt.loc[pwt["ccode"] == 702, "rgdpe"] = 500.0
    assert run("C37", CheckData(cb, frames={"pwt91": pwt})).verdict == S
    pwt.loc[pwt["ccode"] == 702, "rgdpe"] = 5000.0
    assert run("C37", CheckData(cb, frames={"pwt91": pwt})).verdict == C


def atop_pairs(pairs, years=range(2011, 2014)) -> pd.DataFrame:
    return pd.DataFrame(
        [{"ccode1": x, "ccode2": y, "year": t, "atop_defense": 1} for t in years
         for a, b in pairs for x, y in ((a, b), (b, a))]
    )  # fmt: skip


def test_c40(cb) -> None:
    others = [(c, c + 1) for c in STATES[::2]]
    frames = {"atop_alliance": atop_pairs([(702, 365), *others])}
    assert run("C40", CheckData(cb, frames=frames)).verdict == S
    frames = {"atop_alliance": atop_pairs([(702, 365), (702, 2), *others])}
    assert run("C40", CheckData(cb, frames=frames)).verdict == C


# ---- C46: members' militarised disputes with their neighbours -----------------------------
MID_WINDOW = Window("latest", 2006, 2010)
MEMBER_PAIRS = [(365, 370), (371, 373), (703, 702), (704, 705), (365, 705)]
STATE_PAIRS = [(a, a + 1) for a in STATES[::2]]


def mid_frames(member_years, state_pairs, years=range(2006, 2011)) -> dict[str, pd.DataFrame]:
    """MIDs between the members' neighbour pairs in ``member_years`` and between the outsiders'
    pairs ``state_pairs`` every year; every pair is a land border."""
    rows = [(a, b, y) for a, b in MEMBER_PAIRS for y in member_years]
    rows += [(a, b, y) for a, b in state_pairs for y in years]
    mids = pd.DataFrame(
        [{"dispnum": i, "ccode1": x, "ccode2": z, "year": y}
         for i, (a, b, y) in enumerate(rows) for x, z in ((a, b), (b, a))]
        + [{"dispnum": -1, "ccode1": 2, "ccode2": 20, "year": y} for y in years],
        columns=["dispnum", "ccode1", "ccode2", "year"],
    )  # fmt: skip
    return {"gml_dirdisp": mids, "cow_contdir": contiguity([*MEMBER_PAIRS, *STATE_PAIRS]),
            "cow_nmc": states_nmc(range(2006, 2011))}  # fmt: skip


def test_c46_verdicts(cb) -> None:
    found = run("C46", CheckData(cb, frames=mid_frames(range(2006, 2011), [])), MID_WINDOW)
    assert found.verdict == S and found.discrimination is not None
    assert found.discrimination <= 0.5 and found.interval is not None
    assert found.figures["members_share"] > found.figures["states_share"]
    calm = run("C46", CheckData(cb, frames=mid_frames([], STATE_PAIRS[:12])), MID_WINDOW)
    assert calm.verdict == C
    # the members fight every year, but so do 38 of the 40 outsiders: most random groups pass too
    everyone = mid_frames(range(2006, 2011), STATE_PAIRS[:19])
    common = run("C46", CheckData(cb, frames=everyone), MID_WINDOW)
    assert common.verdict == INC and (common.discrimination or 0) > MAX_DISCRIMINATION
    # the members fight in two of five years: above the states' share on average, not every year
    some = run("C46", CheckData(cb, frames=mid_frames([2006, 2008], STATE_PAIRS[:6])), MID_WINDOW)
    assert some.verdict == INC and some.interval is not None and some.interval.straddles(0.0)


def test_c46_insufficient_outside_the_mid_years(cb) -> None:
    frames = mid_frames(range(2006, 2011), STATE_PAIRS[:3])
    finding = run("C46", CheckData(cb, frames=frames), ARTICLE)
    assert finding.verdict == INS and finding.figure is None


# ---- C15: Armenia against Georgia and Azerbaijan ------------------------------------------
ARM, GEO, AZE = 371, 372, 373
CAUCASUS_OTHERS = (359, 369, 370, 705)  # Moldova, Ukraine, Belarus, Kazakhstan


def caucasus(
    cb,
    *,
    west: dict[int, float] | None = None,
    strength: dict[int, tuple[float, float]] | None = None,
    fighting: tuple[int, ...] = (GEO, AZE),
    outsiders: tuple[float, float, float] = (0.002, 20.0, 0.9),
    acd_years=range(2008, 2014),
) -> CheckData:
    """Votes, capabilities and armed conflicts for C15.

    ``west``: West shares (balance is best at 0.5); ``strength``: (CINC, troops) per state;
    ``fighting``: primary parties of an armed conflict every year; ``outsiders``: the other
    states' (CINC, troops, West share).
    """
    cinc, troops, share = outsiders
    shares = {ARM: 0.5, GEO: 0.9, AZE: 0.1, **dict.fromkeys(CAUCASUS_OTHERS, 0.05)}
    shares |= dict.fromkeys(STATES, share) | (west or {})
    power = {ARM: (0.003, 60.0), GEO: (0.001, 20.0), AZE: (0.002, 40.0)} | (strength or {})
    nmc = pd.DataFrame(
        [{"ccode": c, "year": y, "cinc": power.get(c, (cinc, troops))[0],
          "milper": power.get(c, (cinc, troops))[1]}
         for y in range(2008, 2014) for c in [*shares, RUS, USA, CHN, *EU]]
    )  # fmt: skip
    acd = conflicts(fighting, years=acd_years)
    return CheckData(cb, votes=panel(shares), frames={"cow_nmc": nmc, "ucdp_acd": acd})


def test_c15_supported_when_armenia_leads_both_in_every_part(cb) -> None:
    found = run("C15", caucasus(cb))
    assert found.verdict == S, (found.figures, found.note)
    assert {r.reference for r in found.reference} == {"post-soviet-others", "states"}
    assert found.discrimination is not None and found.discrimination <= MAX_DISCRIMINATION
    assert found.interval is not None and found.interval.low > 0
    assert found.interval.replicates == 1000 and found.interval.resampled == "roll calls and years"
    assert found.figures["geo_conflict_years"] == 3 and found.figures["arm_conflict_years"] == 0
    assert found.table is not None and list(found.table["state"]) == ["ARM", "GEO", "AZE"]


def test_c15_contradicted_when_armenia_leads_in_no_part(cb) -> None:
    weak = caucasus(cb, west={ARM: 1.0}, strength={ARM: (0.0005, 10.0)}, fighting=(ARM, GEO, AZE))
    found = run("C15", weak)
    assert found.verdict == C, (found.figures, found.note)
    assert "behind in: balance, capabilities" in (found.note or "")
    assert "undecided in: security" in (found.note or "")


def test_c15_mixed_when_parts_disagree(cb) -> None:
    found = run("C15", caucasus(cb, strength={ARM: (0.0005, 10.0)}))  # balanced, at peace, weakest
    assert found.verdict == ClaimStatus.MIXED, (found.figures, found.note)
    assert found.figure is not None and found.figure < 0  # the smallest part: capabilities


def test_c15_inconclusive_on_a_tie_or_when_most_states_pass(cb) -> None:
    calm = run("C15", caucasus(cb, fighting=(900,)))  # nobody of the three fights: no advantage
    assert calm.verdict == INC and calm.figures["security_margin"] == 0.0, calm.figures
    # every outsider is stronger, balanced and at peace: leading GEO and AZE is common
    common = run("C15", caucasus(cb, outsiders=(0.01, 100.0, 0.5)))
    assert common.verdict == INC, (common.figures, common.note)
    assert common.reference_set == "states" and (common.discrimination or 0) > MAX_DISCRIMINATION
    assert "of the reference set" in (common.note or "")


def test_c15_insufficient_below_its_minimum_of_evidence(cb) -> None:
    no_acd = run("C15", caucasus(cb, acd_years=range(2000, 2005)))  # UCDP ends before the window
    assert no_acd.verdict == INS and no_acd.figure is None
    data = caucasus(cb)
    nmc = data.frames["cow_nmc"]
    nmc.loc[(nmc["ccode"] == AZE) & (nmc["year"] >= 2012), "milper"] = np.nan
    thin = run("C15", data)
    assert thin.verdict == INS and "years with CINC and troops" in (thin.note or "")
    absent = caucasus(cb)
    assert absent.votes is not None
    absent.votes.votes[absent.votes.ccodes.tolist().index(ARM)] = 8  # Armenia absent throughout
    silent = run("C15", absent)
    assert silent.verdict == INS and "no UN votes" in (silent.note or "")
