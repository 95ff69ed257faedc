"""A user's own actor table: the public example's layout, the same result from a DataFrame, and
one-line errors naming the row and the column."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ujym.engines.bargaining import preset
from ujym.pipeline.bargaining import simulate_bargaining
from ujym.sources.actor_table import ActorTableError, actor_table_scenario, read_actor_table

EXAMPLE = "bdm_eu_emissions_example.csv"
GOOD = "actor,capability,position,salience\nA,1,0,50\nB,2,10,100\nC,1,5,20\n"


@pytest.fixture
def example(reference_dir):
    return reference_dir / EXAMPLE


def test_the_public_example_reads_as_a_scenario(example):
    sc = read_actor_table(example)
    assert sc.ids[:3] == ("Netherlands", "Belgium", "Luxembourg") and len(sc.ids) == 10
    assert (sc.scale_min, sc.scale_max) == (4.0, 10.0)
    assert sc.actors[9].salience.value == pytest.approx(0.7)  # Greece, 70 of 100
    assert sc.actors[0].position.evidence[0].label.endswith(f"{EXAMPLE}, row 2")


def test_a_dataframe_gives_the_same_result_as_the_file(example):
    opts = preset("scholz2011", rounds=8)
    from_file = simulate_bargaining(example, runs=30, seed=2, options=opts)
    from_frame = simulate_bargaining(pd.read_csv(example), runs=30, seed=2, options=opts)
    cols = ["round", "median", "mean", *from_file.scenario.ids]
    pd.testing.assert_frame_equal(from_file.rounds[cols], from_frame.rounds[cols])
    pd.testing.assert_frame_equal(from_file.forecast, from_frame.forecast)
    assert from_file.summary == from_frame.summary
    # and it is the paper's path (its code's figures, to two decimals; docs/bargaining.md)
    medians = from_frame.rounds["median"].round(2).tolist()[1:]
    assert medians == [8.42, 9.61, 9.96, 9.96, 9.96, 7.47, 8.82, 9.67]


def test_uncertainty_columns_and_the_salience_scale():
    df = pd.DataFrame(
        {
            "Actor": ["A", "B"],
            "capability": [1.0, 2.0],
            "position": [0.0, 10.0],
            "position_low": [0.0, None],
            "position_high": [3.0, None],
            "salience": [0.5, 1.0],
            "salience_sd": [0.1, None],
        }
    )
    sc = actor_table_scenario(df)
    a = sc.actors[0]
    assert (a.position.uncertainty.kind, a.position.uncertainty.high) == ("uniform", 3.0)
    assert (a.salience.value, a.salience.uncertainty.sd) == (0.5, 0.1)  # 0–1: all ≤ 1
    assert sc.actors[1].position.uncertainty.kind == "fixed"
    res = simulate_bargaining(df, runs=50, seed=1)
    # the stated uncertainty is drawn: A's position and salience vary, nothing else
    varied = set(zip(res.sensitivity["actor"], res.sensitivity["input"], strict=True))
    assert varied == {("A", "position"), ("A", "salience")}
    assert res.forecast["mean"].nunique() > 1


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "actor,capability,position\nA,1,0\nB,2,10\n",
            ", column salience: column salience missing",
        ),
        (GOOD.replace("B,2,", "B,two,"), ", row 3, column capability: 'two' is not a number"),
        (GOOD.replace("B,2,", "B,-2,"), ", row 3, column capability: capability -2 is negative"),
        (
            GOOD.replace("C,1,5,20", "C,1,5,120"),
            ", row 4, column salience: salience 120 is outside [0, 100]",
        ),
        (
            GOOD.replace("C,1,5,20", "C,1,5,-0.5")
            .replace(",50\n", ",0.5\n")
            .replace(",100\n", ",1\n"),
            ", row 4, column salience: salience -0.5 is negative",
        ),
        (
            GOOD.replace("C,1,5,20", "A,1,5,20"),
            ", row 4, column actor: actor 'A' appears twice (first in row 2)",
        ),
        (
            "actor,capability,position,salience\nA,1,0,50\n",
            ": 1 actor: the model needs at least 2",
        ),
        (
            GOOD.replace("B,2,10,100", "B,2,1e300,100"),
            ", row 3, column position: 1e+300 is absurdly large",
        ),
        (GOOD.replace("B,2,10,100", "B,2,,100"), ", row 3, column position: the cell is empty"),
        (GOOD.replace("B,2,10,100", ",2,10,100"), ", row 3, column actor: the actor has no name"),
        (
            "actor,capability,position,salience,position_low\nA,1,0,50,2\nB,2,10,100,\n",
            ", row 2, column position_high: a range needs both ends",
        ),
        (
            "actor,capability,position,salience\nA,0,0,50\nB,0,10,100\n",
            ", column capability: total capability is zero",
        ),
    ],
)
def test_bad_tables_are_one_line_naming_row_and_column(tmp_path, text, words):
    path = tmp_path / "actors.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ActorTableError) as err:
        read_actor_table(path)
    assert f"{path}{words}" in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("env", "value", "words"),
    [
        ("UJYM_MAX_ACTORS", "2", "3 actors exceed the limit of 2"),
        ("UJYM_MAX_TABLE_BYTES", "20", "bytes exceed the limit of 20"),
    ],
)
def test_absurd_sizes_are_refused(tmp_path, monkeypatch, env, value, words):
    path = tmp_path / "actors.csv"
    path.write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv(env, value)
    with pytest.raises(ActorTableError, match=words):
        read_actor_table(path)


def test_the_compiled_and_reference_paths_agree_on_the_example(example):
    sc = read_actor_table(example)
    x = np.array([a.position.value for a in sc.actors])
    c = np.array([a.capability.value for a in sc.actors])
    s = np.array([a.salience.value for a in sc.actors])
    from ujym.engines.bargaining import run_model

    for name in ("ujym", "scholz2011", "as-printed"):
        opts = preset(name, rounds=8)
        a = run_model(x, c, s, opts, sc.width)
        b = run_model(x, c, s, opts.with_(kernel="reference"), sc.width)
        np.testing.assert_allclose(a.medians, b.medians, rtol=0, atol=1e-12)
