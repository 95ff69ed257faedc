"""The published EU example, round by round: the ``scholz2011`` preset against the paper's print.

Scholz, Calbert & Smith (2011) print the median and mean after rounds 1–8 (reproduced in
``../shared/reference/README.md``, read here). The preset matches every printed value within 0.1
except the median after round 2: the paper prints 9.9, the code behind the paper gives 9.61
(docs/bargaining.md, *Replication*) — that one is pinned to the code's value instead.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from ujym.engines.bargaining import RAN_ALL_ROUNDS, play_round, preset, run_model


def _row(readme: str, label: str) -> list[float]:
    line = next(ln for ln in readme.splitlines() if ln.startswith(f"| {label} |"))
    return [float(v) for v in re.findall(r"\d+\.\d+", line)]


@pytest.fixture(scope="module")
def published(reference_dir):
    text = (reference_dir / "README.md").read_text(encoding="utf-8")
    return {
        "median": _row(text, "median, paper"),
        "mean": _row(text, "mean, paper"),
        "median_code": _row(text, "median, Scholz-code reading"),
        "mean_code": _row(text, "mean, Scholz-code reading"),
    }


@pytest.fixture(scope="module")
def eu(reference_dir):
    df = pd.read_csv(reference_dir / "bdm_eu_emissions_example.csv")
    return (
        df.position.to_numpy(float),
        df.capability.to_numpy(float),
        df.salience.to_numpy(float) / 100,
    )


def test_the_reference_table_is_read(published):
    assert published["median"] == [8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6]
    assert len(published["mean"]) == len(published["median_code"]) == 8


@pytest.mark.parametrize("kernel", ["fast", "reference"])
def test_scholz2011_reproduces_the_published_rounds(eu, published, kernel):
    x, c, s = eu
    tr = run_model(x, c, s, preset("scholz2011", rounds=8, kernel=kernel), 6.0)
    assert tr.status[0] == RAN_ALL_ROUNDS and tr.rounds[0] == 8
    medians, means = tr.medians[1:9, 0], tr.means[1:9, 0]
    for t in range(8):
        assert means[t] == pytest.approx(published["mean"][t], abs=0.1), f"mean, round {t + 1}"
        if t == 1:  # the documented exception: the print says 9.9, the paper's code 9.61
            assert medians[t] == pytest.approx(published["median_code"][t], abs=0.005)
            assert abs(medians[t] - published["median"][t]) > 0.1
        else:
            assert medians[t] == pytest.approx(published["median"][t], abs=0.1), f"round {t + 1}"
    # and to two decimals, the code behind the paper
    np.testing.assert_allclose(medians, published["median_code"], atol=0.005)
    np.testing.assert_allclose(means, published["mean_code"], atol=0.005)


def test_compromise_by_strongest_proposer_reproduces_them_too(eu, published):
    # the paper's own words for the choice ("concede to the actor with highest expected
    # utility") give the same path as the code's lowest weighted position on this example
    x, c, s = eu
    opts = preset("scholz2011", rounds=8, compromise_choice="strongest")
    tr = run_model(x, c, s, opts, 6.0)
    np.testing.assert_allclose(tr.medians[1:9, 0], published["median_code"], atol=0.005)


@pytest.mark.parametrize(
    ("change", "round_off"),
    [
        ({"probability": "pair"}, 1),  # each pair's own vote sum: 7 after round 1, a fixed point
        ({"risk_exponent": "proposer"}, 1),  # the proposer's exponent: 8.78 after round 1
        ({"offer_choice": "strongest"}, 4),  # strongest offer first: 7.03 after round 4
        ({"compromise_choice": "least_move"}, 6),  # no switch by Belgium: 10, not 7.4, in round 6
        ({"vote_risk": False}, 6),  # linear votes: 7.52 after round 6 (the print: 7.4)
    ],
)
def test_each_choice_matters(eu, published, change, round_off):
    x, c, s = eu
    tr = run_model(x, c, s, preset("scholz2011", rounds=8, **change), 6.0)
    medians = np.concatenate(
        [tr.medians[1:, 0], np.repeat(tr.medians[-1, 0], 8)]
    )  # a fixed point stays
    printed = published["median"]
    misses = [t + 1 for t in range(8) if t != 1 and abs(medians[t] - printed[t]) > 0.1]
    assert misses and misses[0] == round_off


def test_probability_of_success_france_against_the_netherlands(eu):
    # README: 0.575 with each pair's own vote sum, 0.012 with the sum over all voters and pairs
    x, c, s = eu
    fr, nl = 4, 0
    for name, expected in (("as-printed", 0.575), ("scholz2011", 0.012)):
        d = play_round(x[None], c[None], s[None], preset(name), 6.0)
        p_first = d.p if d.p_first is None else d.p_first
        assert p_first[0, fr, nl] == pytest.approx(expected, abs=5e-4), name


def test_lowest_weighted_compromise_depends_on_the_scale_direction(eu, published):
    # reverse the scale (x → 14 − x): the strongest-proposer rule gives the mirrored path, the
    # code's lowest weighted position does not — so it is kept for replication only
    x, c, s = eu
    for rule, mirrors in (("strongest", True), ("lowest_weighted", False)):
        opts = preset("scholz2011", rounds=8, compromise_choice=rule)
        back = 14.0 - run_model(14.0 - x, c, s, opts, 6.0).medians[1:9, 0]
        assert np.allclose(back, published["median_code"], atol=0.005) == mirrors, rule
