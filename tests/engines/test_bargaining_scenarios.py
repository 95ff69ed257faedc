"""Scenario files: the shipped ones load; bad input names the file, the line and the fix."""

from __future__ import annotations

import textwrap
from typing import ClassVar

import pytest

from ujym.core.errors import UnknownCodeError
from ujym.sources.scenarios import ScenarioError, load_scenario, shipped_scenarios

GOOD = """\
id: t
title: {kk: a, ru: b, en: c}
issue: {kk: a, ru: b, en: c}
evidence: [{lines: "92-97", refs: [8]}]
scale:
  min: 0
  max: 100
  low: {kk: a, ru: b, en: c}
  high: {kk: a, ru: b, en: c}
actors:
  - id: RUS
    position: {value: 80, evidence: [{lines: "15-16"}]}
    capability: {value: 0.04, evidence: [{dataset: cow_nmc, version: "6.0", variable: cinc, year: 2012}]}
    salience: {value: 0.9, evidence: [{lines: "15-16"}]}
  - id: KAZ
    position: {value: 60, uncertainty: 10, evidence: [{casebook: C20}]}
    capability: {value: 0.003, evidence: [{dataset: cow_nmc}]}
    salience: {value: 0.7, evidence: [{lines: "195-197"}]}
"""


class FakeCasebook:
    known: ClassVar[set[str]] = {"RUS", "KAZ"}

    def actor(self, code):
        if code.upper() not in self.known:
            raise UnknownCodeError(f"unknown actor {code!r}", "use one of: KAZ, RUS")
        return code

    def claim(self, code):
        return code


def write(tmp_path, text):
    p = tmp_path / "s.yaml"
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def test_shipped_scenarios_load():
    names = shipped_scenarios()
    assert {"csto-new-type", "crdf-internal-crisis", "outside-power-offer"} <= set(names)
    for name in names:
        sc = load_scenario(name, casebook=None)
        assert len(sc.actors) >= 2 and sc.sources()


def test_shipped_scenarios_against_the_casebook():
    try:
        from ujym.sources.casebook import load_casebook
    except ImportError:
        pytest.skip("casebook loader not available")
    cb = load_casebook()
    for name in shipped_scenarios():
        load_scenario(name, casebook=cb)


def test_good_file(tmp_path):
    sc = load_scenario(write(tmp_path, GOOD), casebook=FakeCasebook())
    assert sc.ids == ("RUS", "KAZ") and sc.actors[1].position.uncertainty.low == 50


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("value: 80,", "value: 180,", 12, "outside the scale"),
        ("value: 0.9,", "value: 1.5,", 14, "outside [0, 1]"),
        ("id: KAZ", "id: RUS", 15, "appears twice"),
        ("id: KAZ", "id: XYZ", 15, "not in the casebook"),
        ("value: 0.04,", "value: 0,", 10, "total capability is zero"),
        (
            'salience: {value: 0.9, evidence: [{lines: "15-16"}]}',
            "salience: 0.9",
            14,
            "without its evidence",
        ),
    ],
)
def test_bad_input(tmp_path, old, new, line, words):
    text = GOOD.replace(old, new, 1)
    if "capability is zero" in words:
        text = text.replace("value: 0.003,", "value: 0,")
    path = write(tmp_path, text)
    with pytest.raises(ScenarioError) as err:
        load_scenario(path, casebook=FakeCasebook())
    msg = str(err.value)
    assert f"{path}:{line}:" in msg and words in msg and " — " in msg


def test_unknown_scenario_name():
    with pytest.raises(UnknownCodeError, match="csto-new-type"):
        load_scenario("no-such-scenario")
