"""Forecasts that explain themselves: inputs derived from data, the actor who decides, the report's
reading in kk/ru/en (``ujym forecast --list``: tests/cli/test_cli_forecast.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from _latin import latin_words
from ujym.engines.bargaining import ModelOptions, run_model
from ujym.engines.bargaining.explain import find_decider
from ujym.engines.bargaining.inputs import cinc_shares, vote_positions
from ujym.i18n import use_language
from ujym.pipeline.bargaining import simulate_bargaining
from ujym.reports.forecast_reading import reading
from ujym.reports.output import write_output
from ujym.sources.casebook import load_casebook
from ujym.sources.scenarios import ScenarioError, load_scenario

SHIPPED = ("csto-new-type", "crdf-internal-crisis", "outside-power-offer")
UN_CODES = {
    "RUS": "RU", "USA": "US", "CHN": "CN", "KAZ": "KZ", "KGZ": "KG", "TJK": "TJ", "ARM": "AM",
    "BLR": "BY",
}  # fmt: skip


def _inputs(sc):
    return tuple(
        np.array([getattr(a, f).value for a in sc.actors])
        for f in ("position", "capability", "salience")
    )


# ---- inputs derived from data ------------------------------------------------------------------
@pytest.mark.parametrize("name", SHIPPED)
def test_capabilities_are_the_stated_cinc_shares_of_cow_nmc_2012(shared_data, name):
    sc = load_scenario(name)
    cb = load_casebook()
    ccodes = {aid: cb.actor(aid).codes.ccode for aid in sc.ids}
    nmc = pd.read_parquet(shared_data / "ps_cow_nmc.parquet", columns=["ccode", "year", "cinc"])
    shares = cinc_shares(nmc, ccodes, 2012)
    for a in sc.actors:
        assert a.capability.value == pytest.approx(shares[a.id], abs=5e-7), a.id
        assert a.capability.evidence[0].label == "cow_nmc 6.0, variable cinc, year 2012"
    assert "cinc_shares" in sc.derivations["capability"].en


def test_outside_power_positions_are_the_stated_un_vote_mapping(shared_data):
    sc = load_scenario("outside-power-offer")
    votes = pd.read_parquet(shared_data / "unvotes_votes.parquet")
    calls = pd.read_parquet(shared_data / "unvotes_roll_calls.parquet", columns=["rcid", "session"])
    by_session = {
        session: vote_positions(votes, calls, session, UN_CODES, "RUS", "USA")
        for session in (66, 67, 68)
    }
    for a in sc.actors:
        assert a.position.value == pytest.approx(by_session[67][a.id].position, abs=0.0501), a.id
        assert by_session[67][a.id].roll_calls >= 79
        spread = [by_session[k][a.id].position for k in (66, 67, 68)]
        unc = a.position.uncertainty
        if a.id in ("RUS", "USA"):  # the anchors
            assert unc.kind == "fixed" and min(spread) == max(spread) == a.position.value
        else:
            assert (unc.low, unc.high) == pytest.approx((min(spread), max(spread)), abs=0.0501)
    # China votes with Russia far more often than with the USA (the file says so)
    assert by_session[67]["CHN"].position == pytest.approx(25.0, abs=0.0501)


def test_a_derivation_must_name_inputs_in_three_languages(tmp_path):
    from importlib import resources

    text = (resources.files("ujym") / "data" / "scenarios" / "csto-new-type.yaml").read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("derivation:\n  position:", "derivation:\n  votes:"), "utf-8")
    with pytest.raises(ScenarioError, match="`derivation` maps inputs"):
        load_scenario(bad)


# ---- the actor who decides ---------------------------------------------------------------------
ONE_DECIDES = pd.DataFrame(
    {"actor": ["A", "B", "C"], "capability": [8.0, 1.0, 1.0], "position": [80.0, 30.0, 40.0],
     "salience": [0.9, 0.6, 0.6]}
)  # fmt: skip
NONE_DECIDES = pd.DataFrame(
    {"actor": ["A", "B", "C", "D"], "capability": [1.0, 2.0, 2.0, 1.0],
     "position": [0.0, 30.0, 70.0, 100.0], "salience": [0.9, 0.5, 0.5, 0.9]}
)  # fmt: skip
"""The forecast is A's starting position, 0, but others starting elsewhere would change it."""


def test_the_computed_way_out_changes_the_outcome_when_applied():
    x, c, s = (ONE_DECIDES[k].to_numpy(float) for k in ("position", "capability", "salience"))
    opts = ModelOptions()
    d = find_decider(x, c, s, opts, (0.0, 100.0))
    assert d is not None and d.actor == 0 and d.outcome == 80.0
    assert d.others_at_ends == (80.0, 80.0)
    assert run_model(x, c, s, opts, 100.0).forecast[0] == 80.0
    # the others' capabilities × the factor move it; the factor is the first on the grid that does
    assert d.capability_factor is not None and d.capability_factor > 1
    c2 = np.where(np.arange(3) == 0, c, c * d.capability_factor)
    moved = run_model(x, c2, s, opts, 100.0).forecast[0]
    assert abs(moved - 80.0) > 1e-3 and moved == pytest.approx(d.changed_to)
    assert d.share_needed == pytest.approx(8 / (8 + 2 * d.capability_factor))
    # and so does the decider's salience at the computed level
    assert d.salience_needed is not None and d.salience_needed < 0.9
    s2 = s.copy()
    s2[0] = d.salience_needed
    assert abs(run_model(x, c, s2, opts, 100.0).forecast[0] - 80.0) > 1e-3


def test_the_report_says_who_decides_and_what_would_change_it(tmp_path):
    res = simulate_bargaining(ONE_DECIDES, runs=50, seed=1)
    assert res.decider is not None
    with use_language("en"):
        text = " ".join(reading(res, {"A": "A", "B": "B", "C": "C"}))
    assert "A alone decides the outcome" in text
    factor = f"{res.decider.capability_factor:.2f}"
    assert f"{factor} times larger" in text
    out = write_output(tmp_path / "f.html", "forecast", lang="en", result=res)
    page = out.read_text(encoding="utf-8")
    assert "A alone decides the outcome" in page and "Who moved to whom" in page


def test_the_report_says_when_no_single_actor_decides(tmp_path):
    res = simulate_bargaining(NONE_DECIDES, runs=50, seed=1)
    assert res.decider is None
    out = write_output(tmp_path / "f.html", "forecast", lang="en", result=res)
    assert "No single actor decides the outcome" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_scenarios_are_explained(name):
    res = simulate_bargaining(name, runs=40, seed=3)
    d = res.decider
    # today each shipped scenario is decided by one actor; the report must then say how to move it
    assert d is not None
    assert d.capability_factor is not None or d.salience_needed is not None


# ---- the reader's language ---------------------------------------------------------------------
@pytest.mark.parametrize("name", ["csto-new-type", "outside-power-offer"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_kk_and_ru_reports_have_no_latin_words(tmp_path, name, lang):
    res = simulate_bargaining(name, runs=40, seed=1)
    page = write_output(tmp_path / f"{lang}.html", "forecast", lang=lang, result=res).read_text(
        encoding="utf-8"
    )
    assert latin_words(page) == set()
    assert "Who moved to whom" not in page


def test_the_latin_check_can_fail():
    page = '<main><p>Болжам: position 80</p><span lang="en">Scholz</span></main>'
    assert latin_words(page) == {"position"}


def test_capabilities_are_recomputed_from_the_cached_cow_nmc(shared_data):
    from ujym.sources.datasets import import_file

    before = simulate_bargaining("csto-new-type", runs=20, seed=1)
    assert before.summary["capabilities_from_cache"] is None  # an empty cache: the stated values
    import_file("cow_nmc", shared_data / "ps_cow_nmc.parquet")
    after = simulate_bargaining("csto-new-type", runs=20, seed=1)
    note = after.summary["capabilities_from_cache"]
    assert note is not None and "2012" in note and "cow_nmc" in note
    for a, b in zip(before.scenario.actors, after.scenario.actors, strict=True):
        assert b.capability.value == pytest.approx(a.capability.value, abs=5e-7)
        assert b.capability.uncertainty.sd == pytest.approx(a.capability.uncertainty.sd, abs=5e-7)
    assert after.summary["forecast"] == before.summary["forecast"]
    from ujym.core.provenance import provenance_of

    assert provenance_of(after.rounds).details["derived"] == note
